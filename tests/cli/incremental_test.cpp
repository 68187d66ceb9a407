// The build cache: after any sequence of edits, a cached build publishes exactly the bytes of a cold
// build (--no-cache) of the same final state, reports the same diagnostics, exits the same way, and
// leaves the files it did not change alone (same inode, same mtime). A bad cache is never trusted.
// Debugging: FB_INCR_STEPS=N stops the random walk after N steps; FB_INCR_DUMP=DIR writes the first
// differing files of both builds, and their output, into DIR.
#include <doctest/doctest.h>

#include <functional>
#include <random>
#include <sstream>
#include <sys/stat.h>

#include "run.h"
#include "util/fs.h"

namespace fs = std::filesystem;
using fb::read_file;
using fb::write_file;

namespace {
const std::string kNow = " --now 2026-11-23T00:00:00Z";

std::string runbook_text(const std::string& title, const std::string& service, const std::string& body) {
  return "---\ntitle: " + title + "\nservice: " + service + "\nowner: team-" + service +
         "\nlast_reviewed: 2026-10-01\n---\n## Symptoms\n\n" + body +
         "\n\n## Diagnosis\n\n```bash\nkubectl get pods\n```\n\n## Mitigation\n\nRestart it.\n\n## Escalation\n\nPage "
         "the owner.\n";
}

std::string pir_text(int n, const std::string& severity, const std::string& service, const std::string& body) {
  std::string day = (n % 28 + 1 < 10 ? "0" : "") + std::to_string(n % 28 + 1);
  return "---\ntitle: Outage " + std::to_string(n) + " of " + service + "\nincident_id: INC-" + std::to_string(n) +
         "\nseverity: " + severity + "\nstatus: published\nservices: [" + service +
         "]\nstarted_at: 2026-09-" + day + "T10:00:00Z\ndetected_at: 2026-09-" + day +
         "T10:03:00Z\nacknowledged_at: 2026-09-" + day + "T10:05:00Z\nresolved_at: 2026-09-" + day +
         "T11:00:00Z\npublished_at: 2026-09-" + day + "T12:00:00Z\nroot_cause:\n  category: capacity\n  summary: " +
         "the pool ran out\ntags: [pool, " + service + "]\nrunbooks: [" + service + "-down]\naction_items:\n  - id: AI-" +
         std::to_string(n) + "\n    title: Raise the limit\n    owner: team-" + service +
         "\n    due: 2026-12-30\n    status: open\n---\n## Summary\n\n" + body + "\n";
}

/// A site.yaml escalation section (variant `v`: other times and contacts) for the generated site.
std::string escalation_yaml(unsigned v) {
  const std::string n = std::to_string(v);
  return "teams:\n  - {id: team-api}\n  - {id: team-db}\nescalation:\n"
         "  - severities: [SEV1, SEV2, SEV3, SEV4]\n    repeat: " + n + "\n    tiers:\n"
         "      - {after: 0m, notify: [{team: team-api, via: pager, contact: \"api-" + n + "\"}]}\n"
         "      - {after: " + std::to_string(5 * v) + "m, notify: [{role: manager " + n + "}]}\n"
         "  - {severity: SEV2, service: db, tiers: [{after: 0m, notify: [{team: team-db, contact: \"db-" + n + "\"}]}]}\n";
}

/// One alerting rule, as a line group of rules/app.yaml.
std::string alert_rule(const std::string& name, const std::string& severity) {
  return "      - alert: " + name + "\n        expr: up == 0\n        labels: {severity: " + severity + "}\n";
}

/// The output of a build without its timing line (the only part that may differ between two builds).
std::string diagnostics_of(const std::string& output) {
  std::istringstream in(output);
  std::string line, out;
  while (std::getline(in, line))
    if (line.rfind("Built ", 0) != 0) out += line + "\n";
  return out;
}

struct Site {
  fs::path dir;
  std::mt19937 rng;
  std::vector<std::string> services{"api", "db", "cache", "queue", "auth"};
  int next_pir = 100;

