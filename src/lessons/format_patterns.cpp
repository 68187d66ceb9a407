#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lessons/format.h"
#include "util/text.h"
#include "util/time.h"

namespace fb {
namespace {

constexpr PatternKind kKinds[] = {PatternKind::CategoryRecurrence, PatternKind::SimilarIncidents,
                                  PatternKind::RepeatAfterFix, PatternKind::CoOccurrence, PatternKind::RunbookGap};

std::vector<std::string> member_ids(const LessonsResult& r, const Pattern& p) {
  std::vector<std::string> out;
  for (size_t m : p.members) out.push_back(r.incident_keys[m]);
  return out;
}

/// Markdown inline text: escape characters that would start formatting.
std::string md(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '>' || c == '|' || c == '\\')
      out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::vector<const Pattern*> select_patterns(const LessonsResult& result, const std::string& kind_filter) {
  std::vector<const Pattern*> out;
  for (const auto& p : result.patterns)
    if (kind_filter.empty() || kind_filter == pattern_kind_name(p.kind)) out.push_back(&p);
  return out;
}

std::string patterns_json(const LessonsResult& r, const std::vector<const Pattern*>& list) {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const Pattern* p : list) {
    nlohmann::ordered_json j;
    j["kind"] = pattern_kind_name(p->kind);
    j["id"] = p->id;
    j["title"] = p->title;
    j["strength"] = p->strength;
    j["strength_note"] = p->strength_note;
    if (p->p_value < 1 || p->q_value < 1) {
      j["p_value"] = p->p_value;
      j["q_value"] = p->q_value;
    }
    j["members"] = member_ids(r, *p);
    j["why"] = p->why;
    if (p->first_seen) j["first_seen"] = format_rfc3339_utc(*p->first_seen);
    if (p->last_seen) j["last_seen"] = format_rfc3339_utc(*p->last_seen);
    switch (p->kind) {
      case PatternKind::CategoryRecurrence:
        j["category"] = p->category;
        j["services"] = p->services;
        break;
      case PatternKind::SimilarIncidents:
        j["terms"] = p->terms;
        j["categories"] = p->categories;
        break;
      case PatternKind::RepeatAfterFix:
        j["earlier"] = r.incident_keys[p->members.front()];
        j["later"] = r.incident_keys[p->members.back()];
        j["basis"] = p->basis;
        if (p->fixed_at) j["fixed_at"] = format_date(*p->fixed_at);
        break;
      case PatternKind::CoOccurrence:
        j["items"] = p->items;
        j["support"] = p->support;
        j["lift"] = p->lift;
        j["confidence"] = p->confidence;
        break;
      case PatternKind::RunbookGap: {
        j["gap"] = p->gap;
        j["subject"] = p->subject;
        std::vector<std::string> rbs;
        for (size_t b : p->runbooks) rbs.push_back(r.runbook_keys[b]);
        if (!rbs.empty()) j["runbooks"] = rbs;
        break;
      }
    }
    arr.push_back(std::move(j));
  }
  nlohmann::ordered_json root;
  root["patterns"] = std::move(arr);
  nlohmann::ordered_json tested = nlohmann::ordered_json::object();
  for (const auto& [kind, c] : r.significance) tested[pattern_kind_name(kind)] = {{"tested", c.tested}, {"kept", c.kept}};
  root["significance"] = std::move(tested);
  root["false_discovery_rate"] = kFalseDiscoveryRate;
  return root.dump(2) + "\n";
}

std::string patterns_text(const LessonsResult& r, const std::vector<const Pattern*>& list) {
  std::string out;
  for (PatternKind kind : kKinds) {
    std::vector<const Pattern*> of;
    for (const Pattern* p : list)
      if (p->kind == kind) of.push_back(p);
    if (of.empty()) continue;
    out += fmt::format("{} ({})\n", pattern_kind_title(kind), of.size());
    for (const Pattern* p : of) {
      out += fmt::format("  {}\n    strength: {}\n", p->title, p->strength_note);
      std::vector<std::string> ids = member_ids(r, *p);
      if (!ids.empty()) out += fmt::format("    incidents: {}\n", join(ids, ", "));
      if (!p->runbooks.empty()) {
        std::vector<std::string> rbs;
        for (size_t b : p->runbooks) rbs.push_back(r.runbook_keys[b]);
        out += fmt::format("    runbooks: {}\n", join(rbs, ", "));
      }
    }
    out += "\n";
  }
  if (out.empty()) out = "No patterns found.\n";
  out += significance_summary(r) + "\n";
  return out;
}

std::string significance_summary(const LessonsResult& r) {
  std::vector<std::string> parts;
  size_t tested = 0, kept = 0;
  for (const auto& [kind, c] : r.significance) {
    parts.push_back(fmt::format("{} {} of {}", pattern_kind_name(kind), c.kept, c.tested));
    tested += c.tested, kept += c.kept;
  }
  return fmt::format("Significant at false discovery rate {:g}: {} of {} candidates tested ({}).", kFalseDiscoveryRate,
                     kept, tested, join(parts, ", "));
}

std::string patterns_markdown(const SiteModel& model, const LessonsResult& r, const std::vector<const Pattern*>& list) {
  std::string out = "# Incident patterns\n\n";
  bool any = false;
  for (PatternKind kind : kKinds) {
    std::vector<const Pattern*> of;
    for (const Pattern* p : list)
      if (p->kind == kind) of.push_back(p);
    if (of.empty()) continue;
    any = true;
    out += fmt::format("## {} ({})\n\n", pattern_kind_title(kind), of.size());
    for (const Pattern* p : of) {
      out += fmt::format("### {}\n\n{}\n\n*Strength:* {}\n\n", md(p->title), md(p->why), md(p->strength_note));
      for (size_t m : p->members) {
        const Postmortem& pm = model.postmortems[m];
        out += fmt::format("- {} — {}\n", md(r.incident_keys[m]), md(pm.doc ? pm.doc->title : ""));
      }
      if (!p->runbooks.empty()) {
        std::vector<std::string> rbs;
        for (size_t b : p->runbooks) rbs.push_back(md(r.runbook_keys[b]));
        out += "- Runbooks: " + join(rbs, ", ") + "\n";
      }
      out += "\n";
    }
  }
  if (!any) out += "No patterns found.\n\n";
  out += md(significance_summary(r)) + "\n";
  return out;
}

}  // namespace fb
