#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

// CTest splits test names at ';', so a doctest case whose name holds one is registered as fragments
// that run nothing and pass. Keep every case name free of ';'.
TEST_CASE("no doctest case name contains a semicolon") {
  namespace fs = std::filesystem;
  std::regex test_case(R"re(TEST_CASE\("([^"]*)")re");
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(FB_SOURCE_DIR) / "tests")) {
    if (e.path().extension() != ".cpp") continue;
    ++files;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    for (auto it = std::sregex_iterator(text.begin(), text.end(), test_case); it != std::sregex_iterator(); ++it) {
      INFO(e.path().string() << ": " << (*it)[1].str());
      CHECK((*it)[1].str().find(';') == std::string::npos);
    }
  }
  CHECK(files > 10);
}
