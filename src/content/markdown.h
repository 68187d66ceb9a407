#pragma once
/// GitHub-flavoured Markdown through cmark-gfm: HTML plus the facts later stages need
/// (title, headings with stable anchors, sections, links, code blocks, plain text).
#include <string>
#include <string_view>
#include <vector>

namespace fb {

/// A heading with its anchor id (unique within the document: "setup", "setup-1", ...).
struct Heading {
  int level = 1;
  std::string text;
  std::string anchor;
  int line = 0;  ///< 1-based line in the source file
};

/// A link or image target as written, with its place in the source file.
struct Link {
  std::string url;       ///< as written by the author
  int line = 0;
  int col = 0;
  bool image = false;
};

/// A fenced or indented code block.
struct CodeBlock {
  std::string info;      ///< the info string ("bash", "sql", ...)
  std::string code;
  int line = 0;

  /// The language: the info string's first word ("mermaid" of "mermaid title"), the one cmark-gfm
  /// puts in `class="language-…"`; "" when the block has no info string.
  std::string_view language() const {
    std::string_view i = info;
    return i.substr(0, i.find_first_of(" \t"));
  }
};

/// One section: the heading (none for the part before the first heading) and where its body's plain
/// text lies in MarkdownFacts::plain_text (read it with MarkdownFacts::text_of; it is not stored twice).
struct Section {
  std::string heading;   ///< "" for the preamble
  std::string anchor;
  int level = 0;
  size_t text_begin = 0;  ///< offset of the body's plain text (without sub-headings' text) in plain_text
  size_t text_end = 0;    ///< end of it
};

/// Options for rendering.
struct MarkdownOptions {
  bool unsafe_html = false;  ///< pass raw HTML through (otherwise it is omitted)
  int line_offset = 0;       ///< added to cmark's line numbers (the body's first line - 1)
  /// Rewrites a relative link target (e.g. `../postmortems/x.md#timeline`); returns the new URL or
  /// "" to leave it unchanged. May be empty.
  std::string (*rewrite_link)(std::string_view url, const void* ctx) = nullptr;
  const void* rewrite_ctx = nullptr;
  /// When true, a leading H1 is removed from the HTML (the page template shows the title) unless
  /// `title` is non-empty and differs from the H1's text (then the H1 says something the title does not).
  bool drop_leading_h1 = false;
  std::string_view title;
  /// Attach every GFM extension even where the text gives it nothing to do. By default the table and
  /// autolink extensions, which slow cmark-gfm's parse by a fifth each, are attached only when the text
  /// could hold a table delimiter row or a URL/e-mail address (the output is the same; tests compare).
  bool every_extension = false;
};

/// Everything learned from one Markdown body.
struct MarkdownFacts {
  std::string first_h1;             ///< text of the first level-1 heading, "" if none
  std::vector<Heading> headings;
  std::vector<Section> sections;
  std::vector<Link> links;
  std::vector<CodeBlock> code_blocks;
  std::string html;                 ///< rendered HTML (headings carry anchor ids)
  std::string plain_text;           ///< all text, for search and similarity
  size_t word_count = 0;

  /// The plain text of `section`'s body (a view into plain_text).
  std::string_view text_of(const Section& section) const {
    return std::string_view(plain_text).substr(section.text_begin, section.text_end - section.text_begin);
  }
};

/// Parses and renders `body`. Never throws for content; cmark-gfm accepts any input.
MarkdownFacts render_markdown(std::string_view body, const MarkdownOptions& options);

}  // namespace fb
