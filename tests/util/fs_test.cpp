#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <unistd.h>

#include "util/fs.h"

namespace fs = std::filesystem;

namespace {
/// A fresh empty directory under the system temp dir, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("fb-fs-test-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};
}  // namespace

TEST_CASE("read_file and write_file round-trip bytes, including NUL and no trailing newline") {
  TempDir t;
  std::string bytes("a\0b\r\nlast", 9);
  std::string err;
  REQUIRE(fb::write_file(t.path / "x" / "y" / "f.bin", bytes, &err));
  auto back = fb::read_file(t.path / "x" / "y" / "f.bin", &err);
  REQUIRE(back);
  CHECK(*back == bytes);
  // Overwriting truncates.
  REQUIRE(fb::write_file_in_dir(t.path / "x" / "y" / "f.bin", "ab", &err));
  CHECK(fb::read_file(t.path / "x" / "y" / "f.bin").value() == "ab");
}

TEST_CASE("read_file holds a file in about its own size and reads files whose size is not known up front") {
  TempDir t;
  std::string big(100000, 'x');
  REQUIRE(fb::write_file(t.path / "big.md", big));
  auto back = fb::read_file(t.path / "big.md");
  REQUIRE(back);
  CHECK(*back == big);
  CHECK(back->capacity() < big.size() + 64);  // not a doubled buffer per file (10k files are read at once)
  // /proc files report size 0: read to the end anyway.
  auto status = fb::read_file("/proc/self/status");
  REQUIRE(status);
  CHECK(status->find("VmRSS") != std::string::npos);
}

TEST_CASE("read_file reports a missing file and a directory with the OS reason") {
  TempDir t;
  std::string err;
  CHECK_FALSE(fb::read_file(t.path / "missing.md", &err));
  CHECK(err == "No such file or directory");
  err.clear();
  CHECK_FALSE(fb::read_file(t.path, &err));
  CHECK(err == "Is a directory");
}

TEST_CASE("write_file_in_dir does not create directories, write_file does") {
  TempDir t;
  std::string err;
  CHECK_FALSE(fb::write_file_in_dir(t.path / "no" / "f.txt", "x", &err));
  CHECK(err == "No such file or directory");
  CHECK(fb::write_file(t.path / "no" / "f.txt", "x", &err));
  CHECK(fs::exists(t.path / "no" / "f.txt"));
}

TEST_CASE("list_files gives sorted root-relative paths through a symlinked root and skips dot entries") {
  TempDir t;
  fb::write_file(t.path / "real" / "b" / "two.md", "2");
  fb::write_file(t.path / "real" / "a.md", "1");
  fb::write_file(t.path / "real" / "c.txt", "no");
  fb::write_file(t.path / "real" / ".hidden" / "h.md", "no");
  fb::write_file(t.path / "real" / ".dot.md", "no");
  fs::create_directory_symlink(t.path / "real", t.path / "link");
  auto files = fb::list_files(t.path / "link", {".md"});
  REQUIRE(files.size() == 2);
  CHECK(files[0] == "a.md");
  CHECK(files[1] == "b/two.md");
}

TEST_CASE("list_files_within refuses symlinks that resolve outside the jail and keeps the ones inside") {
  TempDir t;
  fs::path site = t.path / "site", outside = t.path / "outside";
  fb::write_file(outside / "secret.md", "secret");
  fb::write_file(outside / "dir" / "x.md", "x");
  fb::write_file(site / "content" / "real.md", "r");
  fb::write_file(site / "elsewhere" / "inside.md", "i");
  fs::create_symlink(outside / "secret.md", site / "content" / "escape.md");
  fs::create_symlink("../../outside/secret.md", site / "content" / "relative-escape.md");
  fs::create_symlink(site / "elsewhere" / "inside.md", site / "content" / "inside-link.md");
  fs::create_symlink(t.path / "gone.md", site / "content" / "dangling-out.md");
  fs::create_symlink(site / "gone.md", site / "content" / "dangling-in.md");

  fb::FileListing l = fb::list_files_within(site / "content", {".md"}, site);
  CHECK(l.files == std::vector<std::string>{"dangling-in.md", "inside-link.md", "real.md"});
  CHECK(l.outside == std::vector<std::string>{"dangling-out.md", "escape.md", "relative-escape.md"});
  // The plain listing still lists every entry (for callers that jail nothing).
  CHECK(fb::list_files(site / "content", {".md"}).size() == 6);

  // A root that resolves outside through a symlinked component is refused whole.
  fs::create_directory_symlink(outside, site / "linked");
  fb::FileListing root_out = fb::list_files_within(site / "linked", {".md"}, site);
  CHECK(root_out.files.empty());
  CHECK(root_out.outside == std::vector<std::string>{"."});
  fb::FileListing nested_out = fb::list_files_within(site / "linked" / "dir", {".md"}, site);
  CHECK(nested_out.outside == std::vector<std::string>{"."});
  // A symlinked root inside the jail is fine.
  fs::create_directory_symlink(site / "elsewhere", site / "alias");
  CHECK(fb::list_files_within(site / "alias", {".md"}, site).files == std::vector<std::string>{"inside.md"});
  // A missing root lists nothing and refuses nothing.
  fb::FileListing none = fb::list_files_within(site / "missing", {".md"}, site);
  CHECK(none.files.empty());
  CHECK(none.outside.empty());

  CHECK(fb::resolves_within(site / "content" / "inside-link.md", site));
  CHECK_FALSE(fb::resolves_within(site / "content" / "escape.md", site));
  CHECK_FALSE(fb::resolves_within(site / ".." / "outside", site));
  CHECK(fb::resolves_within(site, site));
}
