#include "content/document.h"

#include <algorithm>

#include <fmt/format.h>

#include "content/frontmatter.h"
#include "util/fs.h"
#include "util/hash.h"
#include "util/text.h"

namespace fb {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string strip_extension(const std::string& path) {
  size_t slash = path.rfind('/');
  size_t dot = path.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return path;
  return path.substr(0, dot);
}


struct LinkContext {
  std::string source_dir;  ///< site-relative directory of the source file
  std::string root;        ///< "../" prefix from the page to the site root
};

/// Rewrites relative links to other content files (`../x.md#frag`) to page URLs.
std::string rewrite_content_link(std::string_view url, const void* raw) {
  const auto* ctx = static_cast<const LinkContext*>(raw);
  if (url.empty() || url[0] == '#' || url[0] == '/' || url.find("://") != std::string_view::npos ||
      url.rfind("mailto:", 0) == 0)
    return {};
  size_t cut = url.find_first_of("#?");
  std::string target(url.substr(0, cut));
  std::string frag = cut == std::string_view::npos ? "" : std::string(url.substr(cut));
  if (!(ends_with(target, ".md") || ends_with(target, ".yaml") || ends_with(target, ".yml"))) return {};
  std::string resolved = normalise_path(ctx->source_dir + "/" + target);
  DocKind k;
  if (resolved.empty() || !kind_of_path(resolved, k)) return {};
  return ctx->root + url_for_path(resolved) + frag;
}

/// Hugo's `{{< ref "x.md" >}}` / `{{< relref "x.md" >}}` (also `{{% %}}`, unquoted or with `path=`) as the
/// plain path, so a link written for Hugo becomes a relative content link that Firebreak rewrites and
/// checks. Returns false (and leaves `out` alone) when `body` has none.
bool expand_hugo_refs(std::string_view body, std::string& out) {
  size_t at = body.find("{{");
  if (at == std::string_view::npos) return false;
  bool changed = false;
  std::string result;
  size_t copied = 0;
  for (; at != std::string_view::npos; at = body.find("{{", at + 2)) {
    if (at + 3 >= body.size() || (body[at + 2] != '<' && body[at + 2] != '%')) continue;
    const char close_mark = body[at + 2] == '<' ? '>' : '%';
    size_t end = body.find(std::string{close_mark, '}', '}'}, at + 3);
    if (end == std::string_view::npos) break;
    std::string_view inner = trim(body.substr(at + 3, end - at - 3));
    std::string_view name = inner.substr(0, inner.find_first_of(" \t"));
    if (name != "ref" && name != "relref") continue;
    std::string_view arg = trim(inner.substr(name.size()));
    if (arg.rfind("path=", 0) == 0) arg.remove_prefix(5);
    if (arg.size() >= 2 && (arg.front() == '"' || arg.front() == '\'') && arg.back() == arg.front())
      arg = arg.substr(1, arg.size() - 2);
    if (arg.empty() || arg.find_first_of(" \t\n\"") != std::string_view::npos) continue;
    result.append(body, copied, at - copied);
    result.append(arg);
    copied = end + 3;
    at = end;
    changed = true;
  }
  if (!changed) return false;
  result.append(body, copied, std::string_view::npos);
  out = std::move(result);
  return true;
}

/// A top-level value left empty (`key:`, `key: ~`, `key: ""`): a template placeholder, "not known yet".
bool is_placeholder(const YamlNode& v) { return v.IsNull() || (v.IsScalar() && trim(v.Scalar()).empty()); }

/// The renamed map is built in `root`'s own tree: values are shared, not copied.
YamlNode apply_field_mapping(const Config& config, const YamlNode& root, FrontMatter& fm) {
  YamlNode out = root.make(YamlType::Map, root.Mark());
  for (auto it = root.begin(); it != root.end(); ++it) {
    std::string key(it->first.Scalar());  // a copy: building on the tree may move its text pool
    // Empty values count as absent, so an open incident's `resolved_at: ""` is not a malformed time.
    if (is_placeholder(it->second)) continue;
    SourcePos kp = fm.pos(it->first);
    auto mapped = config.fields.find(key);
    if (mapped == config.fields.end()) {
      if (!fm.key_pos.count(key)) {
        out.set(it->first, it->second);  // the key node itself: same text and mark
        fm.key_pos[key] = kp;
      }
      continue;
    }
    const std::string& target = mapped->second;
    size_t dot = target.find('.');
    if (dot == std::string::npos) {
      out.set(target, it->second, it->first.Mark());
      fm.key_pos[target] = kp;
      fm.written_as[target] = key;
    } else {
      std::string parent = target.substr(0, dot), child = target.substr(dot + 1);
      YamlNode p = out[parent];
      if (!p.IsMap()) {
        p = out.make(YamlType::Map, it->first.Mark());  // in the same tree, so `out` sees p's entries
        out.set(parent, p, it->first.Mark());
      }
      p.set(child, it->second, it->first.Mark());
      if (!fm.key_pos.count(parent)) fm.key_pos[parent] = kp;
      fm.written_as[target] = key;
    }
  }
  return out;
}

}  // namespace

