#include "site/dev_server.h"

#include <chrono>
#include <sys/stat.h>

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "util/fs.h"
#include "util/hash.h"

namespace fb {
namespace fs = std::filesystem;

namespace {

constexpr const char* kEventsPath = "/__firebreak/events";
constexpr const char* kScriptPath = "/__firebreak/live.js";
/// More changed files than this and the event says "everything" (a page then reloads whatever it is).
constexpr size_t kMaxListed = 2000;

/// The script every served HTML page gets. It listens to the build's events: it reloads the page when
/// its own file changed (keeping the scroll position), restyles it when only stylesheets changed, and
/// shows the failed build's diagnostics over the page until a good build.
constexpr const char* kLiveScript = R"js((function () {
  "use strict";
  var KEY = "firebreak-serve-scroll:" + location.pathname;
  try {
    var y = sessionStorage.getItem(KEY);
    if (y !== null) {
      sessionStorage.removeItem(KEY);
      var restore = function () { window.scrollTo(0, +y); };
      if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
    }
  } catch (e) {}
  function here() {
    var p = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    if (p === "" || p.charAt(p.length - 1) === "/") p += "index.html";
    return p;
  }
  function reload() {
    try { sessionStorage.setItem(KEY, String(window.scrollY)); } catch (e) {}
    location.reload();
  }
  function restyle() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href, location.href);
      url.searchParams.set("firebreak-reload", String(Date.now()));
      links[i].href = url.toString();
    }
  }
  var overlay = null;
  function clearOverlay() { if (overlay) { overlay.remove(); overlay = null; } }
  function showErrors(d) {
    clearOverlay();
    overlay = document.createElement("div");
    overlay.id = "firebreak-build-errors";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", "Build failed");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);" +
      "color:#fafafa;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:24px";
    var h = document.createElement("h2");
    h.style.cssText = "margin:0 0 4px;color:#ff8a80;font:bold 18px/1.4 system-ui,sans-serif";
    h.textContent = "Build failed: " + d.errors + (d.errors === 1 ? " error" : " errors") +
      " (showing the last good build underneath)";
    overlay.appendChild(h);
    var p = document.createElement("p");
    p.style.cssText = "margin:0 0 16px;color:#c7c7cc;font:13px/1.4 system-ui,sans-serif";
    p.textContent = "Fix the file and save: this goes away with the next good build.";
    overlay.appendChild(p);
    var list = document.createElement("ol");
    list.style.cssText = "margin:0;padding:0;list-style:none";
    d.diagnostics.forEach(function (g) {
      var li = document.createElement("li");
      li.style.cssText = "margin:0 0 12px;padding:8px 12px;border-left:4px solid #ff5252;background:#2a2a30";
      var where = g.file + (g.line ? ":" + g.line + (g.col ? ":" + g.col : "") : "");
      var head = document.createElement("div");
      head.textContent = where + ": " + g.level + "[" + g.code + "]: " + g.message;
      li.appendChild(head);
      if (g.hint) {
        var hint = document.createElement("div");
        hint.style.color = "#9fe0a0";
        hint.textContent = "hint: " + g.hint;
        li.appendChild(hint);
      }
      list.appendChild(li);
    });
    overlay.appendChild(list);
    if (d.more) {
      var more = document.createElement("p");
      more.textContent = "… and " + d.more + " more (see the terminal).";
      overlay.appendChild(more);
    }
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.style.cssText = "position:absolute;top:16px;right:16px;font:14px system-ui,sans-serif;padding:4px 12px";
    close.addEventListener("click", clearOverlay);
    overlay.appendChild(close);
    (document.body || document.documentElement).appendChild(overlay);
  }
  if (!window.EventSource) return;
  var events = new EventSource("/__firebreak/events");
  events.addEventListener("reload", function (e) {
    var d = JSON.parse(e.data);
    clearOverlay();
    if (d.all || d.pages.indexOf(here()) >= 0 || d.other) reload();
    else if (d.css) restyle();
  });
  events.addEventListener("errors", function (e) { showErrors(JSON.parse(e.data)); });
  events.addEventListener("ok", clearOverlay);
})();
)js";

