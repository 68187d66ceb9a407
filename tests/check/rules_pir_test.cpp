// FB230-FB238 PIR completeness and deadlines, FB240-FB242 action items.
#include "site_fixture.h"

using namespace fbtest;

namespace {
const std::string kNow = "2026-11-01T00:00:00Z";
const std::string kTimes = "started_at: 2026-03-04T10:00:00Z\nresolved_at: 2026-03-04T10:30:00Z\n";
const std::string kComplete =
    "root_cause:\n  category: capacity\n  summary: The pool was too small.\naction_items:\n"
    "  - id: AI-1\n    title: Raise the pool\n    owner: priya\n    due: 2026-03-11\n    status: done\n";
}  // namespace

TEST_CASE("FB230/FB232/FB233: a published PIR of a pir_required severity needs root cause and action items") {
  TestSite s({pir("content/postmortems/sev1.md", "severity: SEV1\n" + kTimes),
              pir("content/postmortems/sev1-draft.md", "severity: SEV1\nstatus: draft\n" + kTimes),
              pir("content/postmortems/sev3.md", kTimes),
              pir("content/postmortems/sev1-complete.md", "severity: SEV1\n" + kTimes + kComplete)});
  auto d = s.check(kNow);
  for (const char* code : {"FB230", "FB232", "FB233"}) {
    auto f = with_code(d, code);
    REQUIRE_MESSAGE(f.size() == 1, code << "\n" << dump(d));
    CHECK(f[0].file == "content/postmortems/sev1.md");
    CHECK(f[0].level == fb::Level::Error);
  }
}

TEST_CASE("FB231: a root-cause category outside site.yaml's list, with did-you-mean, whatever the severity") {
  TestSite s({pir("content/postmortems/a.md", "root_cause:\n  category: capacty\n  summary: x\n"),
              pir("content/postmortems/b.md", "root_cause:\n  category: Capacity\n  summary: x\n")});
  auto f = with_code(s.check(kNow), "FB231");
  REQUIRE(f.size() == 1);
  CHECK(f[0].file == "content/postmortems/a.md");
  CHECK(f[0].line == 5);
  CHECK(f[0].col == 13);  // the value
  CHECK(f[0].hint == "Did you mean `capacity`?");
}

TEST_CASE("FB234/FB235: each action item of a required PIR needs an owner and a due date") {
  TestSite s({pir("content/postmortems/a.md",
                  "severity: SEV1\n" + kTimes +
                      "root_cause: {category: capacity, summary: x}\naction_items:\n"
                      "  - id: AI-1\n    title: a\n    owner: o\n    due: 2026-03-20\n"
                      "  - id: AI-2\n    title: b\n"
                      "  - id: AI-3\n    title: c\n    owner: o\n    due: someday\n"
                      "  - Just a title\n")});
  auto d = s.check(kNow);
  auto owner = with_code(d, "FB234"), due = with_code(d, "FB235");
  REQUIRE_MESSAGE(owner.size() == 2, dump(d));
  CHECK(owner[0].line == 12);  // AI-2
  CHECK(owner[0].col == 5);
  CHECK(owner[1].line == 18);  // the bare title
  REQUIRE_MESSAGE(due.size() == 2, dump(d));    // AI-3's unreadable due is FB210, not "missing"
  CHECK(due[0].line == 12);
  CHECK(due[1].line == 18);
  CHECK(with_code(d, "FB210").size() == 1);
}

TEST_CASE("FB236: published later than pir_due_within after resolution (SEV1: 5d)") {
  auto run = [](const std::string& published) {
    TestSite s({pir("content/postmortems/a.md", "severity: SEV1\n" + kTimes + kComplete + "published_at: " + published + "\n")});
    return with_code(s.check(kNow), "FB236");
  };
  CHECK(run("2026-03-09T10:30:00Z").empty());  // exactly 5 days
  auto f = run("2026-03-09T10:30:01Z");
  REQUIRE(f.size() == 1);
  CHECK(f[0].level == fb::Level::Warning);
  CHECK(f[0].line == 15);
}

TEST_CASE("FB237: a required PIR still unpublished after pir_due_within at --now") {
  TestSite s({pir("content/postmortems/a.md", "severity: SEV1\nstatus: in-review\n" + kTimes)});
  CHECK(with_code(s.check("2026-03-09T10:30:00Z"), "FB237").empty());
  auto f = with_code(s.check("2026-03-09T10:30:01Z"), "FB237");
  REQUIRE(f.size() == 1);
  CHECK(f[0].line == 3);
  TestSite sev3({pir("content/postmortems/a.md", "status: draft\n" + kTimes)});
  CHECK(with_code(sev3.check(kNow), "FB237").empty());
}

TEST_CASE("FB238: a PIR without severity, once for the site when none has one") {
  TestSite some({pir("content/postmortems/a.md", "severity: ''\n"), pir("content/postmortems/b.md")});
  auto f = with_code(some.check(kNow), "FB238");
  REQUIRE(f.size() == 1);
  CHECK(f[0].file == "content/postmortems/a.md");
  TestSite none(std::vector<fb::SourceFile>{{"content/postmortems/a.md", "---\ntitle: a\n---\n"}, {"content/postmortems/b.md", "# b\n"}});
  f = with_code(none.check(kNow), "FB238");
  REQUIRE(f.size() == 1);
  CHECK(f[0].file == "site.yaml");
  CHECK(f[0].line == 0);
  CHECK(f[0].message == "none of the 2 post-incident reviews has `severity`");
}

TEST_CASE("FB240: an open action item past its due date, done items are not overdue") {
  std::string items = "started_at: 2026-09-01T00:00:00Z\naction_items:\n"
                      "  - {id: A, title: a, owner: o, due: 2026-10-01, status: open}\n"
                      "  - {id: B, title: b, owner: o, due: 2026-09-01, status: done}\n"
                      "  - {id: C, title: c, owner: o, due: 2026-09-01, status: wont-do}\n";
  TestSite s({pir("content/postmortems/a.md", items)});
  CHECK(with_code(s.check("2026-10-01T00:00:00Z"), "FB240").empty());
  auto f = with_code(s.check("2026-10-01T00:00:01Z"), "FB240");
  REQUIRE(f.size() == 1);
  CHECK(f[0].level == fb::Level::Warning);
  CHECK(f[0].line == 6);
  CHECK(f[0].message.find("action item A") == 0);
}

TEST_CASE("FB241: an action item due before the incident's day") {
  TestSite s({pir("content/postmortems/a.md", "started_at: 2026-03-04T13:52:00Z\naction_items:\n"
                                              "  - {id: A, title: a, due: 2026-03-03}\n"
                                              "  - {id: B, title: b, due: 2026-03-04}\n")});
  auto f = with_code(s.check(kNow), "FB241");
  REQUIRE(f.size() == 1);
  CHECK(f[0].line == 6);
}

TEST_CASE("FB242: action-item ids are unique across the site") {
  TestSite s({pir("content/postmortems/a.md", "action_items:\n  - {id: AI-1, title: a}\n  - {id: AI-2, title: b}\n"),
              pir("content/postmortems/b.md", "action_items:\n  - {id: AI-1, title: c}\n  - {id: AI-3, title: d}\n  - {id: AI-3, title: e}\n")});
  auto f = with_code(s.check(kNow), "FB242");
  REQUIRE(f.size() == 2);
  CHECK(f[0].file == "content/postmortems/b.md");
  CHECK(f[0].line == 5);
  CHECK(f[0].message == "action item id `AI-1` is already used at content/postmortems/a.md:5");
  CHECK(f[1].line == 7);
}
