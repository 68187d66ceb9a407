#pragma once
/// The HTTP side of `firebreak serve`: serves the published output exactly as `firebreak build` wrote
/// it, plus a live-reload script injected into every HTML response (never written to disk), and
/// pushes build results to open pages over Server-Sent Events (`/__firebreak/events`).
///
/// Safe by default: only GET and HEAD; no directory listings; `..`, `.` and empty segments (also
/// percent-encoded), backslashes, NUL bytes and symlinks that lead out of the output are 404.
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "util/diagnostic.h"

namespace httplib {
class Server;
}

namespace fb {

/// The Content-Type of an output file, by its extension (application/octet-stream when unknown).
std::string content_type_of(const std::string& path);
/// `html` with the live-reload script tag inserted before its last `</body>` (appended without one).
std::string inject_live_reload(std::string html);
/// The site-relative output file for a request path ("/runbooks/x/" -> "runbooks/x/index.html"), or
/// "" when the path is refused (traversal, NUL, backslash, a `.`/`..`/empty segment). A trailing
/// slash maps to the folder's index.html.
std::string output_path_for(const std::string& request_path);

class DevServer {
 public:
  /// Serves `out_dir`.
  explicit DevServer(std::filesystem::path out_dir);
  ~DevServer();
  DevServer(const DevServer&) = delete;
  DevServer& operator=(const DevServer&) = delete;

  /// Binds `host`:`port` (0: a free port). Returns "" or the error.
  std::string bind(const std::string& host, int port);
  /// The bound port.
  int port() const { return port_; }
  /// Serves until stop() (blocks; run it on its own thread).
  void run();
  /// Stops serving and ends every event stream.
  void stop();

  /// A build published: open pages whose file is in `changed` (output-relative paths) reload, pages
  /// restyle when only stylesheets changed, and every page reloads when `everything` is set. The
  /// error overlay goes.
  void published(const std::vector<std::string>& changed, bool everything);
  /// A build failed: every open page (and every page opened until the next good build) shows these
  /// diagnostics over the last good output.
  void failed(const Diagnostics& diags);
  /// Number of events sent so far (for tests and the benchmark).
  uint64_t events() const;

 private:
  void serve_file(const std::string& request_path, const std::string& if_none_match, int& status,
                  std::string& body, std::string& type, std::string& etag, std::string& location);

  std::filesystem::path out_;
  std::unique_ptr<httplib::Server> http_;
  int port_ = 0;
  mutable std::mutex mu_;
  std::condition_variable changed_;
  uint64_t seq_ = 0;           ///< number of events so far
  std::string last_event_;     ///< the newest event, as SSE text
  std::string errors_event_;   ///< the failed build's event while it stands ("" after a good build)
  bool stopping_ = false;
};

}  // namespace fb
