// The command-line habits of Hugo and Zola: --version, did-you-mean, usage errors exit 2, site discovery
// up the ancestors, --color, each fatal error said once.
#include <doctest/doctest.h>

#include "check/report.h"
#include <cstdlib>
#include <fstream>

#include "run.h"

namespace fs = std::filesystem;

namespace {
size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}
}  // namespace

TEST_CASE("--version and -V print the version and exit 0") {
  for (const char* flag : {"--version", "-V"}) {
    RunResult r = run_firebreak(flag);
    CHECK(r.exit_code == 0);
    CHECK(r.output.rfind("firebreak ", 0) == 0);
    CHECK(r.output.find("subcommand") == std::string::npos);
  }
}

TEST_CASE("a mistyped command gets the nearest command and exit 2, also with --help") {
  for (const char* args : {"biuld", "biuld --help", "serv --help"}) {
    INFO(args);
    RunResult r = run_firebreak(args);
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("is not a firebreak command") != std::string::npos);
    CHECK(r.output.find("Did you mean `b") + r.output.find("Did you mean `serve`") != 2 * std::string::npos);
    CHECK(r.output.find("Usage:") == std::string::npos);  // not the top-level help
  }
  CHECK(run_firebreak("biuld").output.find("Did you mean `build`?") != std::string::npos);
}

TEST_CASE("a mistyped flag gets the nearest flag of that command and exit 2") {
  RunResult r = run_firebreak("check --quite");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("unknown option `--quite` for `check`. Did you mean `--quiet`?") != std::string::npos);
  RunResult b = run_firebreak("build --sitee x");
  CHECK(b.exit_code == 2);
  CHECK(b.output.find("Did you mean `--site`?") != std::string::npos);
}

TEST_CASE("usage errors exit 2: a bad slug for new") {
  fs::path site = make_site("conv-new");
  RunResult r = run_firebreak("new runbook 'bad slug' --site " + site.string());
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("not a valid slug") != std::string::npos);
}

TEST_CASE("run from a folder inside the site, every command finds site.yaml up the ancestors") {
  fs::path site = make_site("conv-discover");
  fs::path nested = site / "content" / "runbooks";
  RunResult r = run_firebreak("check", nested.string());
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("FB004") == std::string::npos);
  CHECK(r.output.find("Checked 1 runbooks") != std::string::npos);
  // --site still wins: an empty folder named explicitly is not a site, whatever is above it.
  fs::path empty = nested / "empty";
  fs::create_directories(empty);
  RunResult e = run_firebreak("check --site " + empty.string());
  CHECK(e.exit_code == 2);
  CHECK(e.output.find("FB004") != std::string::npos);
}

TEST_CASE("a fatal error is said once, without a summary before it") {
  fs::path empty = fresh_temp_dir("conv-empty");
  RunResult r = run_firebreak("check --site " + empty.string());
  CHECK(r.exit_code == 2);
  CHECK(count(r.output, "FB004") == 1);
  CHECK(r.output.find("site.yaml has errors") == std::string::npos);
  CHECK(r.output.find("0 errors") == std::string::npos);
  RunResult b = run_firebreak("build --site " + empty.string());
  CHECK(b.exit_code == 2);
  CHECK(count(b.output, "no site.yaml") == 1);
  RunResult n = run_firebreak("check --site /nonexistent-firebreak-site");
  CHECK(n.exit_code == 2);
  CHECK(n.output.find("does not exist") != std::string::npos);
  CHECK(n.output.find("0 errors") == std::string::npos);
}

TEST_CASE("--color always|never, and NO_COLOR counts only when it is not empty") {
  fs::path site = make_site("conv-color");  // not a git repository: an FB801 info is printed
  RunResult always = run_firebreak("--color always check --site " + site.string());  // NO_COLOR=1 is set: the flag wins
  CHECK(always.output.find("\x1b[") != std::string::npos);
  RunResult never = run_firebreak("--color never check --site " + site.string());
  CHECK(never.output.find("FB801") != std::string::npos);
  CHECK(never.output.find("\x1b[") == std::string::npos);
  CHECK(run_firebreak("--color sometimes check --site " + site.string()).exit_code == 2);
  CHECK(fb::color_wanted("auto", true, nullptr));
  CHECK(fb::color_wanted("auto", true, ""));  // NO_COLOR set but empty: colour stays on
  CHECK_FALSE(fb::color_wanted("auto", true, "1"));
  CHECK_FALSE(fb::color_wanted("auto", false, nullptr));  // not a terminal
  CHECK(fb::color_wanted("always", false, "1"));
  CHECK_FALSE(fb::color_wanted("never", true, nullptr));
}

TEST_CASE("completion scripts are generated from the commands, and the bash one loads and completes") {
  RunResult b = run_firebreak("completion bash");
  REQUIRE(b.exit_code == 0);
  CHECK(b.output.find("complete -F _firebreak firebreak") != std::string::npos);
  fs::path dir = fresh_temp_dir("conv-completion");
  fs::path script = dir / "firebreak.bash";
  {
    std::ofstream(script) << b.output;
  }
  CHECK(std::system(("bash -n " + script.string()).c_str()) == 0);
  // Complete `firebreak bu` and `firebreak check --qu` as bash would.
  std::string probe = "source " + script.string() +
                      " && COMP_WORDS=(firebreak bu) COMP_CWORD=1 && _firebreak && echo \"${COMPREPLY[*]}\""
                      " && COMP_WORDS=(firebreak check --qu) COMP_CWORD=2 && _firebreak && echo \"${COMPREPLY[*]}\"";
  std::string out = run_shell("bash -c '" + probe + "' 2>&1").output;
  CHECK(out == "build\n--quiet\n");
  RunResult z = run_firebreak("completion zsh");
  CHECK(z.exit_code == 0);
  CHECK(z.output.rfind("#compdef firebreak", 0) == 0);
  CHECK(z.output.find("'serve:") != std::string::npos);
  RunResult f = run_firebreak("completion fish");
  CHECK(f.exit_code == 0);
  CHECK(f.output.find("__fish_seen_subcommand_from build' -l site") != std::string::npos);
  CHECK(run_firebreak("completion tcsh").exit_code == 2);
}

TEST_CASE("the man page is generated from the CLI's own help, when help2man is installed") {
  fs::path man = fs::path(FB_BINARY).parent_path() / "firebreak.1";
  if (std::system("command -v help2man >/dev/null 2>&1") != 0) {
    MESSAGE("help2man is not installed: no man page to check");
    return;
  }
  REQUIRE(fs::exists(man));
  std::ifstream in(man);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find(".TH FIREBREAK \"1\"") != std::string::npos);
  for (const char* cmd : {"build", "check", "serve", "completion", "\\-\\-site"}) CHECK_MESSAGE(text.find(cmd) != std::string::npos, cmd);
}
