// Pages: every kind is produced, every link is relative and resolves to a produced file, values are
// escaped, and the runbook/PIR pages show what the model computed.
#include <doctest/doctest.h>

#include <map>
#include <mutex>
#include <regex>
#include <set>

#include "sample_site.h"

using fbtest::TestSite;

namespace {

/// `href`/`src` attribute values of an HTML page (entities &amp; decoded).
std::vector<std::string> links_of(const std::string& html) {
  static const std::regex re(R"re((?:href|src)="([^"]*)")re");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it) {
    std::string v = (*it)[1];
    for (size_t p; (p = v.find("&amp;")) != std::string::npos;) v.replace(p, 5, "&");
    out.push_back(v);
  }
  return out;
}

std::string percent_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

/// `link` as seen from `page` (both site-relative), normalised; "" when it climbs above the root.
std::string resolve(const std::string& page, std::string link) {
  link = link.substr(0, link.find_first_of("#?"));
  std::vector<std::string> parts;
  std::string dir = page.substr(0, page.rfind('/') == std::string::npos ? 0 : page.rfind('/'));
  std::string path = dir.empty() ? link : dir + "/" + link;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    std::string part = path.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (part == "..") {
      if (parts.empty()) return "";
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return percent_decode(out);
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

TEST_CASE("every page kind is produced") {
  TestSite site;
  fbtest::add_sample(site).load();
  REQUIRE_FALSE(site.diags.has_errors());
  auto r = site.render();
  std::string first = r.diags.items.empty() ? "" : fb::format_diagnostic(r.diags.items.front());
  INFO(first);
  CHECK_FALSE(r.diags.has_errors());
  auto files = fbtest::by_path(r);
  for (const char* p :
       {"index.html", "404.html", "search/index.html", "sitemap.xml", "postmortems/index.xml", "runbooks/index.html",
        "postmortems/index.html", "runbooks/db/pool/index.html", "runbooks/disk-full/index.html",
        "postmortems/2026-03-04-outage/index.html", "postmortems/2026-08-19-etl/index.html", "services/index.html",
        "services/orders-db/index.html", "services/checkout/index.html", "tags/index.html", "tags/postgres/index.html",
        "severities/index.html", "severities/sev1/index.html", "severities/sev4/index.html", "owners/index.html",
        "owners/team-data/index.html", "owners/priya/index.html", "api/runbooks.json", "api/postmortems.json",
        "api/alerts.json", "assets/style.css", "assets/site.js", "assets/severities.css"}) {
    INFO(p);
    CHECK(files.count(p) == 1);
  }
}

TEST_CASE("links are relative, explicit index.html, and resolve to produced files") {
  TestSite site;
  fbtest::add_sample(site).load();
  site.config.repo_url = "https://git.example.com/team/kb";
  site.config.base_url = "https://kb.example.com/runbooks/";
  auto r = site.render();
  auto files = fbtest::by_path(r);
  const std::set<std::string> external_ok = {"https://example.com/pgbouncer"};  // from content
  size_t checked = 0;
  for (const auto& [path, bytes] : files) {
    if (!ends_with(path, ".html")) continue;
    for (const std::string& link : links_of(bytes)) {
      INFO(path << " links to " << link);
      if (link.empty() || link[0] == '#') continue;
      if (link.find("://") != std::string::npos) {
        bool repo = link.rfind(site.config.repo_url, 0) == 0;
        CHECK((external_ok.count(link) == 1 || repo));
        continue;
      }
      CHECK(link[0] != '/');
      std::string target = resolve(path, link);
      CHECK_FALSE(target.empty());
      CHECK_FALSE(ends_with(link, "/"));
      CHECK(files.count(target) == 1);
      ++checked;
    }
  }
  CHECK(checked > 200);
}

TEST_CASE("a <script> in title, service, tag, owner or incident id renders inert everywhere") {
  TestSite site;
  site.add("content/runbooks/xss.md",
           "---\ntitle: \"<script>alert(1)</script> title\"\nservice: \"<script>alert(2)</script>\"\n"
           "owner: \"<img src=x onerror=alert(5)>\"\ntags: [\"<script>alert(3)</script>\"]\n"
           "alerts: [\"<script>alert(6)</script>\"]\n---\n## Symptoms\n\n<script>alert(7)</script>\n")
      .add("content/postmortems/xss.md",
           "---\ntitle: \"PIR <script>alert(8)</script>\"\nincident_id: \"<b>INC</b>\"\nseverity: SEV2\n"
           "services: [\"<script>alert(2)</script>\"]\nrunbooks: [xss]\naction_items:\n  - id: A1\n"
           "    title: \"<script>alert(9)</script>\"\n    owner: \"<script>alert(4)</script>\"\n    due: 2026-01-01\n---\n");
  site.load();
  auto r = site.render();
  CHECK_FALSE(r.diags.has_errors());
  auto files = fbtest::by_path(r);
  for (const auto& [path, bytes] : files) {
    if (!ends_with(path, ".html") && !ends_with(path, ".xml")) continue;
    INFO(path);
    CHECK(bytes.find("<script>alert") == std::string::npos);
    CHECK(bytes.find("<img src=x") == std::string::npos);
    CHECK(bytes.find("<b>INC") == std::string::npos);
  }
  const std::string& rb = files["runbooks/xss/index.html"];
  CHECK(rb.find("&lt;script&gt;alert(1)&lt;/script&gt; title") != std::string::npos);
  CHECK(rb.find("&lt;script&gt;alert(2)&lt;/script&gt;") != std::string::npos);
  CHECK(rb.find("&lt;script&gt;alert(3)&lt;/script&gt;") != std::string::npos);
  const std::string& pir = files["postmortems/xss/index.html"];
  CHECK(pir.find("&lt;script&gt;alert(4)&lt;/script&gt;") != std::string::npos);
  CHECK(pir.find("&lt;b&gt;INC&lt;/b&gt;") != std::string::npos);
  // The owner's term page exists under a safe slug.
  CHECK(files.count("owners/script-alert-4-script/index.html") == 1);
}

TEST_CASE("runbook page: metadata, review state, escalation, related and past incidents") {
  TestSite site;
  fbtest::add_sample(site).load();
  auto files = fbtest::by_path(site.render());
  const std::string& page = files["runbooks/db/pool/index.html"];
  CHECK(page.find("<h1>Connection pool exhausted</h1>") != std::string::npos);
  CHECK(page.find("href=\"../../../services/orders-db/index.html\"") != std::string::npos);
  CHECK(page.find("href=\"../../../owners/team-data/index.html\"") != std::string::npos);
  CHECK(page.find("class=\"badge sev sev-sev2\"") != std::string::npos);
  CHECK(page.find("<code class=\"alert-name\">PoolExhausted</code>") != std::string::npos);
  CHECK(page.find("@data-oncall") != std::string::npos);
  // Reviewed 2026-10-01 with the default 180-day policy: due 2027-03-30, fine at 2026-11-23.
  CHECK(page.find("2027-03-30") != std::string::npos);
  CHECK(page.find("review review-ok") != std::string::npos);
  // Related: one found, one missing; past incidents: the PIR listing `pool` in runbooks:.
  CHECK(page.find("href=\"../../../runbooks/disk-full/index.html\">Disk full</a>") != std::string::npos);
  CHECK(page.find("no-such-runbook <span class=\"muted\">(not found)</span>") != std::string::npos);
  CHECK(page.find("href=\"../../../postmortems/2026-03-04-outage/index.html\">Checkout outage</a>") != std::string::npos);
  // Body HTML is cmark's, with the content link rewritten to the page URL.
  CHECK(page.find("href=\"../../../postmortems/2026-03-04-outage/index.html#timeline\"") != std::string::npos);

  const std::string& disk = files["runbooks/disk-full/index.html"];
  CHECK(disk.find("review overdue by") != std::string::npos);
  CHECK(disk.find("No post-incident review references this runbook yet.") == std::string::npos);  // the YAML PIR does
}

TEST_CASE("PIR page: durations against targets, timeline, action items with overdue, runbooks used") {
  TestSite site;
  fbtest::add_sample(site).load();
  auto files = fbtest::by_path(site.render());
  const std::string& page = files["postmortems/2026-03-04-outage/index.html"];
  // SEV1 default targets: acknowledge 5m (took 9m: breached), resolve 1h (took 1h 38m: breached).
  std::regex ack(R"(Time to acknowledge</th>\s*<td>9m</td>\s*<td>5m</td>\s*<td><span class="sla sla-breached">)");
  CHECK(std::regex_search(page, ack));
  std::regex det(R"(Time to detect</th>\s*<td>3m</td>)");
  CHECK(std::regex_search(page, det));
  CHECK(page.find("18,400") != std::string::npos);
  CHECK(page.find("<span class=\"chip\">capacity</span>") != std::string::npos);
  // The timeline shows the date only when the day changes.
  CHECK(page.find("<span class=\"date\">2026-03-04</span>") != std::string::npos);
  CHECK(page.find("<span class=\"date\">2026-03-05</span>") != std::string::npos);
  // AI-2 is open and was due 2026-04-01: overdue at 2026-11-23; AI-1 is done.
  std::regex overdue(R"(<tr class="is-overdue">\s*<td class="nowrap">AI-2</td>)");
  CHECK(std::regex_search(page, overdue));
  std::regex done(R"(<tr class="is-done">\s*<td class="nowrap">AI-1</td>)");
  CHECK(std::regex_search(page, done));
  CHECK(page.find("href=\"../../runbooks/db/pool/index.html\">Connection pool exhausted</a>") != std::string::npos);
  // An alert that fired links to the runbook handling it.
  CHECK(page.find("href=\"../../runbooks/db/pool/index.html\" title=\"Runbook: Connection pool exhausted\"") !=
        std::string::npos);
}

TEST_CASE("section lists are sortable tables of every document") {
  TestSite site;
  fbtest::add_sample(site).load();
  auto files = fbtest::by_path(site.render());
  const std::string& rbs = files["runbooks/index.html"];
  CHECK(rbs.find("<table class=\"sortable runbook-table\">") != std::string::npos);
  CHECK(rbs.find("href=\"../runbooks/db/pool/index.html\"") != std::string::npos);
  CHECK(rbs.find("href=\"../runbooks/disk-full/index.html\"") != std::string::npos);
  const std::string& pms = files["postmortems/index.html"];
  // Newest first: the August PIR before the March one.
  CHECK(pms.find("2026-08-19-etl/index.html") < pms.find("2026-03-04-outage/index.html"));
  CHECK(pms.find("data-sort=\"2026-08-19T02:00:00Z\"") != std::string::npos);
}

TEST_CASE("rendering is deterministic and independent of the number of workers") {
  TestSite site;
  fbtest::add_sample(site).load();
  auto a = fbtest::by_path(site.render());
  setenv("FIREBREAK_THREADS", "1", 1);
  auto b = fbtest::by_path(site.render());
  unsetenv("FIREBREAK_THREADS");
  CHECK(a == b);
}

TEST_CASE("search contract: one box and one results container per page, search.js on every page") {
  TestSite site;
  fbtest::add_sample(site).load();
  auto files = fbtest::by_path(site.render());
  auto count = [](const std::string& s, const std::string& what) {
    size_t n = 0;
    for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
    return n;
  };
  size_t pages = 0;
  for (const auto& [path, html] : files) {
    if (!ends_with(path, ".html")) continue;
    INFO(path);
    ++pages;
    std::string root = fb::root_prefix(path);
    CHECK(count(html, "id=\"fb-search-input\"") == 1);
    CHECK(count(html, "id=\"fb-search-results\"") == 1);
    CHECK(html.find("<form class=\"search\" role=\"search\" action=\"" + root + "search/index.html\">") !=
          std::string::npos);
    CHECK(html.find("<script src=\"" + root + "assets/search.js\" defer></script>") != std::string::npos);
  }
  CHECK(pages > 20);
  // On the search page the results container is the page's main content.
  const std::string& search = files["search/index.html"];
  CHECK(search.find("<main id=\"main\" class=\"wrap search-page\">") < search.find("id=\"fb-search-results\""));
}

TEST_CASE("home: service cards with runbooks for a few services, a compact index for many") {
  TestSite few;
  fbtest::add_sample(few).load();
  std::string home = fbtest::by_path(few.render())["index.html"];
  CHECK(home.find("<section class=\"card service-card\">") != std::string::npos);
  CHECK(home.find("href=\"runbooks/db/pool/index.html\">Connection pool exhausted</a>") != std::string::npos);
  TestSite many;
  for (int i = 0; i < 25; ++i)
    many.add("content/runbooks/r" + std::to_string(i) + ".md",
             "---\ntitle: R" + std::to_string(i) + "\nservice: svc-" + std::to_string(i) + "\n---\n# R\n");
  many.load();
  home = fbtest::by_path(many.render())["index.html"];
  CHECK(home.find("service-card") == std::string::npos);
  CHECK(home.find("<ul class=\"service-index\">") != std::string::npos);
  CHECK(home.find("href=\"services/svc-24/index.html\">svc-24</a>") != std::string::npos);
}

TEST_CASE("with a sink every file is handed over once, with the same bytes, and none are kept") {
  TestSite site;
  fbtest::add_sample(site).load();
  auto kept = fbtest::by_path(site.render());
  fb::RenderInput in;
  in.config = &site.config;
  in.docs = &site.docs;
  in.model = &site.model;
  in.now = site.now;
  in.site_dir = site.site_dir;
  in.theme_dir = site.theme_dir;
  std::mutex mu;
  std::map<std::string, std::string> sunk;
  size_t calls = 0;
  in.sink = [&](const fb::OutputFile& f) {
    std::lock_guard<std::mutex> lock(mu);
    ++calls;
    sunk[f.path] = f.bytes;
    return true;
  };
  fb::RenderResult r = fb::render_site(in);
  CHECK(r.files.empty());
  CHECK(r.streamed == calls);
  CHECK(calls == sunk.size());  // no file twice
  CHECK(sunk == kept);
}
