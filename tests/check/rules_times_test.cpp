// FB213 future, FB214 order, FB220/FB221 SLA facts, FB222 declared duration, FB223 sla_breached.
#include "site_fixture.h"

using namespace fbtest;

namespace {
const std::string kNow = "2026-11-01T00:00:00Z";
}

TEST_CASE("FB213: a time after --now is an error at its key, exactly now is fine") {
  TestSite s({pir("content/postmortems/a.md", "started_at: 2026-10-31T23:00:00Z\nresolved_at: 2026-11-01T00:00:01Z\n"),
              pir("content/postmortems/b.md", "started_at: 2026-10-31T23:00:00Z\nresolved_at: 2026-11-01T00:00:00Z\n")});
  auto d = s.check(kNow);
  auto f = with_code(d, "FB213");
  REQUIRE_MESSAGE(f.size() == 1, dump(d));
  CHECK(f[0].file == "content/postmortems/a.md");
  CHECK(f[0].line == 5);
  CHECK(f[0].col == 1);
  CHECK(f[0].level == fb::Level::Error);
}

TEST_CASE("FB213: last_reviewed and completed_at in the future") {
  TestSite s({runbook("content/runbooks/a.md", "review_every: 30d\n"),
              {"content/runbooks/b.md", "---\nowner: x\nlast_reviewed: 2026-11-02\n---\n# B\n## Symptoms\n## Diagnosis\n## Mitigation\n## Escalation\n"},
              pir("content/postmortems/p.md", "started_at: 2026-10-01T00:00:00Z\naction_items:\n  - title: t\n    status: done\n    completed_at: 2026-11-02\n")});
  auto d = s.check(kNow);
  auto f = with_code(d, "FB213");
  REQUIRE_MESSAGE(f.size() == 2, dump(d));
  CHECK(f[0].file == "content/postmortems/p.md");
  CHECK(f[0].line == 6);
  CHECK(f[1].file == "content/runbooks/b.md");
  CHECK(f[1].line == 3);
}

TEST_CASE("FB214: times out of order, equal times are in order") {
  TestSite s({pir("content/postmortems/a.md",
                  "started_at: 2026-03-04T13:52:00Z\ndetected_at: 2026-03-04T13:51:59Z\nresolved_at: 2026-03-04T15:00:00Z\n"),
              pir("content/postmortems/b.md",
                  "started_at: 2026-03-04T13:52:00Z\ndetected_at: 2026-03-04T13:52:00Z\nacknowledged_at: 2026-03-04T13:52:00Z\n"
                  "mitigated_at: 2026-03-04T14:00:00Z\nresolved_at: 2026-03-04T14:00:00Z\n")});
  auto d = s.check(kNow);
  auto f = with_code(d, "FB214");
  REQUIRE_MESSAGE(f.size() == 1, dump(d));
  CHECK(f[0].file == "content/postmortems/a.md");
  CHECK(f[0].line == 5);
  CHECK(f[0].message.find("before `started_at`") != std::string::npos);
}

TEST_CASE("FB214: a later time is compared with the latest earlier one present") {
  TestSite s({pir("content/postmortems/a.md",
                  "started_at: 2026-03-04T13:00:00Z\nmitigated_at: 2026-03-04T14:00:00Z\nresolved_at: 2026-03-04T13:30:00Z\n")});
  auto f = with_code(s.check(kNow), "FB214");
  REQUIRE(f.size() == 1);
  CHECK(f[0].message.find("`resolved_at`") == 0);
  CHECK(f[0].message.find("`mitigated_at`") != std::string::npos);
}

TEST_CASE("FB220/FB221: SLA breaches are infos at the key, exactly on target is met") {
  // SEV1 (default scale): acknowledge within 5m, resolve within 1h.
  TestSite met({pir("content/postmortems/a.md",
                    "severity: SEV1\nstatus: draft\nstarted_at: 2026-03-04T10:00:00Z\nacknowledged_at: 2026-03-04T10:05:00Z\n"
                    "resolved_at: 2026-03-04T11:00:00Z\n")});
  auto dm = met.check(kNow);
  CHECK(with_code(dm, "FB220").empty());
  CHECK(with_code(dm, "FB221").empty());
  TestSite late({pir("content/postmortems/a.md",
                     "severity: SEV1\nstatus: draft\nstarted_at: 2026-03-04T10:00:00Z\nacknowledged_at: 2026-03-04T10:05:01Z\n"
                     "resolved_at: 2026-03-04T11:00:01Z\n")});
  auto dl = late.check(kNow);
  auto a = with_code(dl, "FB220"), r = with_code(dl, "FB221");
  REQUIRE_MESSAGE(a.size() == 1, dump(dl));
  REQUIRE(r.size() == 1);
  CHECK(a[0].level == fb::Level::Info);
  CHECK(a[0].line == 5);
  CHECK(r[0].line == 6);
  CHECK(a[0].message.find("SEV1 target is 5m") != std::string::npos);
}

