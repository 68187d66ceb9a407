#include "render/theme.h"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "util/fs.h"
#include "util/text.h"

namespace fb {
namespace fs = std::filesystem;

namespace {

constexpr int kMaxPartialDepth = 8;
constexpr std::string_view kExt = ".mustache";

/// Reads every `*.mustache` below `dir/layouts` into `layouts` / `partials`, replacing entries of
/// the same name (so calling it for the theme, then the site, gives the site precedence).
void collect(const fs::path& dir, const fs::path& site_dir, std::map<std::string, TemplateSource>& layouts,
             std::map<std::string, TemplateSource>& partials, Diagnostics& diags) {
  fs::path root = dir / "layouts";
  // A theme outside the site (an installed one) may hold nothing that leads out of itself.
  FileListing found = list_files_within(root, {std::string(kExt)}, resolves_within(dir, site_dir) ? site_dir : dir);
  for (const std::string& rel : found.outside)
    diags.add("FB506", Level::Error, site_display_path(rel == "." ? root : root / rel, site_dir), {},
              "symlink leads outside the site and its theme: refused, no template is read from it",
              "Keep templates inside the site's layouts/ or the theme's folder.");
  for (const std::string& rel : found.files) {
    std::string stem = rel.substr(0, rel.size() - kExt.size());
    bool partial = stem.rfind("partials/", 0) == 0;
    std::string name = partial ? stem.substr(9) : stem;
    std::string shown = site_display_path(root / rel, site_dir);
    std::string err;
    auto text = read_file(root / rel, &err);
    if (!text) {
      diags.add("FB601", Level::Error, shown, {}, fmt::format("cannot read template: {}", err),
                "Check the file's permissions.");
      continue;
    }
    (partial ? partials : layouts)[name] = TemplateSource{name, shown, std::move(*text)};
  }
}

/// Turns kainjow's "... at 123" (a byte offset) into a line:col in `text`.
SourcePos error_pos(const std::string& message, const std::string& text) {
  size_t at = message.rfind(" at ");
  if (at == std::string::npos) return {};
  size_t offset = std::strtoull(message.c_str() + at + 4, nullptr, 10);
  if (offset > text.size()) return {};
  SourcePos pos;
  offset_to_line_col(text, offset, pos.line, pos.col);
  return pos;
}

/// kainjow's message without its trailing " at <byte offset>" (the diagnostic has line:col instead).
std::string without_offset(const std::string& message) {
  size_t at = message.rfind(" at ");
  if (at == std::string::npos || at + 4 >= message.size()) return message;
  for (size_t i = at + 4; i < message.size(); ++i)
    if (message[i] < '0' || message[i] > '9') return message;
  return message.substr(0, at);
}

/// Reports FB602 and returns false when `src` alone is not valid Mustache.
bool check_syntax(const TemplateSource& src, Diagnostics& diags) {
  // Compaction keeps every tag as written, so the compacted text parses exactly when the file does, and
  // kainjow parses it much faster (a node per white-space character); the file itself is parsed only
  // to report an error at its position.
  if (kainjow::mustache::mustache{compact_whitespace(src.text)}.is_valid()) return true;
  kainjow::mustache::mustache parsed{src.text};
  if (parsed.is_valid()) return true;
  diags.add("FB602", Level::Error, src.file, error_pos(parsed.error_message(), src.text),
            fmt::format("template syntax error in `{}`: {}", src.file, without_offset(parsed.error_message())),
            "Every {{#section}} needs a matching {{/section}} and every tag its closing `}}`.");
  return false;
}

/// Replaces each `{{> name}}` in `src` by the partial's text, recursively. Problems are reported
/// against `src` (the file holding the tag); returns false when any partial could not be inlined.
bool inline_partials(const TemplateSource& src, const Theme& theme,
                     const std::map<std::string, bool>& partial_ok, int depth, std::string& out,
                     Diagnostics& diags) {
  if (depth > kMaxPartialDepth) {
    diags.add("FB602", Level::Error, src.file, {},
              fmt::format("partials in `{}` nest more than {} levels deep", src.file, kMaxPartialDepth),
              "A partial probably includes itself, directly or through another partial.");
    return false;
  }
  const std::string& text = src.text;
  bool ok = true;
  size_t pos = 0;
  while (true) {
    size_t open = text.find("{{>", pos);
    if (open == std::string::npos) break;
    size_t close = text.find("}}", open + 3);
    if (close == std::string::npos) break;  // a syntax error, already reported by check_syntax
    out.append(text, pos, open - pos);
    std::string name(trim(std::string_view(text).substr(open + 3, close - open - 3)));
    pos = close + 2;
    auto it = theme.partials.find(name);
    if (it == theme.partials.end()) {
      SourcePos at;
      offset_to_line_col(text, open, at.line, at.col);
      diags.add("FB601", Level::Error, src.file, at,
                fmt::format("missing template: partial `{}` (used in `{}`) not found", name, src.file),
                fmt::format("Create layouts/partials/{}.mustache in the site or the theme, or remove the "
                            "`{{{{> {}}}}}` tag.", name, name));
      ok = false;
      continue;
    }
    if (!partial_ok.at(name)) {
      ok = false;
      continue;
    }
    ok = inline_partials(it->second, theme, partial_ok, depth + 1, out, diags) && ok;
  }
  out.append(text, pos, std::string::npos);
  return ok;
}

/// True when `text` at `i` opens (or, with `close`, closes) the element `tag` (case-insensitive).
bool at_tag(std::string_view text, size_t i, std::string_view tag, bool close) {
  size_t p = i + 1 + (close ? 1 : 0);
  if (text[i] != '<' || (close && (p - 1 >= text.size() || text[p - 1] != '/'))) return false;
  if (p + tag.size() > text.size()) return false;
  for (size_t k = 0; k < tag.size(); ++k)
    if ((text[p + k] | 0x20) != tag[k]) return false;
  char after = p + tag.size() < text.size() ? text[p + tag.size()] : '>';
  return after == '>' || after == ' ' || after == '\n' || after == '\t' || after == '/';
}

}  // namespace

std::string compact_whitespace(std::string_view text) {
  static constexpr std::string_view kVerbatim[] = {"pre", "textarea", "script", "style"};
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 2, "{{") == 0) {  // a tag: copy as written
      size_t end = text.find("}}", i + 2);
      end = end == std::string_view::npos ? text.size() : end + 2;
      if (end < text.size() && text[end] == '}') ++end;  // }}} of a triple mustache
      out.append(text, i, end - i);
      i = end;
      continue;
    }
    if (text[i] == '<') {
      bool verbatim = false;
      for (std::string_view tag : kVerbatim) {
        if (!at_tag(text, i, tag, false)) continue;
        size_t close = i;
        while ((close = text.find('<', close + 1)) != std::string_view::npos && !at_tag(text, close, tag, true)) {}
        size_t end = close == std::string_view::npos ? text.size() : text.find('>', close);
        end = end == std::string_view::npos ? text.size() : end + 1;
        out.append(text, i, end - i);
        i = end;
        verbatim = true;
        break;
      }
      if (verbatim) continue;
    }
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      bool newline = false;
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
        newline |= text[i++] == '\n';
      out += newline ? '\n' : ' ';
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

