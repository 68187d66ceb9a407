// The site index (taxonomies, slugs, lookups) and the presentation helpers.
#include <doctest/doctest.h>

#include <set>

#include "render/present.h"
#include "render/site_index.h"
#include "sample_site.h"

using fbtest::TestSite;

TEST_CASE("taxonomy slugs: collisions get -2, -3 and names without ASCII letters get a stable hash slug") {
  TestSite site;
  site.add("content/runbooks/a.md", "---\nservice: Orders DB\ntags: [\"数据库\", \"C++\", \"c\"]\n---\n# A\n")
      .add("content/runbooks/b.md", "---\nservice: orders-db\ntags: [\"日志\"]\n---\n# B\n")
      .add("content/runbooks/c.md", "---\nservice: orders_db\n---\n# C\n");
  site.load();
  fb::SiteIndex ix = fb::build_site_index(site.config, site.model, site.now);
  REQUIRE(ix.services.terms.size() == 3);
  // Names are assigned in sorted order: "Orders DB" < "orders-db" < "orders_db".
  CHECK(ix.services.find("Orders DB")->slug == "orders-db");
  CHECK(ix.services.find("orders-db")->slug == "orders-db-2");
  CHECK(ix.services.find("orders_db")->slug == "orders-db-3");
  const fb::Term* cjk = ix.tags.find("数据库");
  const fb::Term* cjk2 = ix.tags.find("日志");
  REQUIRE(cjk != nullptr);
  REQUIRE(cjk2 != nullptr);
  CHECK(cjk->slug.rfind("t-", 0) == 0);
  CHECK(cjk->slug.size() == 10);
  CHECK(cjk->slug != cjk2->slug);
  // "C++" and "c" both slugify to "c".
  CHECK(ix.tags.find("C++")->slug == "c");
  CHECK(ix.tags.find("c")->slug == "c-2");
  std::set<std::string> slugs;
  for (const auto& t : ix.tags.terms) slugs.insert(t.slug);
  CHECK(slugs.size() == ix.tags.terms.size());
  // And every term gets its own page.
  auto files = fbtest::by_path(site.render());
  CHECK(files.count("services/orders-db-3/index.html") == 1);
  CHECK(files.count("tags/" + cjk->slug + "/index.html") == 1);
  CHECK(files["services/orders-db-2/index.html"].find("<h1>orders-db</h1>") != std::string::npos);
}

TEST_CASE("site index: lookups by id, alert and runbook, severities in scale order, counts at now") {
  TestSite site;
  fbtest::add_sample(site).load();
  fb::SiteIndex ix = fb::build_site_index(site.config, site.model, site.now);
  REQUIRE(ix.runbook_by_id.count("pool") == 1);
  CHECK(ix.runbook_by_id.at("pool")->doc->title == "Connection pool exhausted");
  CHECK(ix.runbooks_by_alert.at("PoolExhausted").size() == 2);
  CHECK(ix.postmortems_by_runbook.at("pool").size() == 1);
  CHECK(ix.postmortems_by_runbook.at("disk-full").front()->incident_id == "INC-2026-071");
  REQUIRE(ix.severities.terms.size() == 4);
  CHECK(ix.severities.terms[0].name == "SEV1");
  CHECK(ix.severities.terms[3].name == "SEV4");
  CHECK(ix.severities.terms[3].runbooks.empty());
  CHECK(ix.postmortems.front()->incident_id == "INC-2026-071");  // newest first
  CHECK(ix.open_actions == 1);
  CHECK(ix.overdue_actions == 1);
  CHECK(ix.reviews_overdue == 1);  // disk-full, reviewed 2025-01-01 with a 180-day policy
  CHECK(ix.owners.find("tomas")->actions.size() == 1);
  CHECK(ix.owners.find("team-data")->runbooks.size() == 1);
}

TEST_CASE("presentation helpers") {
  CHECK(fb::format_count(18400) == "18,400");
  CHECK(fb::format_count(999) == "999");
  CHECK(fb::format_count(1000000) == "1,000,000");
  CHECK(fb::format_count(-1234) == "-1,234");
  CHECK(fb::url_encode_path("runbooks/My Runbook #1/index.html") == "runbooks/My%20Runbook%20%231/index.html");
  CHECK(fb::url_encode_path("runbooks/café/index.html") == "runbooks/caf%C3%A9/index.html");
  CHECK(fb::absolute_url("https://x.example/kb", "runbooks/a/index.html") == "https://x.example/kb/runbooks/a/index.html");
  CHECK(fb::absolute_url("https://x.example/", "/index.html") == "https://x.example/index.html");
  CHECK(fb::absolute_url("", "index.html").empty());
  CHECK(fb::format_time_utc(fb::parse_timestamp("2026-03-04T14:52:00+01:00")->epoch) == "2026-03-04 13:52 UTC");
}

TEST_CASE("review state relative to now") {
  fb::Config config = fb::default_config();
  config.runbooks.review_every = 90 * 86400;
  fb::Runbook rb;
  const int64_t now = fbtest::test_now();
  auto state = [&](const char* reviewed) {
    rb.last_reviewed = fb::parse_date(reviewed);
    return fb::review_state(rb, config, now);
  };
  CHECK(state("2026-10-01").state == "ok");
  CHECK(state("2026-10-01").due == "2026-12-30");
  CHECK(state("2026-10-01").note == "next review in 37 days");
  CHECK(state("2026-09-01").state == "due-soon");
  CHECK(state("2026-09-01").note == "review due in 7 days");
  CHECK(state("2026-08-01").state == "overdue");
  CHECK(state("2026-08-01").note == "review overdue by 24 days");
  rb.last_reviewed.reset();
  CHECK(fb::review_state(rb, config, now).state == "never");
  rb.review_every = 30 * 86400;  // a front-matter override wins over the policy
  CHECK(state("2026-10-01").state == "overdue");
}
