// What the tested miners share: keeping only significant patterns, and telling one thing named twice.
#include <fmt/format.h>

#include "lessons/patterns.h"
#include "util/text.h"

namespace fb {
namespace {

/// Words of a slugged name, each without a trailing plural "s" ("certificates" -> "certificate").
std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> words;
  const std::string slug = slugify(std::string(name));
  for (auto w : split(slug, '-')) {
    std::string word(w);
    if (word.size() > 3 && word.back() == 's' && word[word.size() - 2] != 's') word.pop_back();
    if (!word.empty()) words.push_back(std::move(word));
  }
  return words;
}

std::string_view item_name(std::string_view item) {
  size_t c = item.find(':');
  return c == std::string_view::npos ? item : item.substr(c + 1);
}

}  // namespace

bool same_thing(std::string_view a, std::string_view b) {
  auto x = name_words(item_name(a)), y = name_words(item_name(b));
  if (x.empty() || y.empty()) return false;
  if (x.size() > y.size()) std::swap(x, y);
  return std::equal(x.begin(), x.end(), y.begin());
}

void keep_significant(std::vector<Pattern>& found, const std::vector<double>& untested_p, SignificanceCount* count) {
  std::vector<double> p;
  p.reserve(found.size() + untested_p.size());
  for (const auto& pat : found) p.push_back(pat.p_value);
  p.insert(p.end(), untested_p.begin(), untested_p.end());
  std::vector<double> q = benjamini_hochberg(p);
  std::vector<Pattern> kept;
  for (size_t k = 0; k < found.size(); ++k) {
    if (q[k] > kFalseDiscoveryRate) continue;
    Pattern& pat = found[k];
    pat.q_value = q[k];
    pat.strength_note += fmt::format("; p = {:.2g}, q = {:.2g} over {} candidates", pat.p_value, pat.q_value, p.size());
    kept.push_back(std::move(pat));
  }
  if (count) {
    count->tested += p.size();
    count->kept += kept.size();
  }
  found = std::move(kept);
}

}  // namespace fb