const char* kind_name(DocKind kind) { return kind == DocKind::Runbook ? "runbook" : "postmortem"; }

SourcePos FrontMatter::pos(const YamlNode& node) const {
  if (!node.IsDefined()) return {};
  auto m = node.Mark();
  if (m.is_null()) return {};
  return {yaml_line + m.line, m.column + 1};
}

SourcePos FrontMatter::key(const std::string& k) const {
  auto it = key_pos.find(k);
  if (it != key_pos.end()) return it->second;
  return {yaml_line > 1 ? yaml_line - 1 : 1, 1};
}

YamlNode FrontMatter::get(const std::string& k) const {
  if (!root.IsMap()) return YamlNode(YamlType::Undefined);
  const YamlNode& r = root;
  return r[k];
}

std::string FrontMatter::str(const std::string& k) const {
  YamlNode v = get(k);
  if (v.IsDefined() && v.IsScalar()) return std::string(v.Scalar());
  return {};
}

std::vector<std::string> FrontMatter::strings(const std::string& k) const {
  std::vector<std::string> out;
  YamlNode v = get(k);
  if (!v.IsDefined() || v.IsNull()) return out;
  if (v.IsScalar()) {
    out.emplace_back(v.Scalar());
  } else if (v.IsSequence()) {
    for (const auto& item : v)
      if (item.IsScalar()) out.emplace_back(item.Scalar());
  }
  return out;
}

bool kind_of_path(const std::string& path, DocKind& kind) {
  if (path.rfind("content/runbooks/", 0) == 0 && ends_with(path, ".md")) {
    kind = DocKind::Runbook;
    return true;
  }
  if (path.rfind("content/postmortems/", 0) == 0 &&
      (ends_with(path, ".md") || ends_with(path, ".yaml") || ends_with(path, ".yml"))) {
    kind = DocKind::Postmortem;
    return true;
  }
  return false;
}

std::string url_for_path(const std::string& path) {
  std::string p = strip_extension(path);
  if (p.rfind("content/", 0) == 0) p = p.substr(8);
  return p + "/index.html";
}

FileListing discover_content(const std::filesystem::path& site_dir) {
  FileListing out;
  auto add = [&](const std::string& folder, const std::vector<std::string>& extensions) {
    FileListing found = list_files_within(site_dir / folder, extensions, site_dir);
    for (auto& p : found.files)
      if (!ends_with(p, "_index.md")) out.files.push_back(folder + "/" + p);
    for (auto& p : found.outside) out.outside.push_back(p == "." ? folder : folder + "/" + p);
    for (auto& p : found.unreadable) out.unreadable.push_back(p == "." ? folder : folder + "/" + p);
  };
  add("content/runbooks", {".md"});
  add("content/postmortems", {".md", ".yaml", ".yml"});
  std::sort(out.files.begin(), out.files.end());
  std::sort(out.outside.begin(), out.outside.end());
  std::sort(out.unreadable.begin(), out.unreadable.end());
  return out;
}

