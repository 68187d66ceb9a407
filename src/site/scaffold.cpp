#include "site/scaffold.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include "site/pipeline.h"
#include "util/fs.h"
#include "util/text.h"
#include "util/time.h"

namespace fb {
namespace fs = std::filesystem;

namespace {

/// "db-failover" -> "Db failover"
std::string title_from_slug(const std::string& slug) {
  std::string base = slug.substr(slug.rfind('/') + 1);
  std::string out;
  for (char c : base) out += (c == '-' || c == '_') ? ' ' : c;
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

bool valid_slug(const std::string& slug) {
  if (slug.empty()) return false;
  for (auto piece : split(slug, '/')) {
    if (piece.empty() || piece == "." || piece == "..") return false;
    for (char c : piece)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || (c >= 'A' && c <= 'Z')))
        return false;
  }
  return true;
}

}  // namespace

ScaffoldResult scaffold(const fs::path& site_dir, const std::string& theme, const std::string& kind,
                        const std::string& slug, int64_t now) {
  ScaffoldResult r;
  if (kind != "runbook" && kind != "postmortem") {
    r.error = fmt::format("unknown kind '{}': use `runbook` or `postmortem`", kind);
    r.usage_error = true;
    return r;
  }
  if (!valid_slug(slug)) {
    r.error = fmt::format("'{}' is not a valid slug: use letters, digits, '-' and '_' (folders with '/')", slug);
    r.usage_error = true;
    return r;
  }
  fs::path archetype = site_dir / "archetypes" / (kind + ".md");
  std::error_code ec;
  if (!fs::exists(archetype, ec)) archetype = theme_dir(site_dir, theme) / "archetypes" / (kind + ".md");
  std::string err;
  auto text = read_file(archetype, &err);
  if (!text) {
    r.error = fmt::format("cannot read archetype {}: {}", archetype.string(), err);
    return r;
  }
  kainjow::mustache::mustache tmpl{*text};
  if (!tmpl.is_valid()) {
    r.error = fmt::format("archetype {} is not a valid template: {}", archetype.string(), tmpl.error_message());
    return r;
  }
  kainjow::mustache::data ctx;
  ctx.set("title", title_from_slug(slug));
  ctx.set("slug", slug.substr(slug.rfind('/') + 1));
  ctx.set("date", format_date(now));
  ctx.set("now", format_rfc3339_utc(now));
  // Archetypes are Markdown/YAML, not HTML: do not HTML-escape.
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  std::string rendered = tmpl.render(ctx);

  r.path = fmt::format("content/{}/{}.md", kind == "runbook" ? "runbooks" : "postmortems", slug);
  fs::path target = site_dir / r.path;
  fs::create_directories(target.parent_path(), ec);
  // O_EXCL: never overwrite, even if the file appears between a check and the write.
  int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0) {
    r.error = errno == EEXIST ? fmt::format("{} already exists; not overwriting it", r.path)
                              : fmt::format("cannot create {}: {}", r.path, std::strerror(errno));
    return r;
  }
  ssize_t written = ::write(fd, rendered.data(), rendered.size());
  ::close(fd);
  if (written != static_cast<ssize_t>(rendered.size())) {
    r.error = fmt::format("cannot write {}", r.path);
    return r;
  }
  r.ok = true;
  return r;
}

}  // namespace fb