  std::vector<std::string> files(const std::string& kind) const {
    std::vector<std::string> out;
    for (const std::string& p : fb::list_files(dir / "content" / kind, {".md"})) out.push_back("content/" + kind + "/" + p);
    return out;
  }
  std::string pick(const std::vector<std::string>& v) { return v[rng() % v.size()]; }
  std::string service() { return pick(services); }
  void replace_in(const std::string& rel, const std::string& from, const std::string& to) {
    std::string text = *read_file(dir / rel);
    size_t at = text.find(from);
    if (at != std::string::npos) text.replace(at, from.size(), to);
    write_file(dir / rel, text);
  }

  /// One random edit; returns what it did (for the failure message).
  std::string edit() {
    auto rbs = files("runbooks"), pms = files("postmortems");
    switch (rng() % 13) {
      case 0: {
        std::string f = pick(rbs);
        write_file(dir / f, *read_file(dir / f) + "\nOne more line " + std::to_string(rng() % 1000) + ".\n");
        return "runbook body: " + f;
      }
      case 1: {
        std::string f = pick(rbs);
        std::string text = *read_file(dir / f);
        size_t at = text.find("title: "), end = text.find('\n', at);
        text.replace(at, end - at, "title: Renamed " + std::to_string(rng() % 1000));
        write_file(dir / f, text);
        return "runbook title: " + f;
      }
      case 2: {
        std::string f = pick(pms);
        std::string text = *read_file(dir / f);
        for (const char* sev : {"SEV1", "SEV2", "SEV3"}) {
          size_t at = text.find(std::string("severity: ") + sev);
          if (at == std::string::npos) continue;
          text.replace(at + 10, 4, pick({"SEV1", "SEV2", "SEV3"}));
          break;
        }
        write_file(dir / f, text);
        return "PIR severity: " + f;
      }
      case 3: {
        std::string f = pick(pms);
        write_file(dir / f, *read_file(dir / f) + "\nThe pool ran out again " + std::to_string(rng() % 1000) + ".\n");
        return "PIR body: " + f;
      }
      case 4: {
        std::string s = service(), name = s + "-extra-" + std::to_string(rng() % 100);
        write_file(dir / "content/runbooks" / s / (name + ".md"), runbook_text("Extra " + name, s, "extra"));
        return "add runbook " + name;
      }
      case 5: {
        int n = next_pir++;
        write_file(dir / "content/postmortems" / ("2026-09-01-outage-" + std::to_string(n) + ".md"),
                   pir_text(n, "SEV2", service(), "A new one."));
        return "add PIR " + std::to_string(n);
      }
      case 6: {
        if (rbs.size() < 4 || pms.size() < 3) return "nothing to delete";
        std::string f = rng() % 2 ? pick(rbs) : pick(pms);
        if (f.find("-down.md") != std::string::npos) return "kept " + f;  // PIRs link these
        fs::remove(dir / f);
        return "delete " + f;
      }
      case 7: {
        std::string f = pick(pms);
        fs::path to = dir / "content/postmortems/moved" / fs::path(f).filename();
        fs::create_directories(to.parent_path());
        fs::rename(dir / f, to);
        return "rename " + f;
      }
      case 8: {
        unsigned v = rng() % 5;  // 0-1: a title; 2-4: an escalation policy too (read by every page header)
        write_file(dir / "site.yaml", "title: KB " + std::to_string(v % 2) + "\nalert_rules: [rules]\n" +
                                          (v >= 2 ? escalation_yaml(v) : ""));
        return v >= 2 ? "site.yaml escalation " + std::to_string(v) : "site.yaml title";
      }
      case 9: {
        write_file(dir / "layouts/partials/footer.mustache",
                   "<footer class=\"site-footer\">Footer " + std::to_string(rng() % 5) + "</footer>\n");
        return "layout override";
      }
      case 10: {
        std::string f = pick(rbs);
        std::string text = *read_file(dir / f);
        write_file(dir / f, text);  // same bytes, new mtime
        return "touch " + f;
      }
      case 11: {  // the alert rules are an input of the alerts page, api/alerts.json and the nav
        std::string f = "rules/app.yaml";
        if (rng() % 2) {
          write_file(dir / f, *read_file(dir / f) + alert_rule("Extra" + std::to_string(rng() % 100), pick({"critical", "warning"})));
          return "add alert rule";
        }
        replace_in(f, pick({"critical", "warning"}), pick({"critical", "warning", "SEV3"}));
        return "alert rule severity";
      }
      default: {
        std::string f = pick(pms);
        replace_in(f, "severity: ", "severity: SEV9 #");  // an error: nothing may be published
        return "break " + f;
      }
    }
  }
};

/// Fixes what Site::edit broke (so the next step builds again).
void repair(Site& site) {
  for (const std::string& f : site.files("postmortems")) site.replace_in(f, "severity: SEV9 #", "severity: ");
}
}  // namespace

