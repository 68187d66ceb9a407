#include "render/escalation_view.h"

#include <algorithm>
#include <tuple>

#include "util/text.h"
#include "util/time.h"

namespace fb {
namespace {

/// "team name · role · person (handle)": the parts that are set.
std::string who(const Config& config, const EscalationContact& c) {
  std::vector<std::string> parts;
  if (!c.team.empty()) {
    const Team* t = config.find_team(c.team);
    parts.push_back(t ? t->name : c.team);
  }
  if (!c.role.empty()) parts.push_back(c.role);
  if (!c.name.empty()) parts.push_back(c.name);
  std::string out = join(parts, " · ");
  if (!c.handle.empty()) out += out.empty() ? c.handle : " (" + c.handle + ")";
  return out;
}

/// `0m` for the first page, else as durations are shown elsewhere (`15m`, `1h 30m`).
std::string after_text(int64_t seconds) { return seconds == 0 ? "0m" : format_duration(seconds); }

Data with_severity(const Config& config, const EscalationPolicy* p, const std::string& severity_id) {
  if (!p) return Data(false);
  Data d = escalation_policy_data(config, *p);
  d["severity"] = Data(severity_id);
  return d;
}

}  // namespace

Data escalation_policy_data(const Config& config, const EscalationPolicy& p) {
  Data d;
  Data tiers = make_list(p.tiers.size());
  for (size_t i = 0; i < p.tiers.size(); ++i) {
    const EscalationTier& t = p.tiers[i];
    Data td;
    td["after"] = Data(after_text(t.after));
    td["first"] = Data(i == 0);
    Data notify = make_list(t.notify.size());
    for (size_t j = 0; j < t.notify.size(); ++j) {
      const EscalationContact& c = t.notify[j];
      Data cd;
      cd["who"] = Data(who(config, c));
      set_text(cd, "via", c.via);
      set_text(cd, "contact", c.contact);
      cd["first"] = Data(j == 0);
      push(notify, std::move(cd));
    }
    td["notify"] = std::move(notify);
    push(tiers, std::move(td));
  }
  set_list(d, "tiers", std::move(tiers));
  d["none"] = Data(p.tiers.empty());
  set_text(d, "repeat", p.repeat > 0 ? std::to_string(p.repeat) : std::string{});
  std::string scope;
  if (!p.service.empty()) scope = "service " + p.service;
  else if (!p.team.empty()) scope = "team " + (config.find_team(p.team) ? config.find_team(p.team)->name : p.team);
  set_text(d, "scope", scope);
  return d;
}

Data runbook_policy_escalation(const Config& config, const Runbook& rb) {
  const std::string id = rb.severity.id();
  return with_severity(config, config.escalation.policy_for(id, {rb.service}, rb.owner), id);
}

Data postmortem_policy_escalation(const Config& config, const Postmortem& pm) {
  const std::string id = pm.severity.id();
  return with_severity(config, config.escalation.policy_for(id, pm.services, ""), id);
}

Data escalation_matrix(const Config& config) {
  Data rows = make_list();
  if (!config.escalation.configured) return rows;
  for (const SeverityLevel& lvl : config.severities) {
    std::vector<const EscalationPolicy*> ps;
    for (const EscalationPolicy& p : config.escalation.policies)
      if (p.covers(lvl.id)) ps.push_back(&p);
    // Severity-wide first, then service overrides, then team overrides, each by name.
    std::stable_sort(ps.begin(), ps.end(), [](const EscalationPolicy* a, const EscalationPolicy* b) {
      auto key = [](const EscalationPolicy* p) {
        return std::make_tuple(!p->service.empty() || !p->team.empty(), p->service.empty(), p->service, p->team);
      };
      return key(a) < key(b);
    });
    auto row = [&](const EscalationPolicy* p) {
      Data r;
      r["severity"] = Data(lvl.id);
      r["label"] = Data(lvl.label);
      r["slug"] = Data(slugify(lvl.id));
      r["policy"] = p ? escalation_policy_data(config, *p) : Data(false);
      push(rows, std::move(r));
    };
    if (ps.empty() || !ps.front()->service.empty() || !ps.front()->team.empty()) row(nullptr);
    for (const EscalationPolicy* p : ps) row(p);
  }
  return rows;
}

}  // namespace fb
