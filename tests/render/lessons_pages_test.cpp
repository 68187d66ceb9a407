// The lessons parts of the site: SVG charts, /patterns/, /metrics/, PIR and service pages.
#include <doctest/doctest.h>

#include <regex>

#include "fixture.h"
#include "lessons/lessons.h"
#include "render/charts_svg.h"

using namespace fb;
using fbtest::TestSite;

namespace {

const char* kEarlier = R"(---
title: Checkout down, pool exhausted
incident_id: INC-1
severity: SEV1
services: [checkout]
started_at: 2026-03-04T10:00:00Z
acknowledged_at: 2026-03-04T10:03:00Z
resolved_at: 2026-03-04T11:00:00Z
root_cause: {category: capacity, summary: "The PgBouncer connection pool was exhausted by retries from checkout workers."}
action_items:
  - {id: AI-1, title: Raise the pool, status: done, due: 2026-03-11, completed_at: 2026-03-10}
---
Body.
)";

const char* kLater = R"(---
title: Checkout down again, pool exhausted
incident_id: INC-2
severity: SEV2
services: [checkout]
started_at: 2026-04-02T10:00:00Z
acknowledged_at: 2026-04-02T10:30:00Z
resolved_at: 2026-04-02T16:00:00Z
root_cause: {category: capacity, summary: "Retries from checkout workers exhausted the PgBouncer connection pool again."}
alerts: [PoolExhausted]
action_items:
  - {id: AI-2, title: Budget connections, status: open, due: 2026-05-01}
---
Body.
)";

const char* kOther = R"(---
title: "<script>alert(1)</script> certificate expired"
incident_id: INC-3
severity: SEV3
services: [edge]
started_at: 2026-06-01T10:00:00Z
resolved_at: 2026-06-01T12:00:00Z
root_cause: {category: certificate, summary: "The TLS certificate of the edge proxy expired."}
---
Renewal notes.
)";

struct Rendered {
  TestSite site;
  LessonsResult lessons;
  std::map<std::string, std::string> files;
};

/// Renders the three PIRs with (or without) the lessons stage.
std::unique_ptr<Rendered> render(bool with_lessons) {
  auto r = std::make_unique<Rendered>();
  r->site.config.patterns.min_occurrences = 2;
  r->site.add("content/postmortems/a.md", kEarlier).add("content/postmortems/b.md", kLater)
      .add("content/postmortems/c.md", kOther).add("content/runbooks/pool.md", "---\nservice: orders-db\n---\n# Pool\n");
  r->site.load();
  r->lessons = analyse_lessons(r->site.config, r->site.model, r->site.now);
  RenderInput in;
  in.config = &r->site.config;
  in.docs = &r->site.docs;
  in.model = &r->site.model;
  in.now = r->site.now;
  in.theme_dir = r->site.theme_dir;
  if (with_lessons) in.lessons = &r->lessons;
  RenderResult out = render_site(in);
  CHECK(out.diags.items.empty());
  r->files = fbtest::by_path(out);
  return r;
}

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("charts: colours are whitelisted, ticks are round, text is escaped, title/desc are referenced") {
  CHECK(charts::safe_color("#b91c1c") == "#b91c1c");
  CHECK(charts::safe_color("teal") == "teal");
  CHECK(charts::safe_color("red;stroke:url(x)") == "#6b7280");
  CHECK(charts::safe_color("#12") == "#6b7280");
  CHECK(charts::nice_ticks(7) == std::vector<double>{0, 2, 4, 6, 8});
  CHECK(charts::nice_ticks(0.7) == std::vector<double>{0, 0.2, 0.4, 0.6, 0.8});
  CHECK(charts::nice_ticks(0.7, 5, true) == std::vector<double>{0, 1});
  std::string svg = charts::stacked_bars({"c1", "T <b>", "D & more"}, {"2026-01", "<m>"},
                                         {{"SEV1", "#b91c1c", {1, 2}}, {"S\"2", "bad color!", {0, 3}}});
  CHECK(svg.rfind("<svg class=\"chart\" role=\"img\" aria-labelledby=\"c1-title c1-desc\"", 0) == 0);
  CHECK(svg.find("<title id=\"c1-title\">T &lt;b&gt;</title><desc id=\"c1-desc\">D &amp; more</desc>") !=
        std::string::npos);
  CHECK(svg.find("&lt;m&gt;") != std::string::npos);
  CHECK(svg.find("<m>") == std::string::npos);
  CHECK(svg.find("bad color!") == std::string::npos);
  CHECK(count(svg, "<rect") == 3 + 2);  // three non-zero values, two legend swatches
  CHECK(svg.substr(svg.size() - 6) == "</svg>");
  CHECK(charts::percent_bars({"p", "t", "d"}, {{"SEV1", "#000", 0.5}, {"SEV2", "#000", std::nullopt}}).find("no data") !=
        std::string::npos);
  CHECK(charts::box_plots({"b", "t", "d"}, {{"SEV1", "#000", {}, std::nullopt}}).find("No durations recorded") !=
        std::string::npos);
}

