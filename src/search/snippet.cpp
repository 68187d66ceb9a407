#include "search/snippet.h"

#include "search/tokenizer.h"
#include "util/text.h"

namespace fb::search {
namespace {

/// UTF-16 code units of UTF-8 bytes [from, to) of `s`.
size_t utf16_units(std::string_view s, size_t from, size_t to) {
  size_t u = 0;
  for (size_t i = from; i < to && i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;
    u += (c & 0xF8) == 0xF0 ? 2 : 1;
  }
  return u;
}

void push(std::vector<SnippetPiece>& out, std::string_view text, bool mark) {
  if (text.empty()) return;
  if (!out.empty() && out.back().mark == mark && !mark) out.back().text += text;
  else out.push_back({std::string(text), mark});
}

/// Pieces of bytes [b, e) of `text`.
std::vector<SnippetPiece> pieces(std::string_view text, const std::vector<Word>& words, const std::vector<char>& marks,
                                 size_t b, size_t e) {
  std::vector<SnippetPiece> out;
  size_t at = b;
  for (size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    if (w.end <= b || w.begin >= e) continue;
    push(out, text.substr(at, w.begin - at), false);
    push(out, text.substr(w.begin, w.end - w.begin), marks[i]);
    at = w.end;
  }
  if (at < e) push(out, text.substr(at, e - at), false);
  return out;
}

}  // namespace

bool Matches::covers(const Word& w) const {
  auto hit = [&](const std::string& t) {
    if (terms.count(t)) return true;
    for (const auto& p : prefixes)
      if (t.compare(0, p.size(), p) == 0) return true;
    return false;
  };
  if (!w.whole.empty() && hit(w.whole)) return true;
  for (const auto& p : w.parts)
    if (hit(p)) return true;
  for (const auto& s : w.suffixes)
    if (hit(s)) return true;
  return false;
}

std::vector<SnippetPiece> highlight(std::string_view text, const Matches& matches) {
  std::vector<Word> words = split_words(text);
  std::vector<char> marks(words.size());
  for (size_t i = 0; i < words.size(); ++i) marks[i] = matches.covers(words[i]);
  return pieces(text, words, marks, 0, text.size());
}

std::vector<SnippetPiece> make_snippet(std::string_view text, const Matches& matches) {
  std::vector<Word> words = split_words(text);
  std::vector<char> marks(words.size());
  size_t first = words.size();
  for (size_t i = 0; i < words.size(); ++i) {
    marks[i] = matches.covers(words[i]);
    if (marks[i] && first == words.size()) first = i;
  }
  size_t b = 0, e = text.size();
  if (!words.empty() && utf16_units(text, 0, text.size()) > kSnippetWidth) {
    if (first == words.size()) first = 0;
    std::vector<size_t> ub(words.size()), ue(words.size());
    size_t u = 0, at = 0;
    for (size_t i = 0; i < words.size(); ++i) {
      u += utf16_units(text, at, words[i].begin);
      ub[i] = u;
      u += utf16_units(text, words[i].begin, words[i].end);
      ue[i] = u;
      at = words[i].end;
    }
    const size_t from = ub[first] > kSnippetLead ? ub[first] - kSnippetLead : 0;
    size_t k = 0, start_units = 0;
    if (from > 0) {
      k = first;
      while (k > 0 && ub[k - 1] >= from) --k;
      b = words[k].begin;
      start_units = ub[k];
    }
    size_t m = k;
    while (m + 1 < words.size() && ue[m + 1] <= start_units + kSnippetWidth) ++m;
    e = m + 1 == words.size() ? text.size() : words[m].end;
  }
  std::vector<SnippetPiece> out;
  if (b > 0) out.push_back({"… ", false});
  for (auto& p : pieces(text, words, marks, b, e)) push(out, p.text, p.mark);
  if (e < text.size()) push(out, " …", false);
  return out;
}

std::string to_html(const std::vector<SnippetPiece>& pieces) {
  std::string out;
  for (const auto& p : pieces) {
    if (p.mark) out += "<mark>";
    html_escape_to(out, p.text);
    if (p.mark) out += "</mark>";
  }
  return out;
}

std::string to_text(const std::vector<SnippetPiece>& pieces, std::string_view open, std::string_view close) {
  std::string out;
  for (const auto& p : pieces) {
    if (p.mark) out += open;
    out += p.text;
    if (p.mark) out += close;
  }
  return out;
}

}  // namespace fb::search
