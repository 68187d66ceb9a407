#include "content/markdown.h"

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <set>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "content/cmark_arena.h"
#include "util/text.h"

namespace fb {
namespace {

constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tagfilter", "tasklist"};

/// Whether `body` may hold a table: a line of nothing but blockquote markers, spaces, pipes, colons and
/// hyphens, with a hyphen and a pipe or colon (a delimiter row: `| --- |`, `:-:`). Errs towards yes.
bool may_hold_table(std::string_view body) {
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    bool only = true, dash = false, pipe_or_colon = false;
    for (size_t i = start; i < end && only; ++i) {
      switch (body[i]) {
        case '-': dash = true; break;
        case '|': case ':': pipe_or_colon = true; break;
        case ' ': case '\t': case '\r': case '>': break;
        default: only = false;
      }
    }
    if (only && dash && pipe_or_colon) return true;
    start = end + 1;
  }
  return false;
}

/// Whether `body` may hold something the autolink extension links: `://`, `www.` (any case), an `@`
/// (e-mail addresses), `mailto:` or `xmpp:`. Errs towards yes.
bool may_hold_autolink(std::string_view body) {
  if (body.find('@') != std::string_view::npos || body.find("://") != std::string_view::npos) return true;
  for (size_t at = body.find('.'); at != std::string_view::npos; at = body.find('.', at + 1)) {
    if (at >= 3) {
      std::string_view w = body.substr(at - 3, 3);
      if ((w[0] | 0x20) == 'w' && (w[1] | 0x20) == 'w' && (w[2] | 0x20) == 'w') return true;
    }
  }
  for (size_t at = body.find(':'); at != std::string_view::npos; at = body.find(':', at + 1)) {
    auto ends_with_ci = [&](std::string_view word) {
      if (at < word.size()) return false;
      for (size_t k = 0; k < word.size(); ++k)
        if ((body[at - word.size() + k] | 0x20) != word[k]) return false;
      return true;
    };
    if (ends_with_ci("mailto") || ends_with_ci("xmpp")) return true;
  }
  return false;
}

void ensure_extensions_registered() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

int node_line(cmark_node* n) {
  for (; n; n = cmark_node_parent(n)) {
    int l = cmark_node_get_start_line(n);
    if (l > 0) return l;
  }
  return 1;
}

int node_col(cmark_node* n) {
  int c = cmark_node_get_start_column(n);
  return c > 0 ? c : 1;
}

/// Plain text of a subtree (text, code spans, breaks as spaces).
void collect_text(cmark_node* node, std::string& out) {
  cmark_iter* it = cmark_iter_new(node);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it);
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        if (const char* lit = cmark_node_get_literal(n)) out += lit;
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out += ' ';
        break;
      default:
        break;
    }
  }
  cmark_iter_free(it);
}

struct Renderer {
  const MarkdownOptions& opt;
  cmark_llist* extensions;
  int cmark_options;
  MarkdownFacts facts;
  std::set<std::string> anchors;

  std::string unique_anchor(const std::string& text) {
    std::string base = anchor_slug(text);
    std::string a = base;
    for (int i = 1; anchors.count(a); ++i) a = base + "-" + std::to_string(i);
    anchors.insert(a);
    return a;
  }

  /// Appends to the plain text, i.e. to the body of the current section (the preamble before any heading).
  void append_text(std::string_view t) {
    if (facts.sections.empty()) facts.sections.push_back(Section{});
    facts.plain_text += t;
    facts.sections.back().text_end = facts.plain_text.size();
  }

