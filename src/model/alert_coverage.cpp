#include "model/alert_coverage.h"

#include <algorithm>
#include <map>
#include <set>

#include "util/text.h"

namespace fb {
namespace {

/// The last '/'-separated part of `path` before its extension ("content/runbooks/db/Pool.md" -> "Pool").
std::string_view stem_of(std::string_view path) {
  if (size_t slash = path.rfind('/'); slash != std::string_view::npos) path.remove_prefix(slash + 1);
  if (size_t dot = path.rfind('.'); dot != std::string_view::npos && dot > 0) path = path.substr(0, dot);
  return path;
}

/// The page folder of a runbook URL ("runbooks/db/pool/index.html" -> "pool").
std::string_view page_folder(std::string_view url) {
  if (url.ends_with("/index.html")) url.remove_suffix(11);
  if (size_t slash = url.rfind('/'); slash != std::string_view::npos) url.remove_prefix(slash + 1);
  return url;
}

/// `url` with every `{{ ... alertname ... }}` replaced by `alert`; other templates are left as they are.
std::string expand_alertname(const std::string& url, const std::string& alert) {
  std::string out;
  size_t at = 0;
  while (at < url.size()) {
    size_t open = url.find("{{", at);
    size_t close = open == std::string::npos ? std::string::npos : url.find("}}", open + 2);
    if (close == std::string::npos) {
      out.append(url, at, std::string::npos);
      break;
    }
    out.append(url, at, open - at);
    std::string_view inner(url.data() + open + 2, close - open - 2);
    if (inner.find("alertname") != std::string_view::npos) out += alert;
    else out.append(url, open, close + 2 - open);
    at = close + 2;
  }
  return out;
}

/// The last path segment and the fragment of `url`, as runbook_url_verdict compares them.
std::vector<std::string> url_names(const std::string& url) {
  std::string_view u = url;
  std::vector<std::string> names;
  std::string_view fragment;
  if (size_t hash = u.find('#'); hash != std::string_view::npos) {
    fragment = u.substr(hash + 1);
    u = u.substr(0, hash);
  }
  if (size_t q = u.find('?'); q != std::string_view::npos) u = u.substr(0, q);
  if (size_t scheme = u.find("://"); scheme != std::string_view::npos) {
    u.remove_prefix(scheme + 3);
    size_t slash = u.find('/');
    u = slash == std::string_view::npos ? std::string_view{} : u.substr(slash);
  }
  while (u.ends_with("/")) u.remove_suffix(1);
  for (std::string_view index : {"/index.html", "/index.htm", "/README.md", "/_index.md"})
    if (u.ends_with(index)) u.remove_suffix(index.size());
  std::string_view last = u.substr(u.rfind('/') == std::string_view::npos ? 0 : u.rfind('/') + 1);
  for (std::string_view ext : {".md", ".html", ".htm"})
    if (last.ends_with(ext)) last.remove_suffix(ext.size());
  if (!last.empty()) names.emplace_back(last);
  if (!fragment.empty()) names.emplace_back(fragment);
  return names;
}

}  // namespace

const char* runbook_url_verdict_name(RunbookUrlVerdict v) {
  switch (v) {
    case RunbookUrlVerdict::Matches: return "matches";
    case RunbookUrlVerdict::Elsewhere: return "elsewhere";
    case RunbookUrlVerdict::Templated: return "templated";
    case RunbookUrlVerdict::Absent: break;
  }
  return "absent";
}

std::string fold_alert_name(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

RunbookUrlVerdict runbook_url_verdict(const std::string& url, const std::string& alert, const Runbook& rb) {
  if (trim(url).empty()) return RunbookUrlVerdict::Absent;
  const std::set<std::string> own = {fold_alert_name(rb.doc->id), fold_alert_name(stem_of(rb.doc->path)),
                                     fold_alert_name(page_folder(rb.doc->url))};
  bool templated = false, checkable = false;
  for (const std::string& name : url_names(expand_alertname(url, alert))) {
    if (name.find("{{") != std::string::npos) {
      templated = true;
      continue;
    }
    checkable = true;
    std::string folded = fold_alert_name(name);
    if (!folded.empty() && own.count(folded)) return RunbookUrlVerdict::Matches;
  }
  return templated && !checkable ? RunbookUrlVerdict::Templated : RunbookUrlVerdict::Elsewhere;
}

AlertCoverage alert_coverage(const Config& config, const AlertRuleSet& rules, const SiteModel& model) {
  AlertCoverage cov;
  // Claims: `alerts:` entries first (case-insensitive, first runbook by path), then ids and file names.
  std::map<std::string, const Runbook*> listed, by_name;
  for (const Runbook& rb : model.runbooks) {
    for (const std::string& a : rb.alerts) listed.emplace(to_lower_ascii(a), &rb);
    by_name.emplace(fold_alert_name(rb.doc->id), &rb);
    by_name.emplace(fold_alert_name(stem_of(rb.doc->path)), &rb);
  }
  by_name.erase(std::string{});
  std::set<std::string> names, covered, defined_lower;
  std::vector<std::string> defined;
  cov.rows.reserve(rules.rules.size());
  for (const AlertRule& rule : rules.rules) {
    AlertCoverageRow row;
    row.rule = &rule;
    row.severity_templated = rule.severity.find("{{") != std::string::npos;
    if (!rule.severity.empty() && !row.severity_templated) row.level = config.find_severity(rule.severity);
    if (auto it = listed.find(to_lower_ascii(rule.name)); it != listed.end()) {
      row.runbook = it->second;
    } else if (auto n = by_name.find(fold_alert_name(rule.name)); n != by_name.end()) {
      row.runbook = n->second;
      row.claimed_by_name = true;
    }
    if (row.runbook) row.url = runbook_url_verdict(rule.runbook_url, rule.name, *row.runbook);
    if (names.insert(rule.name).second) defined.push_back(rule.name);
    defined_lower.insert(to_lower_ascii(rule.name));
    if (row.runbook) covered.insert(rule.name);
    cov.rows.push_back(row);
  }
  std::stable_sort(cov.rows.begin(), cov.rows.end(), [](const AlertCoverageRow& a, const AlertCoverageRow& b) {
    if (a.rule->name != b.rule->name) return a.rule->name < b.rule->name;
    if (a.rule->file != b.rule->file) return a.rule->file < b.rule->file;
    return a.rule->pos.line < b.rule->pos.line;
  });
  cov.alerts = names.size();
  cov.covered = covered.size();
  for (const Runbook& rb : model.runbooks)
    for (const std::string& a : rb.alerts)
      if (!defined_lower.count(to_lower_ascii(a))) cov.unknown_claims.push_back({&rb, a, did_you_mean(a, defined)});
  return cov;
}

}  // namespace fb