std::string sse(const std::string& event, const std::string& data) {
  return fmt::format("event: {}\ndata: {}\n\n", event, data);
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}


}  // namespace

std::string content_type_of(const std::string& path) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},       {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},   {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json"},               {".svg", "image/svg+xml"},
      {".xml", "application/xml"},                 {".txt", "text/plain; charset=utf-8"},
      {".png", "image/png"},                       {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},                     {".gif", "image/gif"},
      {".webp", "image/webp"},                     {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},                    {".woff", "font/woff"},
      {".db", "application/vnd.sqlite3"},          {".pdf", "application/pdf"},
      {".map", "application/json"},                {".webmanifest", "application/manifest+json"}};
  for (const auto& [ext, type] : kTypes)
    if (ends_with(path, ext)) return type;
  return "application/octet-stream";
}

std::string inject_live_reload(std::string html) {
  static const std::string tag = fmt::format("<script src=\"{}\"></script>\n", kScriptPath);
  size_t at = html.rfind("</body>");
  if (at == std::string::npos) at = html.rfind("</BODY>");
  if (at == std::string::npos) html += tag;
  else html.insert(at, tag);
  return html;
}

std::string output_path_for(const std::string& request_path) {
  if (request_path.empty() || request_path[0] != '/') return {};
  if (request_path.find('\0') != std::string::npos || request_path.find('\\') != std::string::npos) return {};
  std::string out;
  size_t start = 1;
  while (start <= request_path.size()) {
    size_t slash = request_path.find('/', start);
    std::string_view seg = std::string_view(request_path).substr(
        start, (slash == std::string::npos ? request_path.size() : slash) - start);
    if (slash == std::string::npos) {
      if (seg == "." || seg == "..") return {};
      out += seg;
      break;
    }
    if (seg.empty() || seg == "." || seg == "..") return {};  // "//", "/./", "/../"
    out += seg;
    out += '/';
    start = slash + 1;
  }
  if (out.empty() || out.back() == '/') out += "index.html";
  return out;
}

DevServer::DevServer(fs::path out_dir) : out_(std::move(out_dir)), http_(std::make_unique<httplib::Server>()) {
  httplib::Server& s = *http_;
  // Event streams hold a thread each: room for many open tabs.
  s.new_task_queue = [] { return new httplib::ThreadPool(48); };
  s.set_keep_alive_max_count(100);
  s.set_read_timeout(5, 0);
  s.set_payload_max_length(1 << 16);
  auto refuse = [](const httplib::Request&, httplib::Response& res) {
    res.status = 405;
    res.set_header("Allow", "GET, HEAD");
    res.set_content("Method Not Allowed\n", "text/plain; charset=utf-8");
  };
  s.Post(".*", refuse);
  s.Put(".*", refuse);
  s.Patch(".*", refuse);
  s.Delete(".*", refuse);
  s.Options(".*", refuse);
  s.Get(kScriptPath, [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-cache");
    res.set_content(kLiveScript, "text/javascript; charset=utf-8");
  });
  s.Get(kEventsPath, [this](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-cache");
    res.set_header("X-Accel-Buffering", "no");
    uint64_t seen;
    std::string first;
    {
      std::lock_guard<std::mutex> lock(mu_);
      seen = seq_;
      first = "retry: 1000\n\n" + (errors_event_.empty() ? sse("ok", "{}") : errors_event_);
    }
    res.set_chunked_content_provider(
        "text/event-stream", [this, seen, first](size_t, httplib::DataSink& sink) mutable {
          if (!first.empty()) {
            std::string once;
            once.swap(first);
            return sink.write(once.data(), once.size());
          }
          std::string text;
          {
            std::unique_lock<std::mutex> lock(mu_);
            changed_.wait_for(lock, std::chrono::seconds(15), [&] { return stopping_ || seq_ != seen; });
            if (stopping_) return false;
            if (seq_ == seen) text = ": keep-alive\n\n";
            else text = last_event_, seen = seq_;
          }
          return sink.write(text.data(), text.size());
        });
  });
  s.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
    int status = 200;
    std::string body, type, etag, location;
    serve_file(req.path, req.get_header_value("If-None-Match"), status, body, type, etag, location);
    res.status = status;
    res.set_header("Cache-Control", "no-cache");
    if (!location.empty()) res.set_header("Location", location);
    if (!etag.empty()) res.set_header("ETag", etag);
    if (status != 304) res.set_content(std::move(body), type);
  });
}