TEST_CASE("incremental: 60 seeded random edits, the cached build equals a cold build after every step") {
  Site site{fresh_temp_dir("incr-site"), std::mt19937(20261207)};
  fs::path root = site.dir.parent_path();
  fs::path cached = root / "fb-cli-test-incr-cached", cold = root / "fb-cli-test-incr-cold";
  fs::remove_all(cached), fs::remove_all(cold);
  write_file(site.dir / "site.yaml", "title: KB\nalert_rules: [rules]\n");
  std::string rules = "groups:\n  - name: app\n    rules:\n";
  for (const std::string& s : site.services) {
    std::string name = s;
    name[0] = static_cast<char>(name[0] - 'a' + 'A');
    rules += alert_rule(name + "Down", "critical");  // claimed by the runbook <s>-down, by its name
  }
  write_file(site.dir / "rules/app.yaml", rules);
  for (const std::string& s : site.services) {
    write_file(site.dir / "content/runbooks" / s / (s + "-down.md"), runbook_text(s + " is down", s, "It is down."));
    write_file(site.dir / "content/runbooks" / s / (s + "-slow.md"), runbook_text(s + " is slow", s, "It is slow."));
  }
  for (int n = 0; n < 8; ++n)
    write_file(site.dir / "content/postmortems" / ("2026-09-0" + std::to_string(n + 1) + "-outage.md"),
               pir_text(n, n % 2 ? "SEV2" : "SEV3", site.services[n % site.services.size()], "It broke."));
  const std::string args = " --site " + site.dir.string() + kNow;
  int kept_pages_seen = 0;
  const int steps = std::getenv("FB_INCR_STEPS") ? std::atoi(std::getenv("FB_INCR_STEPS")) : 60;
  for (int step = 0; step < steps; ++step) {
    std::string what = step == 0 ? "first build" : site.edit();
    INFO("step " << step << ": " << what);
    auto before = fs::exists(cached) ? snapshot(cached) : std::map<std::string, std::string>{};
    auto c = run_firebreak("build -v" + args + " --out " + cached.string());
    auto n = run_firebreak("build --no-cache" + args + " --out " + cold.string());
    REQUIRE(c.exit_code == n.exit_code);
    if (c.exit_code != 0) {
      CHECK(snapshot(cached) == before);  // a failing build leaves the previous output
      // The same diagnostics as a cold build (the cached one also says what the cache did).
      std::string cd = diagnostics_of(c.output), nd = diagnostics_of(n.output);
      CHECK(cd.substr(0, cd.find("  cache:")).find(nd.substr(0, nd.find("Not published"))) == 0);
      repair(site);
      continue;
    }
    auto a = snapshot(cached), b = snapshot(cold);
    REQUIRE(a.size() == b.size());
    for (const auto& [path, bytes] : b) {
      INFO(path);
      REQUIRE(a.count(path));
      CHECK(a[path] == bytes);
      if (a[path] != bytes && std::getenv("FB_INCR_DUMP")) {
        write_file(fs::path(std::getenv("FB_INCR_DUMP")) / "cached" / path, a[path]);
        write_file(fs::path(std::getenv("FB_INCR_DUMP")) / "cold" / path, bytes);
        write_file(fs::path(std::getenv("FB_INCR_DUMP")) / "cold.log", n.output);
        write_file(fs::path(std::getenv("FB_INCR_DUMP")) / "cached.log", c.output);
      }
    }
    if (c.output.find("kept (inputs unchanged)") != std::string::npos) ++kept_pages_seen;
  }
  CHECK(kept_pages_seen > 10);  // the cache did skip work, not only rebuild everything
}