TEST_CASE("FB222: declared duration must agree with the times (a minute or 5 % tolerance)") {
  auto run = [](const std::string& started, const std::string& resolved, const std::string& duration) {
    TestSite s({pir("content/postmortems/a.md",
                    "started_at: " + started + "\nresolved_at: " + resolved + "\nduration: " + duration + "\n")});
    return with_code(s.check(kNow), "FB222").size();
  };
  CHECK(run("2026-03-04T10:00:00Z", "2026-03-04T13:00:00Z", "45m") == 1);  // the example
  CHECK(run("2026-03-04T10:00:00Z", "2026-03-04T10:10:00Z", "660s") == 0);  // 60 s off: tolerated
  CHECK(run("2026-03-04T10:00:00Z", "2026-03-04T10:10:00Z", "661s") == 1);  // 61 s off
  CHECK(run("2026-03-04T00:00:00Z", "2026-03-04T10:00:00Z", "10h30m") == 0);  // 5 % of 10h = 30m
  CHECK(run("2026-03-04T00:00:00Z", "2026-03-04T10:00:00Z", "10h31m") == 1);
  CHECK(run("2026-03-04T00:00:00Z", "2026-03-04T10:00:00Z", "PT10H") == 0);
}

TEST_CASE("FB223: sla_breached must agree with the computed verdict") {
  auto run = [](const std::string& resolved, const std::string& declared) {
    TestSite s({pir("content/postmortems/a.md", "severity: SEV1\nstatus: draft\nstarted_at: 2026-03-04T10:00:00Z\n"
                                                "acknowledged_at: 2026-03-04T10:01:00Z\nresolved_at: " +
                                                    resolved + "\nsla_breached: " + declared + "\n")});
    return with_code(s.check(kNow), "FB223");
  };
  CHECK(run("2026-03-04T13:00:00Z", "false").size() == 1);  // 3h > 1h: breached
  CHECK(run("2026-03-04T13:00:00Z", "true").empty());
  CHECK(run("2026-03-04T10:30:00Z", "true").size() == 1);   // both met
  CHECK(run("2026-03-04T10:30:00Z", "false").empty());
  auto f = run("2026-03-04T13:00:00Z", "false");
  REQUIRE(f.size() == 1);
  CHECK(f[0].line == 7);
  CHECK(f[0].level == fb::Level::Error);
}

TEST_CASE("empty values are placeholders: `resolved_at:` and `mitigated_at: \"\"` are absent, not malformed") {
  TestSite s({pir("content/postmortems/open.md",
                  "started_at: 2026-10-31T10:00:00Z\nresolved_at:\nmitigated_at: \"\"\nacknowledged_at: '  '\n"),
              pir("content/postmortems/bad.md", "started_at: 2026-10-31T10:00:00Z\nresolved_at: yesterday\n")});
  auto d = s.check(kNow);
  for (const auto& x : d.items) {
    INFO(fb::format_diagnostic(x));
    CHECK(x.file != "content/postmortems/open.md");
  }
  // A real malformed value is still an error, at its key.
  bool bad_reported = false;
  for (const auto& x : d.items)
    bad_reported |= x.file == "content/postmortems/bad.md" && x.level == fb::Level::Error && x.line == 5;
  CHECK_MESSAGE(bad_reported, dump(d));
}

TEST_CASE("an empty required value is reported like a missing one, not as a wrong type") {
  const std::string body = "# T\n\n## Symptoms\n\nx\n\n## Diagnosis\n\nx\n\n## Mitigation\n\nx\n\n## Escalation\n\nx\n";
  TestSite empty({fb::SourceFile{"content/runbooks/a.md", "---\nowner:\nlast_reviewed: 2026-10-01\n---\n" + body}});
  TestSite missing({fb::SourceFile{"content/runbooks/a.md", "---\nlast_reviewed: 2026-10-01\n---\n" + body}});
  auto de = empty.check(kNow), dm = missing.check(kNow);
  std::vector<std::string> ce, cm;
  for (const auto& x : de.items) ce.push_back(x.code);
  for (const auto& x : dm.items) cm.push_back(x.code);
  CHECK_MESSAGE(ce == cm, dump(de));
  CHECK(with_code(de, "FB103").empty());  // not "must be a string, not empty"
}

TEST_CASE("sla_breached: yes gets one verdict: a string, with the YAML 1.2 hint, and no SLA disagreement") {
  TestSite s({pir("content/postmortems/p.md",
                  "severity: SEV1\nstarted_at: 2026-03-04T10:00:00Z\nacknowledged_at: 2026-03-04T10:01:00Z\n"
                  "resolved_at: 2026-03-04T10:30:00Z\nsla_breached: yes\n")});
  auto d = s.check();
  CHECK_MESSAGE(with_code(d, "FB223").empty(), dump(d));
  auto t = with_code(d, "FB103");
  REQUIRE_MESSAGE(t.size() == 1, dump(d));
  CHECK(t[0].message.find("sla_breached") != std::string::npos);
  CHECK(t[0].hint == "Write true or false (YAML 1.2): `yes` is a string here, not a boolean.");
  TestSite ok({pir("content/postmortems/p.md",
                   "severity: SEV1\nstarted_at: 2026-03-04T10:00:00Z\nacknowledged_at: 2026-03-04T10:01:00Z\n"
                   "resolved_at: 2026-03-04T10:30:00Z\nsla_breached: true\n")});
  auto d2 = ok.check();
  CHECK(with_code(d2, "FB103").empty());
  CHECK(with_code(d2, "FB223").size() == 1);
}
