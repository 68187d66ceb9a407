#pragma once
/// Theme loading and template lookup. A theme is `layouts/*.mustache` (page templates) plus
/// `layouts/partials/*.mustache` (pieces included with `{{> name}}`); the site's own `layouts/`
/// overrides the theme's file by file name. Partials are inlined into each page template once, at
/// load time, so rendering never re-parses them (kainjow re-parses a partial at every use).
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <kainjow/mustache.hpp>

#include "util/diagnostic.h"

namespace fb {

/// One template file as found by lookup.
struct TemplateSource {
  std::string name;  ///< "runbook" for layouts/runbook.mustache, "head" for layouts/partials/head.mustache
  std::string file;  ///< path shown in diagnostics (site-relative when inside the site)
  std::string text;  ///< the file's bytes
};

/// The page templates of a theme with their partials inlined, checked for syntax errors.
struct Theme {
  std::map<std::string, TemplateSource> layouts;   ///< page templates by name (site overrides theme)
  std::map<std::string, TemplateSource> partials;  ///< partials by name (site overrides theme)
  std::map<std::string, std::string> composed;     ///< usable page templates: name -> text, partials inlined
  /// composed, parsed once at load (with escape_html); TemplateSet copies them for each worker.
  std::map<std::string, std::shared_ptr<const kainjow::mustache::mustache>> parsed;
  /// Runs of template text folded into one tag each (see fold_text()); a context answers the tag name
  /// literal_name(i) with literals[i] (PageContext does).
  std::vector<kainjow::mustache::data> literals;

  /// True when page template `name` loaded without errors.
  bool has(const std::string& name) const { return composed.count(name) > 0; }
  /// The file a page template came from (for diagnostics); "" when unknown.
  std::string file_of(const std::string& name) const;
};

/// Loads `theme_dir/layouts` and `site_dir/layouts` (the site's files win by name). Each page template
/// in `required` that neither provides is reported as FB601 (missing template); a `{{> name}}` naming no
/// partial is FB601 at the tag; a file Mustache cannot parse is FB602 (template syntax error) at the
/// offending position. Templates with errors are left out of `composed`; the rest stay usable.
Theme load_theme(const std::filesystem::path& theme_dir, const std::filesystem::path& site_dir,
                 const std::vector<std::string>& required, Diagnostics& diags);

/// Collapses each run of white space in template text to one space (one newline when the run holds a
/// line break), leaving Mustache tags and <pre>, <textarea>, <script> and <style> elements as written.
/// kainjow makes a node of every white-space character, so indentation costs render time on every page;
/// the HTML means the same afterwards.
std::string compact_whitespace(std::string_view text);

/// Replaces each run of template text that kainjow would split into several nodes (it makes one of
/// every space) by one unescaped tag named literal_name(i), the run's text being appended to
/// `literals` (equal runs share an entry). Line breaks are left in place, so Mustache's standalone-line
/// rule sees the same lines, and the rendered output is byte for byte the same, with far fewer nodes to
/// walk on every page. Text with a set-delimiter tag is returned unchanged.
std::string fold_text(std::string_view text, std::vector<kainjow::mustache::data>& literals);
/// The tag name of literal `i`: "\x01" then the decimal index (no template author writes that).
std::string literal_name(size_t i);
/// The literal a tag name stands for, or nullptr when `name` is not a literal_name().
inline const kainjow::mustache::data* find_literal(const std::vector<kainjow::mustache::data>& literals,
                                                   const std::string& name) {
  if (name.size() < 2 || name[0] != '\x01') return nullptr;
  size_t i = 0;
  for (size_t k = 1; k < name.size(); ++k) {
    if (name[k] < '0' || name[k] > '9') return nullptr;
    i = i * 10 + static_cast<size_t>(name[k] - '0');
  }
  return i < literals.size() ? &literals[i] : nullptr;
}

/// The escaping of every `{{value}}`: exactly kainjow's default (`&` `<` `>` `"` `'` become
/// `&amp;` `&lt;` `&gt;` `&quot;` `&apos;`), with a fast path for the common value that needs none.
std::string escape_html(const std::string& text);  // = util's html_escape, in the signature kainjow's set_custom_escape takes

/// The "stream" kainjow renders into: appends each finished line to a string (kainjow's own
/// render(ctx) goes through an ostringstream and copies the result once more).
struct StringSink {
  std::string* out;  ///< where the text goes
  /// Appends `text`.
  StringSink& operator<<(const std::string& text) {
    out->append(text);
    return *this;
  }
};

/// Parsed templates for one worker thread: kainjow's render() is not const, so every thread renders
/// with its own copies of Theme::parsed.
class TemplateSet {
 public:
  /// Copies every parsed template of `theme`.
  explicit TemplateSet(const Theme& theme);
  /// Renders page template `name` against `ctx` into `out`. Returns false (with `error` set) when the
  /// template is unknown or rendering failed.
  bool render(const std::string& name, kainjow::mustache::basic_context<std::string>& ctx, std::string& out,
              std::string& error);

 private:
  std::map<std::string, std::unique_ptr<kainjow::mustache::mustache>> parsed_;
};

}  // namespace fb