TEST_CASE("incremental: a body edit renders one page, and every other file keeps its inode and mtime") {
  fs::path site = make_site("incr-mtime");
  write_file(site / "content/runbooks/other.md", runbook_text("Other", "db", "Other body."));
  fs::path out = site / "public";
  auto first = run_firebreak("build --site " + site.string() + " --out " + out.string() + kNow);
  REQUIRE_MESSAGE(first.exit_code == 0, first.output);
  struct stat other_before {}, edited_before {};
  REQUIRE(::stat((out / "runbooks/other/index.html").c_str(), &other_before) == 0);
  REQUIRE(::stat((out / "runbooks/disk-full/index.html").c_str(), &edited_before) == 0);
  write_file(site / "content/runbooks/disk-full.md", *read_file(site / "content/runbooks/disk-full.md") + "\nMore.\n");
  auto second = run_firebreak("build -v --site " + site.string() + " --out " + out.string() + kNow);
  INFO(second.output);
  REQUIRE(second.exit_code == 0);
  CHECK(second.output.find("documents: 1 reused from the cache, 1 parsed") != std::string::npos);
  CHECK(second.output.find("pages and files: 1 rendered") != std::string::npos);
  CHECK(second.output.find("lessons.db: kept") != std::string::npos);
  struct stat other_after {}, edited_after {};
  REQUIRE(::stat((out / "runbooks/other/index.html").c_str(), &other_after) == 0);
  REQUIRE(::stat((out / "runbooks/disk-full/index.html").c_str(), &edited_after) == 0);
  CHECK(other_after.st_ino == other_before.st_ino);
  CHECK(other_after.st_mtim.tv_nsec == other_before.st_mtim.tv_nsec);
  CHECK(other_after.st_mtim.tv_sec == other_before.st_mtim.tv_sec);
  CHECK(edited_after.st_ino != edited_before.st_ino);
  CHECK(read_file(out / "runbooks/disk-full/index.html")->find("More.") != std::string::npos);
}

TEST_CASE("incremental: a corrupt, truncated or foreign cache is ignored, and an unusable cache dir is a warning") {
  fs::path site = make_site("incr-bad");
  fs::path out = site / "public", cold = site.parent_path() / "fb-cli-test-incr-bad-cold";
  fs::remove_all(cold);
  REQUIRE(run_firebreak("build --site " + site.string() + " --out " + out.string() + kNow).exit_code == 0);
  std::vector<fs::path> packs;
  for (auto& e : fs::directory_iterator(site / ".firebreak-cache"))
    if (e.path().extension() == ".pack") packs.push_back(e.path());
  REQUIRE(!packs.empty());

  SUBCASE("flipped bytes") {
    for (const fs::path& p : packs) {
      std::string bytes = *read_file(p);
      bytes[bytes.size() / 2] ^= 0x5a;
      write_file(p, bytes);
    }
  }
  SUBCASE("truncated") {
    for (const fs::path& p : packs) fs::resize_file(p, fs::file_size(p) / 2);
  }
  SUBCASE("garbage") {
    for (const fs::path& p : packs) write_file(p, "not a pack at all");
  }
  // The page is edited too, so a wrongly trusted entry would show the old text.
  write_file(site / "content/runbooks/disk-full.md", *read_file(site / "content/runbooks/disk-full.md") + "\nNew text.\n");
  REQUIRE(run_firebreak("build --no-cache --site " + site.string() + " --out " + cold.string() + kNow).exit_code == 0);
  auto r = run_firebreak("build --site " + site.string() + " --out " + out.string() + kNow);
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("warning[FB510]") != std::string::npos);
  CHECK(snapshot(out) == snapshot(cold));
  // The next build rewrote the packs: no warning any more.
  auto again = run_firebreak("build --site " + site.string() + " --out " + out.string() + kNow);
  CHECK(again.output.find("FB510") == std::string::npos);
}

TEST_CASE("incremental: a cache directory that is a file or read-only still builds, with one warning") {
  fs::path site = make_site("incr-unusable");
  write_file(site / "cache-file", "x");
  auto r = run_firebreak("build --site " + site.string() + " --cache-dir " + (site / "cache-file").string() + kNow);
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("warning[FB510]") != std::string::npos);
  CHECK(fs::exists(site / "public/index.html"));
  CHECK(*read_file(site / "cache-file") == "x");
  // --no-cache neither reads nor writes it.
  fs::remove_all(site / "public");
  auto cold = run_firebreak("build --no-cache --site " + site.string() + kNow);
  CHECK(cold.exit_code == 0);
  CHECK_FALSE(fs::exists(site / ".firebreak-cache"));
}