  /// Replaces a heading by a custom block holding `<hN id="anchor">…<a class="anchor">#</a></hN>`.
  void rewrite_heading(cmark_node* heading, const Heading& h) {
    std::string rendered = cmark_render_html(heading, cmark_options, extensions);  // in the arena
    // rendered is "<hN>inner</hN>\n"
    size_t open_end = rendered.find('>');
    size_t close = rendered.rfind("</h");
    std::string inner = (open_end != std::string::npos && close != std::string::npos && close > open_end)
                            ? rendered.substr(open_end + 1, close - open_end - 1)
                            : html_escape(h.text);
    std::string lvl = std::to_string(h.level);
    std::string html = "<h" + lvl + " id=\"" + html_escape(h.anchor) + "\">" + inner +
                       "<a class=\"anchor\" href=\"#" + html_escape(h.anchor) +
                       "\" aria-label=\"Link to this section\">#</a></h" + lvl + ">";
    cmark_node* custom = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, cmark_arena::allocator());
    cmark_node_set_on_enter(custom, html.c_str());
    cmark_node_set_on_exit(custom, "");
    cmark_node_replace(heading, custom);
    cmark_node_free(heading);
  }

  void walk(cmark_node* doc) {
    std::vector<std::pair<cmark_node*, Heading>> to_rewrite;
    cmark_iter* it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
      cmark_node* n = cmark_iter_get_node(it);
      auto type = cmark_node_get_type(n);
      if (ev == CMARK_EVENT_EXIT) {
        if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_ITEM || type == CMARK_NODE_HEADING) {
          append_text("\n");
        } else if (type != CMARK_NODE_EMPH && type != CMARK_NODE_STRONG && type != CMARK_NODE_LINK) {
          // Table cells and rows (extension node types, known by name) are separated like words and lines.
          const char* name = cmark_node_get_type_string(n);
          if (std::strcmp(name, "table_cell") == 0) append_text(" ");
          else if (std::strcmp(name, "table_row") == 0 || std::strcmp(name, "table_header") == 0) append_text("\n");
        }
        continue;
      }
      switch (type) {
        case CMARK_NODE_HEADING: {
          Heading h;
          h.level = cmark_node_get_heading_level(n);
          collect_text(n, h.text);
          h.text = std::string(trim(h.text));
          h.anchor = unique_anchor(h.text);
          h.line = node_line(n) + opt.line_offset;
          if (h.level == 1 && facts.first_h1.empty()) facts.first_h1 = h.text;
          facts.plain_text += h.text;
          facts.plain_text += '\n';
          facts.sections.push_back(Section{h.text, h.anchor, h.level, facts.plain_text.size(), facts.plain_text.size()});
          facts.headings.push_back(h);
          to_rewrite.emplace_back(n, h);
          // Skip the heading's children: its text is already recorded.
          cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
          break;
        }
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          if (const char* lit = cmark_node_get_literal(n)) append_text(lit);
          break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          append_text(" ");
          break;
        case CMARK_NODE_CODE_BLOCK: {
          CodeBlock cb;
          if (const char* info = cmark_node_get_fence_info(n)) cb.info = info;
          if (const char* lit = cmark_node_get_literal(n)) cb.code = lit;
          cb.line = node_line(n) + opt.line_offset;
          append_text(cb.code);
          facts.code_blocks.push_back(std::move(cb));
          break;
        }
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE: {
          Link l;
          if (const char* url = cmark_node_get_url(n)) l.url = url;
          l.line = node_line(n) + opt.line_offset;
          l.col = node_col(n);
          l.image = type == CMARK_NODE_IMAGE;
          if (opt.rewrite_link && !l.url.empty()) {
            std::string nu = opt.rewrite_link(l.url, opt.rewrite_ctx);
            if (!nu.empty()) cmark_node_set_url(n, nu.c_str());
          }
          facts.links.push_back(std::move(l));
          break;
        }
        default:
          break;
      }
    }
    cmark_iter_free(it);

    if (opt.drop_leading_h1 && (opt.title.empty() || opt.title == facts.first_h1)) {
      cmark_node* first = cmark_node_first_child(doc);
      if (first && cmark_node_get_type(first) == CMARK_NODE_HEADING && cmark_node_get_heading_level(first) == 1) {
        for (auto& [node, h] : to_rewrite) {
          if (node == first) {
            cmark_node_unlink(first);
            cmark_node_free(first);
            node = nullptr;
            break;
          }
        }
      }
    }
    headings_ = std::move(to_rewrite);
  }

  /// The document's HTML with every heading as `<hN id="anchor">…<a class="anchor">#</a></hN>`.
  /// Without raw HTML every `<hN>` in cmark's output is a heading, in document order, so the anchors
  /// go into the rendered text; otherwise (or if the output is not as expected) the headings are
  /// replaced in the tree first (an extra rendering per heading).
  std::string render_html(cmark_node* doc) {
    if (!opt.unsafe_html) {
      std::string out;
      if (anchor_headings(cmark_render_html(doc, cmark_options, extensions), out)) return out;
    }
    for (auto& [node, h] : headings_)
      if (node) rewrite_heading(node, h);
    return cmark_render_html(doc, cmark_options, extensions);
  }

  std::vector<std::pair<cmark_node*, Heading>> headings_{};  ///< nullptr: a leading H1 dropped from the tree

  /// Copies `html` into `out` with the anchors of headings_ added; false when its headings are not
  /// headings_ (then `out` is to be ignored).
  bool anchor_headings(std::string_view html, std::string& out) const {
    out.reserve(html.size() + headings_.size() * 96);
    size_t pos = 0;
    auto next_open = [&html](size_t from) {
      for (size_t at = html.find("<h", from); at != std::string_view::npos; at = html.find("<h", at + 2))
        if (at + 3 < html.size() && html[at + 2] >= '1' && html[at + 2] <= '6' && html[at + 3] == '>') return at;
      return std::string_view::npos;
    };
    for (const auto& [node, h] : headings_) {
      if (!node) continue;
      const char level = static_cast<char>('0' + h.level);
      size_t open = next_open(pos);
      if (open == std::string_view::npos || html[open + 2] != level) return false;
      const char close_tag[] = {'<', '/', 'h', level, '>', '\0'};
      size_t close = html.find(close_tag, open + 4);
      if (close == std::string_view::npos) return false;
      std::string anchor = html_escape(h.anchor);
      out.append(html, pos, open - pos);
      out += "<h";
      out += level;
      out += " id=\"";
      out += anchor;
      out += "\">";
      out.append(html, open + 4, close - open - 4);
      out += "<a class=\"anchor\" href=\"#";
      out += anchor;
      out += "\" aria-label=\"Link to this section\">#</a>";
      pos = close;
    }
    if (next_open(pos) != std::string_view::npos) return false;
    out.append(html, pos, std::string_view::npos);
    return true;
  }
};

}  // namespace

