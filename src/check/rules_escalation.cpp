// The escalation policies of site.yaml against the severity scale, the teams and the documents:
// FB250 a severity without a policy, FB251 tiers out of order, FB252 an unknown team, FB253 an unknown
// severity, FB254 a first tier later than acknowledge_within, FB255 a duplicate policy, FB256 a scope
// no document has. Only when site.yaml has `escalation:`; a site without one gets none of these.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "check/rules.h"
#include "util/text.h"
#include "util/time.h"

namespace fb::rules {
namespace {

constexpr const char* kFile = "site.yaml";

void tier_order(const EscalationPolicy& p, Diagnostics& diags) {
  for (size_t i = 1; i < p.tiers.size(); ++i) {
    const EscalationTier &prev = p.tiers[i - 1], &t = p.tiers[i];
    if (t.after > prev.after) continue;
    diags.add("FB251", Level::Error, kFile, t.pos,
              fmt::format("escalation tier {} pages after {}, not later than tier {} ({})", i + 1,
                          format_duration(t.after), i, format_duration(prev.after)),
              "`after` is the time since the incident was triggered, so it must grow from tier to tier; "
              "put contacts paged at the same time in one tier's `notify`.");
  }
}

void unknown_teams(const Config& cfg, const EscalationPolicy& p, Diagnostics& diags) {
  std::vector<std::string> ids;
  for (const Team& t : cfg.teams) ids.push_back(t.id);
  auto check = [&](const std::string& team, SourcePos at, const char* what) {
    if (team.empty() || cfg.find_team(team)) return;
    std::string guess = did_you_mean(team, ids);
    diags.add("FB252", Level::Error, kFile, at, fmt::format("{} `{}` is not declared in `teams`", what, team),
              !guess.empty() ? fmt::format("Did you mean `{}`?", guess)
              : ids.empty()  ? std::string("Declare it under `teams:` (a list of `{id, name}`).")
                             : fmt::format("Known teams: {}; or declare it under `teams:`.", join(ids, ", ")));
  };
  check(p.team, p.scope_pos, "escalation policy team");
  for (const auto& tier : p.tiers)
    for (const auto& c : tier.notify) check(c.team, c.team_pos, "escalation contact team");
}

void unknown_severities(const Config& cfg, const EscalationPolicy& p, Diagnostics& diags) {
  for (const auto& w : p.severities_written) {
    if (cfg.find_severity(w.text)) continue;
    std::string guess = did_you_mean(w.text, cfg.severity_ids());
    diags.add("FB253", Level::Error, kFile, w.pos,
              fmt::format("escalation policy names severity `{}`, which is not an id or alias of `severities`", w.text),
              guess.empty() ? fmt::format("Use one of: {}.", join(cfg.severity_ids(), ", "))
                            : fmt::format("Did you mean `{}`? Allowed: {}.", guess, join(cfg.severity_ids(), ", ")));
  }
}

void first_tier_late(const Config& cfg, const EscalationPolicy& p, Diagnostics& diags) {
  if (p.tiers.empty()) return;
  for (const auto& id : p.severities) {
    const SeverityLevel* lvl = cfg.find_severity(id);
    if (!lvl || !lvl->acknowledge_within || p.tiers[0].after <= *lvl->acknowledge_within) continue;
    diags.add("FB254", Level::Warning, kFile, p.tiers[0].pos,
              fmt::format("the first escalation tier for {} pages after {}, later than its acknowledge_within ({})", id,
                          format_duration(p.tiers[0].after), format_duration(*lvl->acknowledge_within)),
              "Page someone within the acknowledgement target (usually `after: 0m`), or relax acknowledge_within.");
  }
}

std::string scope_text(const EscalationPolicy& p) {
  return !p.service.empty() ? fmt::format(" for service `{}`", p.service)
         : !p.team.empty()  ? fmt::format(" for team `{}`", p.team)
                            : std::string{};
}

void duplicates(const EscalationPolicies& all, Diagnostics& diags) {
  for (size_t i = 0; i < all.policies.size(); ++i) {
    const EscalationPolicy& p = all.policies[i];
    for (const auto& id : p.severities) {
      auto first = std::find_if(all.policies.begin(), all.policies.begin() + static_cast<long>(i),
                                [&](const EscalationPolicy& q) {
                                  return q.covers(id) && q.service == p.service && q.team == p.team;
                                });
      if (first == all.policies.begin() + static_cast<long>(i)) continue;
      diags.add("FB255", Level::Error, kFile, p.pos,
                fmt::format("a second escalation policy for {}{} (the first is at line {})", id, scope_text(p),
                            first->pos.line),
                "Keep one policy per severity and scope: merge their tiers, or scope one to a `service:` or `team:`.");
    }
  }
}

void uncovered(const Config& cfg, Diagnostics& diags) {
  for (const SeverityLevel& lvl : cfg.severities) {
    const auto& ps = cfg.escalation.policies;
    bool covered = std::any_of(ps.begin(), ps.end(), [&](const EscalationPolicy& p) {
      return p.service.empty() && p.team.empty() && p.covers(lvl.id);
    });
    if (covered) continue;
    diags.add("FB250", Level::Warning, kFile, cfg.escalation.pos,
              fmt::format("severity {} has no escalation policy", lvl.id),
              fmt::format("Add a policy with `severity: {}` (without `service:` or `team:`) under `escalation:`; "
                          "write `tiers: []` when nobody is paged for it.",
                          lvl.id));
  }
}

void unused_scopes(const Config& cfg, const SiteModel& model, Diagnostics& diags) {
  std::set<std::string> services, owners;
  for (const Runbook& rb : model.runbooks) {
    services.insert(rb.service);
    owners.insert(rb.owner);
  }
  for (const Postmortem& pm : model.postmortems) services.insert(pm.services.begin(), pm.services.end());
  for (const EscalationPolicy& p : cfg.escalation.policies) {
    bool unused = !p.service.empty() ? !services.count(p.service) : !p.team.empty() && cfg.find_team(p.team) && !owners.count(p.team);
    if (!unused) continue;
    diags.add("FB256", Level::Warning, kFile, p.scope_pos,
              fmt::format("the escalation policy{} applies to no runbook or PIR", scope_text(p)),
              !p.service.empty() ? "Check the spelling against the documents' `service:` / `services:`."
                                 : "A team policy applies to runbooks whose `owner:` is the team id; check the spelling.");
  }
}

}  // namespace

void escalation(const Config& config, const SiteModel& model, Diagnostics& diags) {
  if (!config.escalation.configured) return;
  for (const EscalationPolicy& p : config.escalation.policies) {
    unknown_severities(config, p, diags);
    tier_order(p, diags);
    unknown_teams(config, p, diags);
    first_tier_late(config, p, diags);
  }
  duplicates(config.escalation, diags);
  uncovered(config, diags);
  unused_scopes(config, model, diags);
}

}  // namespace fb::rules
