// Links between documents: a relative link to a content file that does not exist (FB401) or to a
// heading anchor the target does not have (FB402), whether it is written as the Markdown file
// (`../db/pool.md#mitigation`) or as the published page (`../pool/`, `../pool/index.html#mitigation`),
// resolved from the page's own URL. Page links into runbooks/ and postmortems/ must name a published page
// or the section's index; a relative link climbing above the site root is FB401 too. External links,
// site-absolute links and links to other files (assets, generated pages outside the two sections) are
// not checked here.
#include <algorithm>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "check/rules.h"
#include "util/text.h"

namespace fb::rules {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_external(std::string_view url) {
  if (url.rfind("//", 0) == 0) return true;
  size_t colon = url.find(':');
  if (colon == std::string_view::npos) return false;
  size_t slash = url.find_first_of("/?#");
  return slash == std::string_view::npos || colon < slash;  // a scheme: http:, mailto:, tel:, ...
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}


struct Target {
  const Document* doc;
  std::unordered_set<std::string> anchors;
};

void check_anchor(const Document& from, const Link& link, const Target& target, const std::string& fragment,
                  Diagnostics& diags) {
  if (fragment.empty() || target.doc->data_file || target.anchors.count(fragment)) return;
  std::vector<std::string> anchors;
  for (const auto& h : target.doc->md.headings) anchors.push_back(h.anchor);
  std::string guess = did_you_mean(fragment, anchors);
  diags.add("FB402", Level::Error, from.path, {link.line, link.col},
            target.doc == &from ? fmt::format("link to `#{}`: this page has no such heading", fragment)
                                : fmt::format("link to `{}`: {} has no heading with anchor `{}`", link.url,
                                              target.doc->path, fragment),
            guess.empty() ? (anchors.empty() ? std::string("The target has no headings; link to the page itself.")
                                             : fmt::format("Anchors there: {}.", join(anchors, ", ")))
                          : fmt::format("Did you mean `#{}`?", guess));
}

/// "runbooks/db/pool/" for "runbooks/db/pool/index.html" (a page is named by its folder).
std::string page_dir(std::string_view url) {
  if (ends_with(url, "index.html")) url.remove_suffix(10);
  std::string out(url);
  if (!out.empty() && out.back() != '/') out += '/';
  return out;
}

/// A link written as a published page (`../pool/`, `../pool/index.html`), resolved from the linking
/// page's folder: into runbooks/ or postmortems/ it must name a page (FB401) and its anchor (FB402).
void check_page_link(const Document& from, const Link& link, const std::string& file, const std::string& fragment,
                     const std::unordered_map<std::string, const Target*>& by_url, Diagnostics& diags) {
  std::string base = page_dir(from.url);
  std::string joined = base + file;
  // Climbing above the root: count the depth as the path is walked.
  int depth = 0;
  for (auto piece : split(joined, '/')) {
    if (piece == "..") --depth;
    else if (!piece.empty() && piece != ".") ++depth;
    if (depth < 0) {
      diags.add("FB401", Level::Error, from.path, {link.line, link.col},
                fmt::format("link to `{}`: it climbs above the site's root", link.url),
                "Relative links are resolved from the page's folder (one `../` per level); fix the number of `../`.");
      return;
    }
  }
  std::string resolved = normalise_path(joined);
  bool page_like = file.back() == '/' || ends_with(file, ".html") || file.find('.') == std::string::npos;
  std::string section = resolved.substr(0, resolved.find('/'));
  if (!page_like || (section != "runbooks" && section != "postmortems")) return;  // an asset or a generated page
  if (ends_with(resolved, ".html") && !ends_with(resolved, "index.html")) return;  // not how pages are named
  std::string key = page_dir(resolved);
  if (key == section + "/") return;  // the section's index
  auto it = by_url.find(key);
  if (it == by_url.end()) {
    std::vector<std::string> pages;
    for (const auto& [u, t] : by_url)
      if (u.rfind(section + "/", 0) == 0) pages.push_back(u);
    std::sort(pages.begin(), pages.end());
    std::string guess = did_you_mean(key, pages);
    diags.add("FB401", Level::Error, from.path, {link.line, link.col},
              fmt::format("link to `{}`: there is no page {} in the site", link.url, key),
              guess.empty() ? std::string("Links are resolved from the page's folder; link to the Markdown file "
                                          "(`../other-runbook.md`) and Firebreak writes the page link for you.")
                            : fmt::format("Did you mean the page {}?", guess));
    return;
  }
  check_anchor(from, link, *it->second, fragment, diags);
}

}  // namespace

void links(const Config& config, const std::vector<Document>& docs, Diagnostics& diags) {
  std::unordered_map<std::string, Target> by_path;
  by_path.reserve(docs.size());
  for (const Document& d : docs) {
    Target t{&d, {}};
    for (const auto& h : d.md.headings) t.anchors.insert(h.anchor);
    by_path.emplace(d.path, std::move(t));
  }
  std::unordered_map<std::string, const Target*> by_url;  // "runbooks/db/pool/" -> its document
  by_url.reserve(docs.size());
  for (const auto& [path, t] : by_path) by_url.emplace(page_dir(t.doc->url), &t);
  for (const Document& d : docs) {
    const std::string dir = d.path.substr(0, d.path.rfind('/'));
    const Target& self = by_path.at(d.path);
    for (const Link& link : d.md.links) {
      std::string_view url = link.url;
      if (url.empty() || link.image || is_external(url) || url[0] == '/') continue;
      size_t cut = url.find_first_of("#?");
      std::string file = percent_decode(url.substr(0, cut));
      std::string fragment;
      if (size_t hash = url.find('#'); hash != std::string_view::npos) fragment = percent_decode(url.substr(hash + 1));
      if (file.empty()) {
        check_anchor(d, link, self, fragment, diags);
        continue;
      }
      if (!(ends_with(file, ".md") || ends_with(file, ".yaml") || ends_with(file, ".yml"))) {
        check_page_link(d, link, file, fragment, by_url, diags);
        continue;
      }
      std::string resolved = normalise_path(dir + "/" + file);
      DocKind kind;
      if (resolved.empty() || !kind_of_path(resolved, kind)) continue;  // not a content page
      auto it = by_path.find(resolved);
      if (it == by_path.end()) {
        std::error_code ec;
        bool on_disk = std::filesystem::exists(config.site_dir / resolved, ec);
        diags.add("FB401", Level::Error, d.path, {link.line, link.col},
                  on_disk ? fmt::format("link to `{}`: {} is not published (section index files and files with "
                                        "errors are skipped)", link.url, resolved)
                          : fmt::format("link to `{}`: {} does not exist", link.url, resolved),
                  "Links are relative to the linking file; fix the path or the file name.");
        continue;
      }
      check_anchor(d, link, it->second, fragment, diags);
    }
  }
}

}  // namespace fb::rules
