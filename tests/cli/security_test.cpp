// What a build may read: nothing that a symlink or a theme name leads to outside the site (and the
// installed themes) is ever read into a page, an asset or the search index.
#include <doctest/doctest.h>

#include "run.h"
#include "util/fs.h"

namespace fs = std::filesystem;
using fb::read_file;
using fb::write_file;

namespace {
const std::string kNow = "--now 2026-11-23T00:00:00Z";
const std::string kSecret = "root:x:0:0:TOP-SECRET-MARKER:/root:/bin/bash\n";

/// A file outside every site, as /etc/passwd would be.
fs::path outside_secret(const std::string& name) {
  fs::path dir = fresh_temp_dir(name + "-outside");
  write_file(dir / "passwd", kSecret);
  return dir / "passwd";
}

/// True when any file below `dir` holds the secret's marker.
bool leaks_secret(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return false;
  for (auto& [path, bytes] : snapshot(dir))
    if (bytes.find("TOP-SECRET-MARKER") != std::string::npos) return true;
  return false;
}

std::string build(const fs::path& site, const fs::path& out, int& exit_code) {
  auto r = run_firebreak("build --site " + site.string() + " --out " + out.string() + " " + kNow);
  exit_code = r.exit_code;
  return r.output;
}
}  // namespace

TEST_CASE("a content file symlinked to a file outside the site is refused with FB506, nothing published") {
  fs::path site = make_site("sec-file");
  fs::path out = site.parent_path() / "fb-cli-test-sec-file-out";
  fs::remove_all(out);
  int code = -1;
  std::string first = build(site, out, code);
  REQUIRE_MESSAGE(code == 0, first);
  auto before = snapshot(out);

  fs::create_symlink(outside_secret("sec-file"), site / "content/runbooks/passwd.md");
  std::string output = build(site, out, code);
  INFO(output);
  CHECK(code == 1);
  CHECK(output.find("content/runbooks/passwd.md: error[FB506]: symlink leads outside the site") != std::string::npos);
  CHECK(output.find("TOP-SECRET-MARKER") == std::string::npos);
  CHECK(snapshot(out) == before);  // the previous output stays
  CHECK_FALSE(leaks_secret(out));
  // check reports it too, and the search command never reads it.
  auto check = run_firebreak("check --site " + site.string() + " " + kNow);
  CHECK(check.exit_code == 1);
  CHECK(check.output.find("error[FB506]") != std::string::npos);
  auto search = run_firebreak("search --site " + site.string() + " TOP-SECRET-MARKER");
  CHECK(search.output.find("passwd") == std::string::npos);
}

TEST_CASE("a relative symlink out and a symlinked content folder out are refused, and symlinks inside stay allowed") {
  fs::path site = make_site("sec-dir");
  fs::path secret = outside_secret("sec-dir");
  // content/postmortems is a symlink to a folder outside the site.
  fs::path pirs = secret.parent_path() / "pirs";
  write_file(pirs / "2026-01-01-x.md", "---\ntitle: TOP-SECRET-MARKER\n---\n");
  fs::create_directory_symlink(pirs, site / "content/postmortems");
  fs::create_symlink(fs::path("../../..") / secret.parent_path().filename() / "passwd",
                     site / "content/runbooks/relative.md");
  int code = -1;
  std::string output = build(site, site / "public", code);
  INFO(output);
  CHECK(code == 1);
  CHECK(output.find("content/postmortems: error[FB506]") != std::string::npos);
  CHECK(output.find("content/runbooks/relative.md: error[FB506]") != std::string::npos);
  CHECK_FALSE(fs::exists(site / "public"));

  // The same shapes pointing inside the site build: a file link and a folder link.
  fs::remove(site / "content/postmortems");
  fs::remove(site / "content/runbooks/relative.md");
  write_file(site / "shared/pirs/2026-01-02-y.md",
             "---\ntitle: Inside\nincident_id: INC-1\nseverity: SEV3\nstatus: resolved\n---\n## Summary\n\ny\n");
  fs::create_directory_symlink(site / "shared/pirs", site / "content/postmortems");
  write_file(site / "shared/extra.md", "---\ntitle: Linked runbook\nservice: s\nowner: o\n---\n## Symptoms\n\nx\n");
  fs::create_symlink("../../shared/extra.md", site / "content/runbooks/linked.md");
  auto check = run_firebreak("check --site " + site.string() + " " + kNow + " --format json");
  INFO(check.output);
  CHECK(check.output.find("FB506") == std::string::npos);
  CHECK(check.output.find("FB501") == std::string::npos);
}