TEST_CASE("patterns and metrics pages exist only with the lessons stage") {
  auto without = render(false);
  CHECK_FALSE(without->files.count("patterns/index.html"));
  CHECK_FALSE(without->files.count("metrics/index.html"));
  CHECK(without->files.at("postmortems/b/index.html").find("Similar incidents") == std::string::npos);
  auto with = render(true);
  REQUIRE(with->files.count("patterns/index.html"));
  REQUIRE(with->files.count("metrics/index.html"));
}

TEST_CASE("patterns page: every pattern with why it matters, its evidence and links to the PIRs") {
  auto r = render(true);
  const std::string& html = r->files.at("patterns/index.html");
  for (const Pattern& p : r->lessons.patterns) {
    CHECK_MESSAGE(html.find("id=\"" + p.id + "\"") != std::string::npos, p.id);
  }
  CHECK(html.find("INC-2 repeated INC-1 after its fixes were completed") != std::string::npos);
  CHECK(html.find("Why it matters:") != std::string::npos);
  CHECK(html.find("href=\"../postmortems/a/index.html\"") != std::string::npos);
  CHECK(html.find("<script>alert(1)") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)") != std::string::npos);
}

TEST_CASE("metrics page: four inline SVG charts, each with title, desc and a data table, severity colours") {
  auto r = render(true);
  const std::string& html = r->files.at("metrics/index.html");
  CHECK(count(html, "<svg class=\"chart\" role=\"img\"") == 4);
  CHECK(count(html, "<desc id=") == 4);
  CHECK(count(html, "<summary>Data table:") == 4);
  CHECK(html.find("fill=\"#b91c1c\"") != std::string::npos);  // SEV1 colour of the default scale
  std::smatch m;
  REQUIRE(std::regex_search(html, m, std::regex(R"(<th scope="row">2026-04</th><td>0</td><td>1</td>)")));
  CHECK(html.find("<th scope=\"row\">SEV1</th><td>1</td><td>1h</td>") != std::string::npos);  // TTR table row
}

TEST_CASE("PIR pages: similar incidents with a score, the repeat-after-fix badge on the later incident only") {
  auto r = render(true);
  const std::string& later = r->files.at("postmortems/b/index.html");
  const std::string& earlier = r->files.at("postmortems/a/index.html");
  CHECK(later.find("id=\"fb-similar-incidents\"") != std::string::npos);
  CHECK(later.find("href=\"../../postmortems/a/index.html\">Checkout down, pool exhausted</a>") != std::string::npos);
  CHECK(std::regex_search(later, std::regex(R"(similarity [01]\.[0-9]{2})")));
  CHECK(later.find("lesson-badge lesson-repeat-after-fix") != std::string::npos);
  CHECK(earlier.find("lesson-badge lesson-repeat-after-fix") == std::string::npos);
  // Two capacity incidents four weeks apart in a three-month history are chance, not a recurrence.
  CHECK(earlier.find("lesson-badge lesson-category-recurrence") == std::string::npos);
  CHECK(r->files.at("postmortems/c/index.html").find("No other review describes a similar root cause") !=
        std::string::npos);
}

TEST_CASE("service pages: reliability figures and the patterns that involve the service") {
  auto r = render(true);
  const std::string& checkout = r->files.at("services/checkout/index.html");
  CHECK(checkout.find("id=\"fb-service-patterns\"") != std::string::npos);
  CHECK(checkout.find("mean time between failures 29d") != std::string::npos);
  CHECK(checkout.find("patterns/index.html#repeat-after-fix-inc-2") != std::string::npos);
  const std::string& edge = r->files.at("services/edge/index.html");
  CHECK(edge.find("patterns/index.html#runbook-gap-service-edge") != std::string::npos);
}