DevServer::~DevServer() { stop(); }

std::string DevServer::bind(const std::string& host, int port) {
  if (port == 0) port_ = http_->bind_to_any_port(host);
  else port_ = http_->bind_to_port(host, port) ? port : -1;
  if (port_ <= 0) return fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)", host, port);
  return {};
}

void DevServer::run() { http_->listen_after_bind(); }

void DevServer::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (http_) http_->stop();
}

void DevServer::serve_file(const std::string& request_path, const std::string& if_none_match, int& status,
                           std::string& body, std::string& type, std::string& etag, std::string& location) {
  std::string rel = output_path_for(request_path);
  std::error_code ec;
  fs::path file = rel.empty() ? fs::path{} : out_ / rel;
  // "/runbooks/x" names a folder: send the browser to "/runbooks/x/" so relative links resolve.
  if (!rel.empty() && request_path.back() != '/' && fs::is_directory(file, ec) && resolves_within(file, out_)) {
    status = 301;
    location = request_path + "/";
    type = "text/plain; charset=utf-8";
    body = "Moved\n";
    return;
  }
  std::optional<std::string> bytes;
  if (!rel.empty() && fs::is_regular_file(file, ec) && resolves_within(file, out_)) bytes = read_file(file);
  if (!bytes) {
    status = 404;
    rel = "404.html";
    bytes = read_file(out_ / rel);
    if (!bytes) bytes = "<!doctype html><title>Not found</title><h1>Not found</h1><body></body>";
  }
  type = content_type_of(rel);
  body = type.rfind("text/html", 0) == 0 ? inject_live_reload(std::move(*bytes)) : std::move(*bytes);
  etag = "\"" + hash_hex(content_hash(body)) + "\"";
  if (status == 200 && !if_none_match.empty() && if_none_match == etag) {
    status = 304;
    body.clear();
  }
}

void DevServer::published(const std::vector<std::string>& changed, bool everything) {
  nlohmann::json d;
  bool css = false, other = false;
  d["pages"] = nlohmann::json::array();
  for (const std::string& path : changed) {
    if (ends_with(path, ".html")) d["pages"].push_back(path);
    else if (ends_with(path, ".css")) css = true;
    else if (ends_with(path, ".js") && path.rfind("search/", 0) != 0) other = true;  // page scripts
  }
  d["all"] = everything || changed.size() > kMaxListed;
  if (d["all"].get<bool>()) d["pages"] = nlohmann::json::array();
  d["css"] = css;
  d["other"] = other;
  {
    std::lock_guard<std::mutex> lock(mu_);
    last_event_ = sse("reload", d.dump());
    errors_event_.clear();
    ++seq_;
  }
  changed_.notify_all();
}

void DevServer::failed(const Diagnostics& diags) {
  nlohmann::json d;
  d["diagnostics"] = nlohmann::json::array();
  size_t errors = 0, shown = 0;
  for (const Diagnostic& g : diags.items) {
    if (g.level != Level::Error) continue;
    ++errors;
    if (shown++ >= 100) continue;
    d["diagnostics"].push_back({{"code", g.code}, {"level", level_name(g.level)}, {"file", g.file},
                                {"line", g.line}, {"col", g.col}, {"message", g.message}, {"hint", g.hint}});
  }
  d["errors"] = errors;
  d["more"] = errors > 100 ? errors - 100 : 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    errors_event_ = sse("errors", d.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    last_event_ = errors_event_;
    ++seq_;
  }
  changed_.notify_all();
}

uint64_t DevServer::events() const {
  std::lock_guard<std::mutex> lock(mu_);
  return seq_;
}

}  // namespace fb
