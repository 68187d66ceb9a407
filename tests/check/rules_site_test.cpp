// FB401-FB407 links, references and duplicates.
#include "site_fixture.h"

using namespace fbtest;

namespace {
const std::string kNow = "2026-11-01T00:00:00Z";
}

TEST_CASE("FB403/FB404: related and a PIR's runbooks must name existing runbooks") {
  TestSite s({runbook("content/runbooks/db-failover.md", "related: [disk-full, db-failovr]\n"),
              runbook("content/runbooks/disk/disk-full.md"),
              runbook("content/runbooks/pool.md", "id: db-pool\n"),
              pir("content/postmortems/p.md", "runbooks: [db-pool, pool]\n")});
  auto d = s.check(kNow);
  auto rel = with_code(d, "FB403"), pm = with_code(d, "FB404");
  REQUIRE_MESSAGE(rel.size() == 1, dump(d));
  CHECK(rel[0].file == "content/runbooks/db-failover.md");
  CHECK(rel[0].hint == "Did you mean `db-failover`?");
  REQUIRE(pm.size() == 1);  // `pool` is the file name, but the id is db-pool
  CHECK(pm[0].message == "`runbooks` names runbook `pool`, which does not exist");
  CHECK(pm[0].line == 4);
}

TEST_CASE("FB405/FB406/FB407: duplicate ids, pages and incident ids") {
  TestSite s({runbook("content/runbooks/a.md", "id: same\n"), runbook("content/runbooks/b.md", "id: same\n"),
              pir("content/postmortems/a.md"),  // a PIR may share an id with a runbook
              {"content/postmortems/x.md", "---\nseverity: SEV3\nincident_id: INC-1\n---\n"},
              {"content/postmortems/x.yaml", "severity: SEV3\nincident_id: INC-1\n"}});
  auto d = s.check(kNow);
  auto ids = with_code(d, "FB405"), pages = with_code(d, "FB406"), inc = with_code(d, "FB407");
  REQUIRE_MESSAGE(ids.size() == 2, dump(d));  // runbook `same`, PIR `x`
  CHECK(ids[0].file == "content/postmortems/x.yaml");
  CHECK(ids[1].file == "content/runbooks/b.md");
  CHECK(ids[1].line == 4);
  CHECK(ids[1].message == "runbook id `same` is already used by content/runbooks/a.md:4");
  REQUIRE(pages.size() == 1);
  CHECK(pages[0].file == "content/postmortems/x.yaml");
  REQUIRE(inc.size() == 1);
  CHECK(inc[0].file == "content/postmortems/x.yaml");
  CHECK(inc[0].line == 2);
}

TEST_CASE("FB401/FB402: links to missing pages and anchors, good links, external and non-content links pass") {
  std::string body =
      "\nSee [pool](../runbooks/db/pool.md#mitigation), [top](#timeline), [ext](https://x.example/a.md),\n"
      "[img](../../static/a.png), [mail](mailto:a@b.c), [abs](/runbooks/x.md).\n\n"
      "Broken: [gone](../runbooks/nope.md) and [anchor](../runbooks/db/pool.md#mitigaton) and [self](#nowhere).\n"
      "Encoded: [sp](../runbooks/db/pool.md#symptoms).\n\n## Timeline\n";
  TestSite s({runbook("content/runbooks/db/pool.md"),
              {"content/postmortems/p.md", "---\nseverity: SEV3\n---\n# P\n" + body}});
  auto d = s.check(kNow);
  auto missing = with_code(d, "FB401"), anchors = with_code(d, "FB402");
  REQUIRE_MESSAGE(missing.size() == 1, dump(d));
  CHECK(missing[0].line == 9);
  CHECK(missing[0].col == 9);
  CHECK(missing[0].message == "link to `../runbooks/nope.md`: content/runbooks/nope.md does not exist");
  REQUIRE(anchors.size() == 2);
  CHECK(anchors[0].hint == "Did you mean `#mitigation`?");
  CHECK(anchors[1].message == "link to `#nowhere`: this page has no such heading");
}

TEST_CASE("FB401/FB402: a link written as a published page is resolved from the page's folder and checked") {
  std::string body =
      "\nGood: [pool](../pool/), [pool2](../pool/index.html#mitigation), [pir](../../../postmortems/p/),\n"
      "[list](../../), [css](../../../assets/style.css), [tag](../../../tags/db/).\n\n"
      "Broken: [gone](../no-such-runbook/) and [anchor](../pool/#mitigaton) and [up](../../../../../x/)\n"
      "and [typo](../pol/).\n";
  TestSite s({runbook("content/runbooks/db/pool.md"), runbook("content/runbooks/db/failover.md", "", body),
              pir("content/postmortems/p.md")});
  auto d = s.check(kNow);
  auto missing = with_code(d, "FB401"), anchors = with_code(d, "FB402");
  REQUIRE_MESSAGE(missing.size() == 3, dump(d));
  CHECK(missing[0].message == "link to `../no-such-runbook/`: there is no page runbooks/db/no-such-runbook/ in the site");
  CHECK(missing[0].line == 26);
  CHECK(missing[1].message == "link to `../../../../../x/`: it climbs above the site's root");
  CHECK(missing[2].hint == "Did you mean the page runbooks/db/pool/?");
  REQUIRE_MESSAGE(anchors.size() == 1, dump(d));
  CHECK(anchors[0].hint == "Did you mean `#mitigation`?");
}