TEST_CASE("incremental: the last mermaid diagram removed or added, or the bundle removed, equals a cold build") {
  fs::path site = make_site("incr-diagram");
  fs::path cold = site.parent_path() / "fb-cli-test-incr-diagram-cold", out = site / "public";
  // A theme of the site's own, so the test decides whether mermaid's bundle is installed.
  fs::create_directories(site / "themes");
  fs::copy(fs::path(FB_SOURCE_DIR) / "themes/default", site / "themes/plain", fs::copy_options::recursive);
  fs::remove_all(site / "themes/plain/assets/vendor");
  const fs::path bundle = site / "themes/plain/assets/vendor/mermaid.min.js";
  write_file(site / "site.yaml", "title: Test KB\ntheme: plain\n");
  write_file(site / "content/runbooks/other.md", runbook_text("Other", "db", "Other body."));
  const std::string diagram = "\n```mermaid\ngraph TD\n  A[Alert] --> B{Severity?}\n```\n";
  const fs::path disk = site / "content/runbooks/disk-full.md", other = site / "content/runbooks/other.md";
  const std::string disk_text = *read_file(disk), other_text = *read_file(other);
  struct Step {
    const char* what;
    std::function<void()> edit;
    bool drawn;    // the bundle is published and the page with the diagram loads diagrams.js
    bool warned;   // FB604
  };
  std::vector<Step> steps = {
      {"a diagram, the bundle installed", [&] { write_file(disk, disk_text + diagram), write_file(bundle, "/* m */"); }, true, false},
      {"the bundle removed", [&] { fs::remove(bundle); }, false, true},
      {"the bundle back", [&] { write_file(bundle, "/* m */"); }, true, false},
      {"the last diagram removed", [&] { write_file(disk, disk_text); }, false, false},
      {"a diagram in another page", [&] { write_file(other, other_text + diagram); }, true, false},
  };
  const std::string args = " --site " + site.string() + kNow;
  for (const Step& step : steps) {
    INFO(step.what);
    step.edit();
    auto c = run_firebreak("build" + args + " --out " + out.string());
    auto n = run_firebreak("build --no-cache" + args + " --out " + cold.string());
    INFO(c.output);
    REQUIRE(c.exit_code == 0);
    REQUIRE(n.exit_code == 0);
    CHECK(snapshot(out) == snapshot(cold));
    CHECK(fs::exists(out / "assets/vendor/mermaid.min.js") == step.drawn);
    bool loads = false;
    for (const char* page : {"runbooks/disk-full/index.html", "runbooks/other/index.html"})
      loads = loads || read_file(out / page)->find("assets/diagrams.js") != std::string::npos;
    CHECK(loads == step.drawn);
    CHECK((c.output.find("warning[FB604]") != std::string::npos) == step.warned);
  }
}

TEST_CASE("incremental: an edited escalation policy re-renders the pages that show it, as a cold build does") {
  fs::path site = fresh_temp_dir("incr-escalation");
  write_file(site / "content/runbooks/db/db-down.md", runbook_text("db is down", "db", "Down."));
  write_file(site / "content/postmortems/2026-09-01-outage.md", pir_text(1, "SEV2", "db", "It broke."));
  write_file(site / "site.yaml", "title: KB\n" + escalation_yaml(2));
  fs::path out = site / "public", cold = site.parent_path() / "fb-cli-test-incr-escalation-cold";
  const std::string args = " --site " + site.string() + kNow;
  REQUIRE(run_firebreak("build" + args + " --out " + out.string()).exit_code == 0);
  CHECK(read_file(out / "postmortems/2026-09-01-outage/index.html")->find("db-2") != std::string::npos);
  write_file(site / "site.yaml", "title: KB\n" + escalation_yaml(3));
  auto cached = run_firebreak("build" + args + " --out " + out.string());
  REQUIRE_MESSAGE(cached.exit_code == 0, cached.output);
  REQUIRE(run_firebreak("build --no-cache" + args + " --out " + cold.string()).exit_code == 0);
  CHECK(snapshot(out) == snapshot(cold));
  std::string pir = *read_file(out / "postmortems/2026-09-01-outage/index.html");
  CHECK(pir.find("db-3") != std::string::npos);
  CHECK(pir.find("db-2") == std::string::npos);
  std::string matrix = *read_file(out / "severities/index.html");
  CHECK(matrix.find("<strong>15m</strong> manager 3") != std::string::npos);
}