std::string literal_name(size_t i) {
  std::string name = "\x01";  // (not "\x01" + to_string: GCC 12 -O3 warns falsely, -Wrestrict)
  name += std::to_string(i);
  return name;
}

std::string fold_text(std::string_view text, std::vector<kainjow::mustache::data>& literals) {
  if (text.find("{{=") != std::string_view::npos) return std::string(text);
  // Literal text -> its entry (into `literals`). The keys are copies: a view into an entry would dangle
  // when `literals` grows (a short string lives inside its object, which the vector moves).
  std::map<std::string, size_t, std::less<>> index;
  for (size_t i = 0; i < literals.size(); ++i) index.emplace(literals[i].string_value(), i);
  std::string out;
  out.reserve(text.size());
  // One line's worth of text between tags: a single tag when kainjow would make two or more nodes.
  auto flush = [&](std::string_view run) {
    size_t nodes = 0;
    bool in_word = false;
    for (char c : run) {
      bool space = c == ' ' || c == '\t';
      nodes += space || !in_word;
      in_word = !space;
    }
    if (nodes < 2) {
      out += run;
      return;
    }
    auto it = index.find(run);
    if (it == index.end()) {
      literals.emplace_back(std::string(run));
      it = index.emplace(std::string(run), literals.size() - 1).first;
    }
    out += "{{&";
    out += literal_name(it->second);
    out += "}}";
  };
  size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 2, "{{") == 0) {  // a tag, as kainjow delimits it: copied as written
      bool triple = i + 2 < text.size() && text[i + 2] == '{';
      size_t end = text.find(triple ? "}}}" : "}}", i + (triple ? 3 : 2));
      end = end == std::string_view::npos ? text.size() : end + (triple ? 3 : 2);
      out.append(text, i, end - i);
      i = end;
      continue;
    }
    size_t stop = text.find("{{", i);
    if (stop == std::string_view::npos) stop = text.size();
    while (i < stop) {  // line by line: line breaks stay text nodes
      size_t brk = i;
      while (brk < stop && text[brk] != '\n' && text[brk] != '\r') ++brk;
      flush(text.substr(i, brk - i));
      while (brk < stop && (text[brk] == '\n' || text[brk] == '\r')) out += text[brk++];
      i = brk;
    }
  }
  return out;
}