bool parse_document(const Config& config, const SourceFile& file, Document& doc, Diagnostics& diags) {
  doc.path = file.path;
  if (!kind_of_path(file.path, doc.kind)) return false;
  doc.hash = content_hash(file.bytes);
  doc.url = url_for_path(file.path);
  std::string stem = strip_extension(file.path);
  doc.id = stem.substr(stem.rfind('/') + 1);
  std::string prefix = doc.kind == DocKind::Runbook ? "content/runbooks/" : "content/postmortems/";
  std::string rest = file.path.substr(prefix.size());
  size_t slash = rest.find('/');
  doc.folder = slash == std::string::npos ? "" : rest.substr(0, slash);

  size_t bad = 0;
  if (!is_valid_utf8(file.bytes, &bad)) {
    int line, col;
    offset_to_line_col(file.bytes, bad, line, col);
    diags.add("FB502", Level::Error, file.path, {line, col},
              fmt::format("invalid UTF-8 (byte 0x{:02X} at offset {})",
                          static_cast<unsigned char>(file.bytes[bad]), bad),
              "Save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`).");
    return false;
  }

  doc.data_file = !ends_with(file.path, ".md");
  std::string_view yaml_text, body;
  int body_line = 1;
  if (doc.data_file) {
    std::string_view all = file.bytes;
    if (all.substr(0, 3) == "\xEF\xBB\xBF") all.remove_prefix(3);
    // A data file may still be wrapped in --- fences.
    FrontMatterSplit split = split_front_matter(all);
    yaml_text = split.present && split.terminated ? split.yaml : all;
    doc.fm.yaml_line = split.present && split.terminated ? split.yaml_line : 1;
  } else {
    FrontMatterSplit split = split_front_matter(file.bytes);
    if (!split.unreadable_fence.empty()) {
      diags.add("FB508", Level::Error, file.path, {1, 1},
                fmt::format("front matter cannot be read: {}", split.unreadable_fence),
                "Save the file as UTF-8 with LF (or CRLF) line endings and at most one BOM, e.g. "
                "`dos2unix -c mac FILE` for CR endings; otherwise its YAML would show on the page as text.");
      return false;
    }
    if (split.present && !split.terminated) {
      diags.add("FB504", Level::Error, file.path, {1, 1},
                "front matter starts with `---` but is never closed",
                "Did you forget to add `---` on the line after the last front-matter key?");
      return false;
    }
    yaml_text = split.yaml;
    body = split.body;
    body_line = split.body_line;
    doc.fm.yaml_line = split.yaml_line;
  }

  if (!yaml_text.empty()) {
    YamlNode root;
    YamlError err;
    std::vector<YamlDuplicateKey> dups;
    if (!parse_yaml(yaml_text, root, err, &dups)) {
      int line = doc.fm.yaml_line + (err.mark.is_null() ? 0 : err.mark.line);
      int col = err.mark.is_null() ? 1 : err.mark.column + 1;
      std::string where;
      if (!err.stopped.is_null())
        where = fmt::format(" (opened here; the parser stopped at line {}, column {})",
                            doc.fm.yaml_line + err.stopped.line, err.stopped.column + 1);
      diags.add("FB503", Level::Error, file.path, {line, col},
                fmt::format("front matter is not valid YAML: {}{}", err.message, where),
                "Check indentation, and quote values that contain `: ` or start with `@`, `*`, `&`, `[` or `{`.");
      return false;
    }
    for (const auto& d : dups)
      diags.add("FB005", Level::Error, file.path, {doc.fm.yaml_line + d.second.line, d.second.column + 1},
                fmt::format("key `{}` is written twice (first at line {}); only the last value is kept", d.key,
                            doc.fm.yaml_line + d.first.line),
                "Remove one of the two, or merge their values.");
    if (!root.IsNull()) {
      if (!root.IsMap()) {
        diags.add("FB505", Level::Error, file.path, {doc.fm.yaml_line, 1},
                  "front matter must be a mapping of `key: value` lines",
                  "Write one `key: value` per line between the `---` fences.");
        return false;
      }
      doc.fm.root = apply_field_mapping(config, root, doc.fm);
    }
  }

  MarkdownOptions mo;
  mo.unsafe_html = config.unsafe_html;
  mo.line_offset = body_line - 1;
  LinkContext lctx{file.path.substr(0, file.path.rfind('/')), root_prefix(doc.url)};
  mo.rewrite_link = &rewrite_content_link;
  mo.rewrite_ctx = &lctx;
  std::string fm_title = doc.fm.str("title");
  mo.drop_leading_h1 = true;
  mo.title = fm_title;
  std::string expanded;
  if (expand_hugo_refs(body, expanded)) body = expanded;
  if (!body.empty()) doc.md = render_markdown(body, mo);
  std::string fm_id = doc.fm.str("id");
  if (!fm_id.empty()) doc.id = fm_id;
  doc.title = !fm_title.empty() ? fm_title : !doc.md.first_h1.empty() ? doc.md.first_h1 : doc.id;
  return true;
}

}  // namespace fb
