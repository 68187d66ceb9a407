// FB301-FB306 runbook rules.
#include "site_fixture.h"

using namespace fbtest;

namespace {
const std::string kNow = "2026-11-01T00:00:00Z";

fb::SourceFile with_sections(const std::string& path, const std::string& headings) {
  return {path, "---\nowner: a\nlast_reviewed: 2026-10-01\n---\n# T\n" + headings};
}
}  // namespace

TEST_CASE("FB301: required sections match headings case-insensitively, by name or synonym") {
  TestSite s({with_sections("content/runbooks/all.md", "## SYMPTOMS\n## 2. Diagnostic steps\n## Resolution:\n### escalation path\n"),
              with_sections("content/runbooks/some.md", "## Meaning\n## Diagnosis\n"),
              with_sections("content/runbooks/near.md", "## Symptom\n## Diagnosis\n## Mitigation\n## Escalation\n")});
  auto f = with_code(s.check(kNow), "FB301");
  REQUIRE(f.size() == 2);
  CHECK(f[0].file == "content/runbooks/near.md");
  CHECK(f[0].message == "missing required section: Symptoms");
  CHECK(f[1].file == "content/runbooks/some.md");
  CHECK(f[1].message == "missing required sections: Mitigation, Escalation");
  CHECK(f[1].level == fb::Level::Warning);
  CHECK(f[1].line == 5);  // the first heading
  CHECK(f[1].hint.find("Mitigation (or Resolution, Remediation") != std::string::npos);
}

TEST_CASE("FB301: site.yaml's required_sections decide") {
  std::string yaml = "runbooks:\n  required_sections:\n    - name: Meaning\n    - name: Impact\n    - name: Diagnosis\n"
                     "    - name: Mitigation\n      synonyms: [Remediation]\n";
  TestSite s({with_sections("content/runbooks/a.md", "## Meaning\n## Impact\n## Diagnosis\n## Remediation\n"),
              with_sections("content/runbooks/b.md", "## Meaning\n## Diagnosis\n## Mitigation\n")},
             yaml);
  auto f = with_code(s.check(kNow), "FB301");
  REQUIRE(f.size() == 1);
  CHECK(f[0].file == "content/runbooks/b.md");
  CHECK(f[0].message == "missing required section: Impact");
}

TEST_CASE("FB302/FB305: missing owner or review date per file, once for the site when no runbook has one") {
  TestSite some({runbook("content/runbooks/a.md"),
                 {"content/runbooks/b.md", "---\nservice: x\n---\n# B\n## Symptoms\n## Diagnosis\n## Mitigation\n## Escalation\n"}});
  auto d = some.check(kNow);
  auto owner = with_code(d, "FB302"), review = with_code(d, "FB305");
  REQUIRE(owner.size() == 1);
  CHECK(owner[0].file == "content/runbooks/b.md");
  CHECK(owner[0].level == fb::Level::Warning);
  REQUIRE(review.size() == 1);
  CHECK(review[0].level == fb::Level::Info);

  TestSite none(std::vector<fb::SourceFile>{{"content/runbooks/x/a.md", "# A\n## Symptoms\n## Diagnosis\n## Mitigation\n## Escalation\n"},
                                            {"content/runbooks/x/b.md", "# B\n## Symptoms\n## Diagnosis\n## Mitigation\n## Escalation\n"}});
  d = none.check(kNow);
  owner = with_code(d, "FB302");
  REQUIRE_MESSAGE(owner.size() == 1, dump(d));
  CHECK(owner[0].file == "site.yaml");
  CHECK(owner[0].message == "none of the 2 runbooks has `owner`");
  CHECK(owner[0].hint.find("rules: {FB302: off}") != std::string::npos);
  CHECK(with_code(d, "FB305").size() == 1);
  CHECK(with_code(d, "FB303").empty());  // the folder names the service
}

TEST_CASE("FB303: a runbook at the top level without `service`") {
  TestSite s({runbook("content/runbooks/a.md"), runbook("content/runbooks/b.md", "service: dns\n"),
              runbook("content/runbooks/db/c.md")});
  auto f = with_code(s.check(kNow), "FB303");
  REQUIRE(f.size() == 1);
  CHECK(f[0].file == "content/runbooks/a.md");
}

TEST_CASE("FB304: review overdue after review_every (front matter, else site policy)") {
  std::vector<fb::SourceFile> files = {
      {"content/runbooks/a.md", "---\nowner: o\nlast_reviewed: 2026-08-01\nreview_every: 90d\n---\n# A\n## Symptoms\n## Diagnosis\n## Mitigation\n## Escalation\n"},
      {"content/runbooks/b.md", "---\nowner: o\nlast_reviewed: 2026-08-01\n---\n# B\n## Symptoms\n## Diagnosis\n## Mitigation\n## Escalation\n"}};
  TestSite s(files);
  CHECK(with_code(s.check("2026-10-30T00:00:00Z"), "FB304").empty());  // exactly 90 days
  auto f = with_code(s.check("2026-10-30T00:00:01Z"), "FB304");
  REQUIRE(f.size() == 1);
  CHECK(f[0].file == "content/runbooks/a.md");
  CHECK(f[0].line == 3);
  CHECK(f[0].message.find("due every 90d") != std::string::npos);
  TestSite policy(files, "runbooks:\n  review_every: 30d\n");
  CHECK(with_code(policy.check("2026-10-30T00:00:01Z"), "FB304").size() == 2);
}

TEST_CASE("FB306: an alert claimed by two runbooks") {
  TestSite s({runbook("content/runbooks/a.md", "alerts: [PgPoolExhausted, PgDown]\n"),
              runbook("content/runbooks/b.md", "alerts: [PgDown]\n"), runbook("content/runbooks/c.md", "alerts: pgdown\n")});
  auto f = with_code(s.check(kNow), "FB306");
  REQUIRE(f.size() == 1);
  CHECK(f[0].file == "content/runbooks/b.md");
  CHECK(f[0].line == 4);
  CHECK(f[0].message == "alert `PgDown` is also claimed by content/runbooks/a.md:4");
}

TEST_CASE("FB301: the hint points at a code block that swallowed a required heading") {
  TestSite s({with_sections("content/runbooks/a.md", "## Symptoms\n## Diagnosis\n\n```shell\n$ kubectl get pods\n\n## Mitigation\n"
                                                     "\nRestart.\n\n## Escalation\n"),
              with_sections("content/runbooks/b.md", "## Symptoms\n## Diagnosis\n## Escalation\n")});
  auto f = with_code(s.check(kNow), "FB301");
  REQUIRE(f.size() == 2);
  CHECK(f[0].message == "missing required sections: Mitigation, Escalation");
  CHECK_MESSAGE(f[0].hint.find("The code block that starts on line 9 contains a heading line") == 0, f[0].hint);
  CHECK(f[1].hint.find("code block") == std::string::npos);
}
