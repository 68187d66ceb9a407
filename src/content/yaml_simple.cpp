// parse_simple(): a fast path for the plain block YAML most front matter is written in. libyaml reads
// a character at a time through several layers of buffers (~130 instructions per byte of front
// matter, a third of loading a document); this reads a line at a time and gives the builder the
// same events libyaml would. Whatever it is not sure of, it leaves to libyaml (see yaml_events.h);
// tests/content/yaml_simple_test.cpp compares the two on every case it takes.
#include <string>

#include "content/yaml_events.h"

namespace fb::yaml_events {

namespace {

/// YAML's indicator characters: a plain scalar cannot start with one (a value that does is libyaml's).
bool is_indicator(char c) {
  switch (c) {
    case '-': case '?': case ':': case ',': case '[': case ']': case '{': case '}': case '#':
    case '&': case '*': case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
      return true;
    default:
      return false;
  }
}

/// True when `text` holds only characters this parser treats exactly as libyaml does: printable ASCII,
/// LF, and well-formed 2- and 3-byte UTF-8 of printable characters other than YAML's extra line breaks
/// (NEL, LS, PS) and byte-order marks. Tabs, CR and everything else go to libyaml.
bool plain_characters(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    unsigned c = *p;
    if ((c >= 0x20 && c < 0x7f) || c == '\n') {
      ++p;
      continue;
    }
    if (c < 0xc2 || c > 0xef || end - p < 2) return false;  // controls, DEL, stray bytes, 4-byte sequences
    if ((p[1] & 0xc0) != 0x80) return false;
    if (c < 0xe0) {
      if (c == 0xc2 && p[1] < 0xa0) return false;  // U+0080..U+009F (C1 controls, NEL)
      p += 2;
      continue;
    }
    if (end - p < 3 || (p[2] & 0xc0) != 0x80) return false;
    unsigned cp = ((c & 0x0f) << 12) | ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
    if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff) || cp == 0x2028 || cp == 0x2029 || cp == 0xfeff ||
        cp >= 0xfffe)
      return false;
    p += 3;
  }
  return true;
}

/// The parser: one pass over the lines, a function per construct, each returning false to decline.
class SimpleParser {
 public:
  SimpleParser(std::string_view text, TreeBuilder& b) : t_(text), b_(b) {}

  bool run() {
    if (!plain_characters(t_) || !next_line() || eof_ || !key_at(cur_)) return false;
    return map(indent_) && eof_;
  }

 private:
  std::string_view t_;
  TreeBuilder& b_;
  size_t next_ = 0;    ///< start of the line after the current one
  int line_ = -1;      ///< 0-based number of the current line
  size_t ls_ = 0;      ///< start of the current line
  size_t le_ = 0;      ///< end of the current line (its '\n' or the end of the text)
  size_t cur_ = 0;     ///< where the construct being read starts on the current line
  int indent_ = 0;     ///< the column of cur_
  bool eof_ = false;   ///< no lines left
  std::string buf_;    ///< a single-quoted scalar's text with its '' escapes undone

  /// libyaml's place of `at` on the current line: 0-based line and column in characters.
  YamlMark mark(size_t at) const {
    int col = 0;
    for (size_t i = ls_; i < at; ++i) col += (static_cast<unsigned char>(t_[i]) & 0xc0) != 0x80;
    return {line_, col};
  }

  size_t skip_spaces(size_t p) const {
    while (p < le_ && t_[p] == ' ') ++p;
    return p;
  }

  /// Moves to the next line with content (blank and comment lines are skipped), or sets eof_. False
  /// at a document marker (`---`, `...`).
  bool next_line() {
    while (next_ < t_.size()) {
      ++line_;
      ls_ = next_;
      size_t nl = t_.find('\n', ls_);
      le_ = nl == std::string_view::npos ? t_.size() : nl;
      next_ = nl == std::string_view::npos ? t_.size() : nl + 1;
      size_t p = skip_spaces(ls_);
      if (p == le_ || t_[p] == '#') continue;
      if (p == ls_ && le_ - ls_ >= 3 && (t_.compare(ls_, 3, "---") == 0 || t_.compare(ls_, 3, "...") == 0) &&
          (le_ - ls_ == 3 || t_[ls_ + 3] == ' '))
        return false;
      cur_ = p;
      indent_ = static_cast<int>(p - ls_);
      return true;
    }
    eof_ = true;
    return true;
  }

  /// A `- ` sequence entry at `p`.
  bool entry_at(size_t p) const { return t_[p] == '-' && (p + 1 == le_ || t_[p + 1] == ' '); }

  /// A plain `key:` at `at` (followed by a space or the end of the line); sets where the key ends
  /// (trailing spaces dropped) and where the text after the colon starts.
  bool key_at(size_t at, size_t* key_end = nullptr, size_t* after = nullptr) const {
    if (at >= le_ || is_indicator(t_[at])) return false;
    for (size_t i = at; i < le_; ++i) {
      char c = t_[i];
      if (c == ':' && (i + 1 == le_ || t_[i + 1] == ' ')) {
        if (i - at > 1000) return false;  // libyaml's limit for a simple key is 1024 characters
        size_t e = i;
        while (t_[e - 1] == ' ') --e;
        if (key_end) *key_end = e;
        if (after) *after = i + 1;
        return true;
      }
      if (c == '#' && t_[i - 1] == ' ') return false;  // a comment before any `: `
    }
    return false;
  }

  /// Nothing but spaces and perhaps a comment from `p` to the end of the line.
  bool rest_is_comment(size_t p) const {
    size_t q = skip_spaces(p);
    return q == le_ || (t_[q] == '#' && q > p);
  }