MarkdownFacts render_markdown(std::string_view body, const MarkdownOptions& options) {
  ensure_extensions_registered();
  int cmark_options = CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
  if (options.unsafe_html) cmark_options |= CMARK_OPT_UNSAFE;
  // Everything cmark allocates for this document lives in the thread's arena and is dropped at once
  // at the end (no cmark_node_free / cmark_parser_free walks).
  cmark_parser* parser = cmark_parser_new_with_mem(cmark_options, cmark_arena::allocator());
  const bool table = options.every_extension || may_hold_table(body);
  const bool autolink = options.every_extension || may_hold_autolink(body);
  for (const char* name : kExtensions) {
    if ((!table && std::strcmp(name, "table") == 0) || (!autolink && std::strcmp(name, "autolink") == 0)) continue;
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser, ext);
  }
  cmark_parser_feed(parser, body.data(), body.size());
  cmark_node* doc = cmark_parser_finish(parser);
  cmark_llist* exts = cmark_parser_get_syntax_extensions(parser);

  Renderer r{options, exts, cmark_options, {}, {}};
  r.facts.plain_text.reserve(body.size());  // the text is about the body's size: no doubling growth
  r.walk(doc);
  r.facts.html = r.render_html(doc);
  cmark_arena::rewind();

  size_t words = 0;
  bool in_word = false;
  for (char c : r.facts.plain_text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  r.facts.word_count = words;
  return std::move(r.facts);
}

}  // namespace fb
