// (e) Runbook gaps: what incidents needed that no runbook covers, and runbooks nobody used.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "lessons/patterns.h"
#include "util/text.h"

namespace fb {
namespace {

/// "1 incident", "3 incidents".
std::string incidents(size_t n) { return fmt::format("{} incident{}", n, n == 1 ? "" : "s"); }

Pattern gap_pattern(const MiningContext& ctx, const std::string& gap, const std::string& subject,
                    std::vector<size_t> members) {
  Pattern p;
  p.kind = PatternKind::RunbookGap;
  p.gap = gap;
  p.subject = subject;
  p.id = "runbook-gap-" + gap + "-" + slugify(subject);
  p.strength = static_cast<double>(std::set<size_t>(members.begin(), members.end()).size());
  p.strength_note = fmt::format("{} incident{} affected", static_cast<size_t>(p.strength), p.strength == 1 ? "" : "s");
  ctx.set_members(p, std::move(members));
  return p;
}

}  // namespace

std::vector<Pattern> mine_runbook_gaps(const MiningContext& ctx) {
  const auto& pms = ctx.model.postmortems;
  const auto& rbs = ctx.model.runbooks;
  std::set<std::string> covered_alerts, covered_services, runbook_tags, runbook_ids(ctx.runbook_keys.begin(),
                                                                                     ctx.runbook_keys.end());
  for (const auto& rb : rbs) {
    covered_alerts.insert(rb.alerts.begin(), rb.alerts.end());
    if (!rb.service.empty()) covered_services.insert(rb.service);
    runbook_tags.insert(rb.tags.begin(), rb.tags.end());
  }
  std::map<std::string, std::vector<size_t>> alerts, services, categories;
  std::set<std::string> used_runbooks, covered_categories;
  std::vector<size_t> without_runbook;
  for (size_t i = 0; i < pms.size(); ++i) {
    const Postmortem& pm = pms[i];
    for (const auto& a : pm.alerts) alerts[a].push_back(i);
    for (const auto& s : pm.services) services[s].push_back(i);
    if (!pm.root_cause_category.empty()) categories[pm.root_cause_category].push_back(i);
    bool any_known = false;
    for (const auto& id : pm.runbooks) {
      if (!runbook_ids.count(id)) continue;
      any_known = true;
      used_runbooks.insert(id);
    }
    if (any_known && !pm.root_cause_category.empty()) covered_categories.insert(pm.root_cause_category);
    if (!any_known) without_runbook.push_back(i);
  }
  std::vector<Pattern> out;
  for (auto& [alert, members] : alerts) {
    if (covered_alerts.count(alert)) continue;
    Pattern p = gap_pattern(ctx, "alert", alert, std::move(members));
    p.title = fmt::format("Alert {} fired in {} and no runbook covers it", alert, incidents(p.members.size()));
    p.why = "Whoever is paged by this alert starts from nothing. Write a runbook and list the alert in its "
            "`alerts:` so the page links straight to it.";
    out.push_back(std::move(p));
  }
  for (auto& [service, members] : services) {
    if (covered_services.count(service)) continue;
    Pattern p = gap_pattern(ctx, "service", service, std::move(members));
    p.title = fmt::format("Service {} had {} and has no runbook", service, incidents(p.members.size()));
    p.why = "A service that fails in production needs at least one runbook its on-call engineers can open.";
    out.push_back(std::move(p));
  }
  for (auto& [category, members] : categories) {
    if (covered_categories.count(category) || runbook_tags.count(category)) continue;
    Pattern p = gap_pattern(ctx, "category", category, std::move(members));
    p.title = fmt::format("Root cause {} caused {} and no runbook addresses it", category, incidents(p.members.size()));
    p.why = fmt::format(
        "No incident of this kind was handled with a runbook, and no runbook is tagged {}. A generic runbook for the "
        "failure mode would shorten the next response.",
        category);
    out.push_back(std::move(p));
  }
  if (!without_runbook.empty()) {
    size_t count = without_runbook.size();
    Pattern p = gap_pattern(ctx, "no-runbook", "incidents without a runbook", std::move(without_runbook));
    p.title = fmt::format("{} of {} incidents were handled without a runbook", count, pms.size());
    p.why = "Their reviews list no existing runbook under `runbooks:`. Either a runbook was missing, or it was "
            "used and not recorded; both are worth fixing.";
    out.push_back(std::move(p));
  }
  std::vector<size_t> unused;
  for (size_t k = 0; k < rbs.size(); ++k)
    if (!used_runbooks.count(ctx.runbook_keys[k])) unused.push_back(k);
  if (!unused.empty() && !pms.empty()) {
    Pattern p = gap_pattern(ctx, "unused-runbook", "runbooks never used", {});
    p.strength = static_cast<double>(unused.size());
    p.strength_note = fmt::format("{} runbook{} never used", unused.size(), unused.size() == 1 ? "" : "s");
    std::sort(unused.begin(), unused.end(), [&](size_t a, size_t b) { return ctx.runbook_keys[a] < ctx.runbook_keys[b]; });
    p.runbooks = std::move(unused);
    p.title = fmt::format("{} of {} runbooks were never used in an incident", p.runbooks.size(), rbs.size());
    p.why = "No review lists them under `runbooks:`. They may cover failures that never happened (good), be "
            "unknown to on-call engineers, or be out of date. Check that their alerts still exist.";
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace fb
