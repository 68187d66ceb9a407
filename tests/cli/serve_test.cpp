// `firebreak serve` end to end: the real binary on a free loopback port, an HTTP client, the event
// stream, edits made the way editors make them, and a clean stop.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "run.h"
#include "util/fs.h"

namespace fs = std::filesystem;
using fb::read_file;
using fb::write_file;

namespace {

/// A running `firebreak serve` (stopped with SIGINT when destroyed).
struct Serve {
  pid_t pid = -1;
  fs::path log;
  int port = 0;

  Serve(const fs::path& site, const std::string& extra = "") {
    log = site.parent_path() / (site.filename().string() + "-serve.log");
    fs::remove(log);
    pid = fork();
    if (pid == 0) {
      int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      dup2(fd, 1), dup2(fd, 2);
      std::string cmd = std::string("exec ") + FB_BINARY + " serve --port 0 --site " + site.string() +
                        " --now 2026-11-23T00:00:00Z " + extra;
      execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 200 && port == 0; ++i) {  // up to 10 s for the first build
      std::string text = read_file(log).value_or("");
      size_t at = text.find("127.0.0.1:");
      if (at != std::string::npos && text.find("(Ctrl-C", at) != std::string::npos)
        port = std::atoi(text.c_str() + at + 10);
      else std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  /// Stops it; returns its exit status.
  int stop() {
    if (pid <= 0) return -1;
    ::kill(pid, SIGINT);
    int status = 0;
    ::waitpid(pid, &status, 0);
    pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  ~Serve() { stop(); }
  std::string output() const { return read_file(log).value_or(""); }
};

/// Reads the event stream on its own thread; events() gives what arrived so far.
struct EventStream {
  httplib::Client client;
  std::thread reader;
  std::mutex mu;
  std::string text;
  std::atomic<bool> done{false};

  explicit EventStream(int port) : client("127.0.0.1", port) {
    client.set_read_timeout(30, 0);
    reader = std::thread([this] {
      client.Get("/__firebreak/events", [this](const char* data, size_t n) {
        std::lock_guard<std::mutex> lock(mu);
        text.append(data, n);
        return !done.load();
      });
    });
  }
  ~EventStream() {
    done = true;
    client.stop();
    reader.join();
  }
  /// Waits up to 10 s for `needle` to have arrived after `from` bytes; returns where it starts.
  size_t wait_for(const std::string& needle, size_t from = 0) {
    for (int i = 0; i < 400; ++i) {
      {
        std::lock_guard<std::mutex> lock(mu);
        size_t at = text.find(needle, from);
        if (at != std::string::npos) return at;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return std::string::npos;
  }
  std::string all() {
    std::lock_guard<std::mutex> lock(mu);
    return text;
  }
};

/// Sends raw bytes to the server and returns whatever it answered.
std::string raw_request(int port, const std::string& bytes) {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string out;
  if (::connect(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    [[maybe_unused]] ssize_t w = ::send(s, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    timeval tv{1, 0};  // (a half-closed connection is dropped by the server unanswered, so none here)
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[4096];
    ssize_t n;
    while ((n = ::recv(s, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
  }
  ::close(s);
  return out;
}

}  // namespace

TEST_CASE("serve: pages and assets with their types, directory URLs, the 404 page, ETags and HEAD") {
  fs::path site = make_site("serve-files");
  Serve serve(site);
  REQUIRE_MESSAGE(serve.port > 0, serve.output());
  httplib::Client c("127.0.0.1", serve.port);
  auto home = c.Get("/");
  REQUIRE(home);
  CHECK(home->status == 200);
  CHECK(home->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(home->body.find("<script src=\"/__firebreak/live.js\"></script>") != std::string::npos);
  // What build wrote, byte for byte apart from the injected script.
  std::string on_disk = *read_file(site / "public/index.html");
  CHECK(on_disk.find("__firebreak") == std::string::npos);
  CHECK(home->body.size() == on_disk.size() + std::string("<script src=\"/__firebreak/live.js\"></script>\n").size());

  auto css = c.Get("/assets/style.css");
  REQUIRE(css);
  CHECK(css->get_header_value("Content-Type") == "text/css; charset=utf-8");
  CHECK(css->body == *read_file(site / "public/assets/style.css"));
  CHECK(css->get_header_value("Cache-Control") == "no-cache");
  const std::string etag = css->get_header_value("ETag");
  CHECK_FALSE(etag.empty());
  auto again = c.Get("/assets/style.css", {{"If-None-Match", etag}});
  REQUIRE(again);
  CHECK(again->status == 304);
  CHECK(c.Get("/api/runbooks.json")->get_header_value("Content-Type") == "application/json");
  CHECK(c.Get("/sitemap.xml")->get_header_value("Content-Type") == "application/xml");
  CHECK(c.Get("/lessons.db")->get_header_value("Content-Type") == "application/vnd.sqlite3");
  CHECK(c.Get("/assets/search.js")->get_header_value("Content-Type") == "text/javascript; charset=utf-8");

  auto dir = c.Get("/runbooks/disk-full");
  REQUIRE(dir);
  CHECK(dir->status == 301);
  CHECK(dir->get_header_value("Location") == "/runbooks/disk-full/");
  auto page = c.Get("/runbooks/disk-full/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->body.find("Disk full") != std::string::npos);
  auto head = c.Head("/runbooks/disk-full/");
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->body.empty());
  auto missing = c.Get("/no/such/page/");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(missing->body.find("__firebreak/live.js") != std::string::npos);  // the site's 404 page, live
  CHECK(serve.stop() == 0);
}

TEST_CASE("serve: traversal, NUL, symlinks out, other methods and junk requests are refused without harm") {
  fs::path site = make_site("serve-safety");
  write_file(site.parent_path() / "fb-cli-test-serve-secret.txt", "SECRET-OUTSIDE");
  Serve serve(site);
  REQUIRE_MESSAGE(serve.port > 0, serve.output());
  // A symlink into the published output that leads out of it.
  fs::create_symlink(site.parent_path() / "fb-cli-test-serve-secret.txt", site / "public/leak.txt");
  fs::create_directory_symlink(site / "content", site / "public/src");
  httplib::Client c("127.0.0.1", serve.port);
  for (const char* path : {"/../fb-cli-test-serve-secret.txt", "/%2e%2e/fb-cli-test-serve-secret.txt",
                           "/runbooks/%2e%2e/%2e%2e/fb-cli-test-serve-secret.txt", "/..%2ffb-cli-test-serve-secret.txt",
                           "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "//etc/passwd", "/index.html%00.txt", "/..\\..\\etc\\passwd",
                           "/leak.txt", "/src/runbooks/disk-full.md", "/./index.html", "/assets/../../site.yaml"}) {
    std::string answer = raw_request(serve.port, std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    INFO(std::string(path) << " -> " << answer.substr(0, 200));
    CHECK(answer.find("SECRET-OUTSIDE") == std::string::npos);
    CHECK(answer.find("Disk full\nservice") == std::string::npos);
    CHECK(answer.find("title: Test KB") == std::string::npos);
    CHECK((answer.rfind("HTTP/1.1 404", 0) == 0 || answer.rfind("HTTP/1.1 400", 0) == 0));
  }
  auto post = c.Post("/", "x=1", "application/x-www-form-urlencoded");
  REQUIRE(post);
  CHECK(post->status == 405);
  CHECK(c.Delete("/index.html")->status == 405);
  CHECK(fs::exists(site / "public/index.html"));
  // Junk and an enormous URL: an error answer (or none), and the server goes on.
  raw_request(serve.port, std::string(20000, 'A') + "\r\n\r\n");
  raw_request(serve.port, "GET /" + std::string(100000, 'x') + " HTTP/1.1\r\nHost: x\r\n\r\n");
  raw_request(serve.port, "GET / HTTP/1.1\r\n" + std::string(70000, 'h') + ": v\r\n\r\n");
  raw_request(serve.port, std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11));
  auto still = c.Get("/");
  REQUIRE(still);
  CHECK(still->status == 200);
  CHECK(serve.stop() == 0);
}

TEST_CASE("serve: an edit reloads the page, a broken file shows its diagnostics until fixed, Ctrl-C leaves nothing") {
  fs::path site = make_site("serve-live");
  Serve serve(site);
  REQUIRE_MESSAGE(serve.port > 0, serve.output());
  httplib::Client c("127.0.0.1", serve.port);
  EventStream events(serve.port);
  REQUIRE(events.wait_for("event: ok") != std::string::npos);  // a good build stands

  // An editor that saves by renaming a temporary file over the original (vim, JetBrains).
  std::string text = *read_file(site / "content/runbooks/disk-full.md");
  write_file(site / "content/runbooks/.disk-full.md.swp", "swap");
  write_file(site / "content/runbooks/disk-full.md.tmp-save", text + "\nA NEW STEP WAS ADDED.\n");
  fs::rename(site / "content/runbooks/disk-full.md.tmp-save", site / "content/runbooks/disk-full.md");
  size_t at = events.wait_for("runbooks/disk-full/index.html");
  REQUIRE_MESSAGE(at != std::string::npos, events.all() << serve.output());
  CHECK(c.Get("/runbooks/disk-full/")->body.find("A NEW STEP WAS ADDED.") != std::string::npos);

  // Break it: the diagnostics go to open pages, and to pages opened while it is broken.
  write_file(site / "content/runbooks/disk-full.md", "---\ntitle: [unclosed\n---\nbody\n");
  size_t err = events.wait_for("event: errors", at);
  REQUIRE_MESSAGE(err != std::string::npos, events.all() << serve.output());
  CHECK(events.all().find("\"file\":\"content/runbooks/disk-full.md\"", err) != std::string::npos);
  CHECK(events.all().find("\"code\":\"FB503\"", err) != std::string::npos);
  CHECK(events.all().find("\"hint\":", err) != std::string::npos);
  CHECK(c.Get("/runbooks/disk-full/")->body.find("A NEW STEP WAS ADDED.") != std::string::npos);  // last good build
  {
    EventStream late(serve.port);
    CHECK(late.wait_for("event: errors") != std::string::npos);
  }
  CHECK(serve.output().find("content/runbooks/disk-full.md:2:8: error[FB503]") != std::string::npos);

  // Fix it: the overlay goes (a reload event), and new pages see a good build.
  write_file(site / "content/runbooks/disk-full.md", text);
  REQUIRE(events.wait_for("event: reload", err) != std::string::npos);
  {
    EventStream late(serve.port);
    CHECK(late.wait_for("event: ok") != std::string::npos);
  }
  CHECK(serve.stop() == 0);
  CHECK(serve.output().find("Stopped.") != std::string::npos);
  // The output's temporary folders (beside public/) are gone. Only this site's: other tests, run in
  // parallel, publish in the temp folder too.
  for (const fs::path& dir : {site, site.parent_path()})
    for (auto& e : fs::directory_iterator(dir)) {
      std::string name = e.path().filename().string();
      if (dir != site && name.find(site.filename().string()) == std::string::npos) continue;
      CHECK_MESSAGE(name.find(".tmp-") == std::string::npos, name);
    }
  for (auto& e : fs::directory_iterator(site / ".firebreak-cache"))
    CHECK_MESSAGE(e.path().filename().string().find(".tmp-") == std::string::npos, e.path());
}
