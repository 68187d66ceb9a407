// Guard against one-definition-rule violations between modules: two different `struct X` at namespace
// scope (not in an anonymous namespace) in different files link into one executable, and the optimiser
// may then use one's inline destructor for the other. That happened once (fb::Pattern in check and in
// lessons): the Release build crashed while RelWithDebInfo passed every test.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

namespace fs = std::filesystem;

namespace {

/// Types defined at column 0 outside `namespace {`, as "Name" -> files. Nested `Outer::Impl`
/// definitions and forward declarations are not definitions of a new name and are skipped.
std::map<std::string, std::set<std::string>> namespace_scope_types(const fs::path& src) {
  static const std::regex type_def(R"(^(struct|class) ([A-Za-z_][A-Za-z_0-9]*)\s*(final\s*)?(\{|:(?!:)))");
  std::map<std::string, std::set<std::string>> out;
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    std::string ext = entry.path().extension().string();
    if (ext != ".h" && ext != ".cpp") continue;
    std::ifstream in(entry.path());
    std::string line;
    int anonymous_depth = 0;  // open `namespace {` blocks (closed by a `}  // namespace` line)
    std::vector<bool> stack;  // per open namespace: anonymous?
    while (std::getline(in, line)) {
      if (line.rfind("namespace", 0) == 0 && line.find('{') != std::string::npos) {
        bool anon = line.find("namespace {") == 0;
        stack.push_back(anon);
        anonymous_depth += anon;
        continue;
      }
      if (line.rfind("}  // namespace", 0) == 0 && !stack.empty()) {
        anonymous_depth -= stack.back();
        stack.pop_back();
        continue;
      }
      std::smatch m;
      if (anonymous_depth == 0 && std::regex_search(line, m, type_def))
        out[m[2]].insert(fs::relative(entry.path(), src).generic_string());
    }
  }
  return out;
}

}  // namespace

TEST_CASE("no two files define a namespace-scope type of the same name (one-definition rule)") {
  auto types = namespace_scope_types(fs::path(FB_SOURCE_DIR) / "src");
  REQUIRE(types.size() > 20);  // the scan found the project's types
  for (const auto& [name, files] : types) {
    if (files.size() < 2) continue;
    // A class declared in its header and given an Impl in its .cpp is the same type.
    std::set<std::string> stems;
    for (const auto& f : files) stems.insert(f.substr(0, f.rfind('.')));
    INFO(name << " is defined in " << files.size() << " files: " << *files.begin() << ", " << *files.rbegin());
    CHECK(stems.size() == 1);
  }
}
