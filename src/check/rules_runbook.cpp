// Runbook rules: required sections (FB301), review overdue (FB304), last_reviewed in the future
// (FB213); a missing owner / service / last_reviewed is collected for check_site (FB302/FB303/FB305).
#include <algorithm>

#include <fmt/format.h>

#include "check/rules.h"
#include "util/text.h"
#include "util/time.h"

namespace fb::rules {

std::string normalise_heading(const std::string& text) {
  std::string t = to_lower_ascii(trim(text));
  // Leading numbering: "2. ", "2) ", "step 3: ", "3 - ".
  if (t.rfind("step ", 0) == 0) t = t.substr(5);
  size_t i = 0;
  while (i < t.size() && ((t[i] >= '0' && t[i] <= '9') || t[i] == '.')) ++i;
  if (i > 0) {
    size_t j = i;
    while (j < t.size() && (t[j] == ')' || t[j] == ':' || t[j] == '-' || t[j] == ' ')) ++j;
    if (j > i) t = t.substr(j);
  }
  while (!t.empty() && (t.back() == ':' || t.back() == ' ')) t.pop_back();
  return t;
}

namespace {
/// The first code block holding a Markdown heading line that would have been a missing section
/// (typically after an unclosed ``` fence, which swallows the rest of the file).
const CodeBlock* heading_in_code(const Document& doc, const std::vector<RequiredSection>& required,
                                 const std::vector<std::string>& absent) {
  for (const auto& block : doc.md.code_blocks) {
    for (auto line : split(block.code, '\n')) {
      std::string_view t = trim(line);
      if (t.empty() || t[0] != '#') continue;
      size_t hashes = t.find_first_not_of('#');
      if (hashes == std::string_view::npos || hashes > 6 || t[hashes] != ' ') continue;
      std::string text = normalise_heading(std::string(t.substr(hashes)));
      for (const auto& sec : required) {
        if (std::find(absent.begin(), absent.end(), sec.name) == absent.end()) continue;
        if (normalise_heading(sec.name) == text) return &block;
        for (const auto& syn : sec.synonyms)
          if (normalise_heading(syn) == text) return &block;
      }
    }
  }
  return nullptr;
}
}  // namespace

void runbook_rules(const Config& config, const Runbook& rb, int64_t now, Diagnostics& diags, Missing& missing) {
  const Document& doc = *rb.doc;
  const auto& required = config.runbooks.required_sections;
  if (!required.empty()) {
    std::vector<std::string> have;
    have.reserve(doc.md.headings.size());
    for (const auto& h : doc.md.headings) have.push_back(normalise_heading(h.text));
    std::vector<std::string> absent;
    for (const auto& sec : required) {
      bool found = false;
      auto matches = [&](const std::string& name) {
        std::string n = normalise_heading(name);
        for (const auto& h : have)
          if (h == n) return true;
        return false;
      };
      found = matches(sec.name);
      for (size_t i = 0; !found && i < sec.synonyms.size(); ++i) found = matches(sec.synonyms[i]);
      if (!found) absent.push_back(sec.name);
    }
    if (!absent.empty()) {
      SourcePos pos{doc.md.headings.empty() ? 1 : doc.md.headings.front().line, 1};
      std::vector<std::string> accepted;
      for (const auto& sec : required)
        if (std::find(absent.begin(), absent.end(), sec.name) != absent.end())
          accepted.push_back(sec.synonyms.empty() ? sec.name : sec.name + " (or " + join(sec.synonyms, ", ") + ")");
      std::string hint = fmt::format("Add a heading named {}; site.yaml runbooks.required_sections decides.", join(accepted, "; "));
      if (const CodeBlock* swallowed = heading_in_code(doc, required, absent))
        hint = fmt::format("The code block that starts on line {} contains a heading line; is its ``` fence closed? ",
                           swallowed->line) + hint;
      diags.add("FB301", Level::Warning, doc.path, pos,
                fmt::format("missing required section{}: {}", absent.size() == 1 ? "" : "s", join(absent, ", ")), hint);
    }
  }
  missing.owner = rb.owner.empty();
  missing.last_reviewed = !doc.fm.get("last_reviewed").IsDefined();
  missing.service = rb.service.empty();
  if (rb.last_reviewed) {
    if (*rb.last_reviewed > now) {
      diags.add("FB213", Level::Error, doc.path, doc.fm.key("last_reviewed"),
                fmt::format("`last_reviewed` ({}) is in the future (now is {})", format_date(*rb.last_reviewed),
                            format_date(now)),
                "Fix the date.");
    } else if (auto due = rb.review_due(config); due && now > *due) {
      diags.add("FB304", Level::Warning, doc.path, doc.fm.key("last_reviewed"),
                fmt::format("review overdue: last reviewed {} ({} ago), due every {} (since {})",
                            format_date(*rb.last_reviewed), format_duration(now - *rb.last_reviewed),
                            format_duration(rb.review_interval(config)), format_date(*due)),
                "Review the runbook and update `last_reviewed`.");
    }
  }
}

}  // namespace fb::rules