  /// A block mapping whose keys stand at column `n`, the first one at cur_.
  bool map(int n) {
    b_.start(false, mark(cur_));
    while (!eof_ && indent_ >= n) {
      size_t key_end, after;
      if (indent_ > n || !key_at(cur_, &key_end, &after)) return false;
      b_.scalar(t_.substr(cur_, key_end - cur_), mark(cur_), "?");
      size_t v = skip_spaces(after);
      if (v < le_ && t_[v] != '#') {
        if (!value(v) || !next_line()) return false;
        if (!eof_ && indent_ > n) return false;  // a scalar going on over several lines
        continue;
      }
      // The value is on the lines below: a nested block, or an indentless `- ` list at this column.
      if (!next_line() || eof_) return false;  // an empty value (null)
      if (indent_ > n && entry_at(cur_)) {
        if (!seq(indent_, false)) return false;
      } else if (indent_ > n && key_at(cur_)) {
        if (!map(indent_)) return false;
      } else if (indent_ == n && entry_at(cur_)) {
        if (!seq(n, true)) return false;
      } else {
        return false;  // an empty value, or a scalar on the next line
      }
    }
    b_.end();
    return true;
  }

  /// A block sequence whose `-` stand at column `n`, the first one at cur_. An indentless sequence
  /// (the value of a key at the same column) ends at the first line that is not an entry.
  bool seq(int n, bool indentless) {
    b_.start(true, mark(cur_));
    while (!eof_ && indent_ >= n) {
      if (indent_ > n) return false;
      if (!entry_at(cur_)) {
        if (indentless) break;
        return false;
      }
      size_t v = skip_spaces(cur_ + 1);
      if (v == le_ || t_[v] == '#' || entry_at(v)) return false;  // an entry below, or `- - x`
      cur_ = v;
      indent_ = static_cast<int>(v - ls_);  // only spaces and the `-` before it
      if (key_at(v)) {
        if (!map(indent_)) return false;
        continue;
      }
      if (!value(v) || !next_line()) return false;
      if (!eof_ && indent_ > n) return false;  // a scalar going on over several lines
    }
    b_.end();
    return true;
  }

  /// A value on one line at `v` (after `key: ` or `- `): a plain or quoted scalar or a `[...]` list.
  bool value(size_t v) {
    char c = t_[v];
    if (c == '"' || c == '\'') {
      size_t after;
      return quoted_scalar(v, after) && rest_is_comment(after);
    }
    if (c == '[') return flow_sequence(v);
    if (is_indicator(c)) return false;
    size_t e = v;
    for (size_t i = v; i < le_; ++i) {
      char ch = t_[i];
      if (ch == ':' && (i + 1 == le_ || t_[i + 1] == ' ')) return false;  // `a: b: c` (libyaml's error)
      if (ch == '#' && t_[i - 1] == ' ') break;
      if (ch != ' ') e = i + 1;
    }
    b_.scalar(t_.substr(v, e - v), mark(v), "?");
    return true;
  }

  /// A quoted scalar at `v` that closes on this line: double-quoted without escapes, or single-quoted
  /// (`''` stands for `'`). Sets its text and the place after the closing quote.
  bool quoted(size_t v, std::string_view& text, size_t& after) {
    if (t_[v] == '"') {
      for (size_t i = v + 1; i < le_; ++i) {
        if (t_[i] == '\\') return false;
        if (t_[i] == '"') {
          text = t_.substr(v + 1, i - v - 1);
          after = i + 1;
          return true;
        }
      }
      return false;
    }
    buf_.clear();
    for (size_t i = v + 1; i < le_; ++i) {
      if (t_[i] != '\'') {
        buf_ += t_[i];
      } else if (i + 1 < le_ && t_[i + 1] == '\'') {
        buf_ += '\'';
        ++i;
      } else {
        text = buf_;
        after = i + 1;
        return true;
      }
    }
    return false;
  }

  /// The quoted scalar at `v` (see quoted()) as a scalar event; sets the place after it.
  bool quoted_scalar(size_t v, size_t& after) {
    std::string_view text;
    if (!quoted(v, text, after)) return false;
    b_.scalar(text, mark(v), "!");
    return true;
  }

  /// A flow sequence `[a, "b", c]` of scalars at `v`, closed on this line.
  bool flow_sequence(size_t v) {
    b_.start(true, mark(v));
    size_t p = skip_spaces(v + 1);
    if (p < le_ && t_[p] == ']') {
      b_.end();
      return rest_is_comment(p + 1);
    }
    while (p < le_) {
      char c = t_[p];
      if (c == '"' || c == '\'') {
        size_t after;
        if (!quoted_scalar(p, after)) return false;
        p = skip_spaces(after);
      } else {
        if (is_indicator(c)) return false;
        size_t e = p, i = p;
        for (; i < le_ && t_[i] != ',' && t_[i] != ']'; ++i) {
          char ch = t_[i];
          if (ch == '[' || ch == '{' || ch == '}' || ch == ':' || (ch == '#' && t_[i - 1] == ' ')) return false;
          if (ch != ' ') e = i + 1;
        }
        b_.scalar(t_.substr(p, e - p), mark(p), "?");
        p = i;
      }
      if (p >= le_) return false;
      if (t_[p] == ']') {
        b_.end();
        return rest_is_comment(p + 1);
      }
      if (t_[p] != ',') return false;
      p = skip_spaces(p + 1);
      if (p < le_ && t_[p] == ']') return false;  // a trailing comma
    }
    return false;  // the list goes on to the next line
  }
};

}  // namespace

bool parse_simple(std::string_view text, TreeBuilder& b) {
  b.clear();
  SimpleParser parser(text, b);
  if (parser.run()) return true;
  b.clear();
  return false;
}

}  // namespace fb::yaml_events
