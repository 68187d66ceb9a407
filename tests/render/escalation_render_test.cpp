// site.yaml escalation rendered: the matrix on the severities page, the line in runbook and PIR headers
// (the service or team override where one applies), and hostile contact text rendered inert.
#include <doctest/doctest.h>

#include "fixture.h"

using fbtest::TestSite;

namespace {

const char* kSite = R"(
teams:
  - {id: team-pay, name: "Pay <b>team</b>"}
escalation:
  - severity: SEV1
    repeat: 2
    tiers:
      - after: 0m
        notify:
          - {team: team-pay, role: primary on-call, via: pager, contact: "<script>alert(1)</script>"}
          - {role: incident commander, via: slack, contact: "#inc"}
      - after: 15m
        notify: [{name: "<img src=x onerror=alert(2)>", handle: "@dana", via: phone}]
  - severity: SEV1
    service: checkout
    tiers:
      - {after: 0m, notify: [{team: team-pay, role: checkout on-call, via: pager}]}
  - severity: SEV2
    team: team-pay
    tiers: [{after: 5m, notify: [{role: "team lead"}]}]
  - {severity: SEV3, tiers: []}
)";

std::map<std::string, std::string> render(const std::string& site_yaml) {
  TestSite site;
  if (!site_yaml.empty()) site.config = fb::parse_config(site_yaml, "site.yaml", site.diags);
  REQUIRE_FALSE(site.diags.has_errors());
  site.add("content/runbooks/api/a.md", "---\ntitle: A\nseverity: SEV1\n---\n## Symptoms\n")
      .add("content/runbooks/checkout/b.md", "---\ntitle: B\nseverity: P0\nowner: team-pay\n---\n## Symptoms\n")
      .add("content/runbooks/api/c.md", "---\ntitle: C\nseverity: SEV2\nowner: team-pay\n---\n## Symptoms\n")
      .add("content/runbooks/api/d.md", "---\ntitle: D\nseverity: SEV4\n---\n## Symptoms\n")
      .add("content/postmortems/p.md", "---\ntitle: P\nseverity: SEV1\nservices: [tax, checkout]\n---\n# P\n")
      .add("content/postmortems/q.md", "---\ntitle: Q\nseverity: SEV3\n---\n# Q\n");
  site.load();
  auto r = site.render();
  REQUIRE_FALSE(r.diags.has_errors());
  return fbtest::by_path(r);
}

/// The text of the header's escalation line of `page` ("" when it has none).
std::string line_of(const std::string& page) {
  size_t a = page.find("<p class=\"escalation-line\">");
  if (a == std::string::npos) return "";
  return page.substr(a, page.find("</p>", a) - a);
}

}  // namespace

TEST_CASE("escalation header: the severity-wide policy, with tiers, contacts and repeat") {
  auto files = render(kSite);
  std::string line = line_of(files["runbooks/api/a/index.html"]);
  CHECK(line.find("Escalation for SEV1:") != std::string::npos);
  CHECK(line.find("<strong>0m</strong> Pay &lt;b&gt;team&lt;/b&gt; · primary on-call (pager &lt;script&gt;alert(1)&lt;/script&gt;)"
                  ", incident commander (slack #inc)") != std::string::npos);
  CHECK(line.find("<span aria-hidden=\"true\">→</span>") != std::string::npos);
  CHECK(line.find("<strong>15m</strong> &lt;img src=x onerror=alert(2)&gt; (@dana) (phone)") != std::string::npos);
  CHECK(line.find("repeats 2×") != std::string::npos);
}

TEST_CASE("escalation header: service override (through an alias), team override, PIR service, none") {
  auto files = render(kSite);
  std::string b = line_of(files["runbooks/checkout/b/index.html"]);
  CHECK(b.find("Escalation for SEV1 (service checkout):") != std::string::npos);
  CHECK(b.find("checkout on-call (pager)") != std::string::npos);
  CHECK(b.find("repeats") == std::string::npos);
  std::string c = line_of(files["runbooks/api/c/index.html"]);
  CHECK(c.find("Escalation for SEV2 (team Pay &lt;b&gt;team&lt;/b&gt;):") != std::string::npos);
  CHECK(c.find("<strong>5m</strong> team lead") != std::string::npos);
  CHECK(line_of(files["runbooks/api/d/index.html"]).empty());  // SEV4 has no policy
  CHECK(line_of(files["postmortems/p/index.html"]).find("(service checkout)") != std::string::npos);
  CHECK(line_of(files["postmortems/q/index.html"]).find("nobody is paged") != std::string::npos);
}

TEST_CASE("escalation matrix: one row per policy in scale order, in a scroll wrapper") {
  auto files = render(kSite);
  const std::string& page = files["severities/index.html"];
  size_t m = page.find("id=\"fb-escalation-matrix\"");
  REQUIRE(m != std::string::npos);
  std::string matrix = page.substr(m, page.find("</table>", m) - m);
  CHECK(matrix.find("<div class=\"table-scroll\">") != std::string::npos);
  size_t sev1 = matrix.find(">SEV1</span>"), svc = matrix.find("<td>service checkout</td>");
  size_t sev2 = matrix.find(">SEV2</span>"), sev3 = matrix.find(">SEV3</span>"), sev4 = matrix.find(">SEV4</span>");
  REQUIRE(sev1 != std::string::npos);
  CHECK(sev1 < svc);
  CHECK(svc < sev2);
  CHECK(sev2 < sev3);
  CHECK(sev3 < sev4);
  // SEV2 has only a team override: a "no policy" row comes first.
  CHECK(matrix.find("no policy", sev2) < matrix.find("team Pay &lt;b&gt;team&lt;/b&gt;", sev2));
  CHECK(matrix.find("nobody is paged", sev3) < sev4);
  CHECK(matrix.find("<td>2×</td>") != std::string::npos);
  CHECK(matrix.find("<li><strong>15m</strong> &lt;img src=x onerror=alert(2)&gt; (@dana)") != std::string::npos);
  for (const auto& [path, bytes] : files) {
    INFO(path);
    CHECK(bytes.find("<script>alert") == std::string::npos);
    CHECK(bytes.find("<img src=x") == std::string::npos);
    CHECK(bytes.find("<b>team") == std::string::npos);
  }
}

TEST_CASE("escalation: a site without escalation shows neither matrix nor header line") {
  auto files = render("");
  CHECK(files["severities/index.html"].find("fb-escalation-matrix") == std::string::npos);
  for (const char* p : {"runbooks/api/a/index.html", "postmortems/p/index.html"}) CHECK(line_of(files[p]).empty());
}