std::string Theme::file_of(const std::string& name) const {
  auto it = layouts.find(name);
  return it == layouts.end() ? std::string{} : it->second.file;
}

Theme load_theme(const fs::path& theme_dir, const fs::path& site_dir, const std::vector<std::string>& required,
                 Diagnostics& diags) {
  Theme theme;
  collect(theme_dir, site_dir, theme.layouts, theme.partials, diags);
  if (!site_dir.empty() && fs::weakly_canonical(site_dir) != fs::weakly_canonical(theme_dir))
    collect(site_dir, site_dir, theme.layouts, theme.partials, diags);

  for (const std::string& name : required) {
    if (theme.layouts.count(name)) continue;
    diags.add("FB601", Level::Error, site_display_path(theme_dir / "layouts" / (name + std::string(kExt)), site_dir),
              {}, fmt::format("missing template: `{}{}` is in neither the site's layouts/ nor the theme's", name, kExt),
              fmt::format("Add layouts/{}{} to the site, or restore it in the theme.", name, kExt));
  }
  std::map<std::string, bool> partial_ok;
  for (const auto& [name, src] : theme.partials) partial_ok[name] = check_syntax(src, diags);
  for (const auto& [name, src] : theme.layouts) {
    if (!check_syntax(src, diags)) continue;
    std::string text;
    if (!inline_partials(src, theme, partial_ok, 0, text, diags)) continue;
    // The composition of valid pieces can still be invalid (a section opened in one partial and
    // closed in another); report that against the page template. The folded text parses exactly when
    // the composition does (see check_syntax); the composition is parsed only for the error message.
    std::string folded = fold_text(compact_whitespace(text), theme.literals);
    auto parsed = std::make_shared<kainjow::mustache::mustache>(folded);
    if (!parsed->is_valid()) {
      kainjow::mustache::mustache whole{text};
      diags.add("FB602", Level::Error, src.file, {},
                fmt::format("template syntax error in `{}` once its partials are included: {}", src.file,
                            whole.is_valid() ? parsed->error_message() : whole.error_message()),
                "Open and close each section in the same file.");
      continue;
    }
    parsed->set_custom_escape(escape_html);
    theme.parsed[name] = std::move(parsed);
    theme.composed[name] = std::move(folded);
  }
  return theme;
}

std::string escape_html(const std::string& text) { return html_escape(text); }

TemplateSet::TemplateSet(const Theme& theme) {
  // Copies of the templates parsed at load (copying the node tree is much cheaper than parsing).
  for (const auto& [name, tmpl] : theme.parsed) parsed_[name] = std::make_unique<kainjow::mustache::mustache>(*tmpl);
}

bool TemplateSet::render(const std::string& name, kainjow::mustache::basic_context<std::string>& ctx,
                         std::string& out, std::string& error) {
  auto it = parsed_.find(name);
  if (it == parsed_.end()) {
    error = fmt::format("no usable template `{}`", name);
    return false;
  }
  out.clear();
  StringSink sink{&out};
  it->second->render(ctx, sink);
  if (!it->second->is_valid()) {
    error = it->second->error_message();
    return false;
  }
  return true;
}

}  // namespace fb