TEST_CASE("theme: a path in site.yaml is a configuration error at its place (exit 2)") {
  fs::path site = make_site("sec-theme-name");
  write_file(site / "site.yaml", "title: x\ntheme: ../../../../etc\n");
  int code = -1;
  std::string output = build(site, site / "public", code);
  INFO(output);
  CHECK(code == 2);
  CHECK(output.find("site.yaml:2:8: error[FB002]: `theme`: '../../../../etc' does not match the pattern") !=
        std::string::npos);
  CHECK(output.find("A folder name, never a path.") != std::string::npos);  // the hint is the schema's description
  CHECK_FALSE(fs::exists(site / "public"));
  for (const char* bad : {"..", ".", "a/b", "/etc", ".hidden"}) {
    INFO(bad);
    write_file(site / "site.yaml", std::string("title: x\ntheme: '") + bad + "'\n");
    CHECK(run_firebreak("build --site " + site.string() + " " + kNow).exit_code == 2);
  }
}

TEST_CASE("a theme that does not exist is FB006 at theme: (exit 2), not one FB601 per template") {
  fs::path site = make_site("theme-missing");
  write_file(site / "site.yaml", "title: x\ntheme: defualt\n");
  int code = -1;
  std::string output = build(site, site / "public", code);
  INFO(output);
  CHECK(code == 2);
  CHECK(output.find("site.yaml:2:8: error[FB006]: theme `defualt` not found") != std::string::npos);
  CHECK(output.find("Did you mean `default`?") != std::string::npos);
  CHECK(output.find("FB601") == std::string::npos);
  CHECK_FALSE(fs::exists(site / "public"));
  // check says the same; a theme of the site's own is found.
  CHECK(run_firebreak("check --site " + site.string() + " " + kNow).exit_code == 2);
  write_file(site / "site.yaml", "title: x\ntheme: zzzqqq\n");
  auto far = run_firebreak("check --site " + site.string() + " " + kNow);
  CHECK(far.output.find("Themes found: default.") != std::string::npos);
  fs::create_directories(site / "themes");
  fs::copy(fs::path(FB_SOURCE_DIR) / "themes/default", site / "themes/zzzqqq", fs::copy_options::recursive);
  CHECK(build(site, site / "public", code).find("FB006") == std::string::npos);
  CHECK(code == 0);
}

TEST_CASE("a theme folder, template or asset that a symlink leads out of the site is refused") {
  fs::path secret = outside_secret("sec-theme");
  fs::path evil = secret.parent_path() / "evil-theme";
  // A complete theme outside: its templates would render the secret.
  fs::copy(fs::path(FB_SOURCE_DIR) / "themes/default", evil, fs::copy_options::recursive);
  write_file(evil / "assets/leak.txt", kSecret);

  SUBCASE("themes/<name> symlinked out") {
    fs::path site = make_site("sec-theme-dir");
    write_file(site / "site.yaml", "title: x\ntheme: evil\n");
    fs::create_directories(site / "themes");
    fs::create_directory_symlink(evil, site / "themes/evil");
    int code = -1;
    std::string output = build(site, site / "public", code);
    INFO(output);
    CHECK(code == 2);
    CHECK(output.find("resolves outside the site and the installed themes") != std::string::npos);
    CHECK_FALSE(fs::exists(site / "public"));
  }
  SUBCASE("a site layout and a site asset symlinked out") {
    fs::path site = make_site("sec-layout");
    fs::create_directories(site / "layouts/partials");
    fs::create_directories(site / "assets");
    fs::create_symlink(secret, site / "layouts/partials/footer.mustache");
    fs::create_symlink(secret, site / "assets/passwd.txt");
    int code = -1;
    std::string output = build(site, site / "public", code);
    INFO(output);
    CHECK(code == 1);
    CHECK(output.find("layouts/partials/footer.mustache: error[FB506]") != std::string::npos);
    CHECK(output.find("assets/passwd.txt: error[FB506]") != std::string::npos);
    CHECK_FALSE(leaks_secret(site / "public"));
    CHECK_FALSE(fs::exists(site / "public"));
  }
  SUBCASE("a symlinked layout inside the site is fine") {
    fs::path site = make_site("sec-layout-in");
    write_file(site / "mine/footer.mustache", "<footer>MY-OWN-FOOTER</footer>");
    fs::create_directories(site / "layouts/partials");
    fs::create_symlink(site / "mine/footer.mustache", site / "layouts/partials/footer.mustache");
    int code = -1;
    std::string output = build(site, site / "public", code);
    INFO(output);
    CHECK(code == 0);
  }
}
