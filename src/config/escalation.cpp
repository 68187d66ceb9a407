#include "config/escalation.h"

#include <algorithm>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "config/config.h"
#include "config/config_read.h"

namespace fb {
namespace {

using namespace config_read;

EscalationContact read_contact(const YAML::Node& item) {
  EscalationContact c;
  each(item, [&](const std::string& k, const YAML::Node&, const YAML::Node& v) {
    if (k == "team") { read_str(v, c.team); c.team_pos = pos_of(v); }
    else if (k == "role") read_str(v, c.role);
    else if (k == "name") read_str(v, c.name);
    else if (k == "handle") read_str(v, c.handle);
    else if (k == "via") read_str(v, c.via);
    else if (k == "contact") read_str(v, c.contact);
  });
  return c;
}

std::vector<EscalationTier> read_tiers(const YAML::Node& seq, const std::string& file, Diagnostics& diags) {
  std::vector<EscalationTier> tiers;
  if (!seq.IsSequence()) return tiers;
  for (const auto& item : seq) {
    EscalationTier tier;
    bool timed = false;
    each(item, [&](const std::string& k, const YAML::Node&, const YAML::Node& v) {
      if (k == "after") {
        tier.pos = pos_of(v);
        if (auto d = read_duration(v, file, diags, "after")) { tier.after = *d; timed = true; }
      } else if (k == "notify" && v.IsSequence()) {
        for (const auto& c : v) if (c.IsMap()) tier.notify.push_back(read_contact(c));
      }
    });
    if (timed) tiers.push_back(std::move(tier));  // the schema reported a tier without a readable `after`
  }
  return tiers;
}

/// Reads the severities a policy names (through aliases, to canonical ids).
void read_policy_severities(const YAML::Node& v, const Config& cfg, EscalationPolicy& p) {
  std::vector<YAML::Node> nodes;
  if (v.IsSequence()) for (const auto& n : v) nodes.push_back(n);
  else nodes.push_back(v);
  for (const auto& n : nodes) {
    auto s = str(n);
    if (!s) continue;
    p.severities_written.push_back({*s, pos_of(n)});
    if (const SeverityLevel* lvl = cfg.find_severity(*s); lvl && !p.covers(lvl->id)) p.severities.push_back(lvl->id);
  }
}

EscalationPolicy read_policy(const YAML::Node& item, const Config& cfg, const std::string& file, Diagnostics& diags) {
  EscalationPolicy p;
  p.pos = pos_of(item);
  each(item, [&](const std::string& k, const YAML::Node&, const YAML::Node& v) {
    if (k == "severity" || k == "severities") read_policy_severities(v, cfg, p);
    else if (k == "service") { read_str(v, p.service); p.scope_pos = pos_of(v); }
    else if (k == "team") { read_str(v, p.team); p.scope_pos = pos_of(v); }
    else if (k == "repeat") read_int(v, p.repeat, 0);
    else if (k == "tiers") p.tiers = read_tiers(v, file, diags);
  });
  return p;
}

}  // namespace

bool EscalationPolicy::covers(const std::string& id) const {
  return std::find(severities.begin(), severities.end(), id) != severities.end();
}

const EscalationPolicy* EscalationPolicies::policy_for(const std::string& severity_id,
                                                       const std::vector<std::string>& services,
                                                       const std::string& owner) const {
  if (severity_id.empty()) return nullptr;
  auto find = [&](auto scoped) -> const EscalationPolicy* {
    for (const EscalationPolicy& p : policies)
      if (p.covers(severity_id) && scoped(p)) return &p;
    return nullptr;
  };
  for (const auto& s : services)
    if (auto* p = find([&](const EscalationPolicy& q) { return !s.empty() && q.service == s; })) return p;
  if (!owner.empty())
    if (auto* p = find([&](const EscalationPolicy& q) { return q.team == owner; })) return p;
  return find([](const EscalationPolicy& q) { return q.service.empty() && q.team.empty(); });
}

std::vector<Team> read_teams(const YAML::Node& seq, const std::string& file, Diagnostics& diags) {
  std::vector<Team> teams;
  if (!seq.IsSequence()) return teams;
  for (const auto& item : seq) {
    Team t;
    each(item, [&](const std::string& k, const YAML::Node&, const YAML::Node& v) {
      if (k == "id") read_str(v, t.id);
      else if (k == "name") read_str(v, t.name);
    });
    if (t.id.empty()) continue;  // the schema requires an id
    if (std::any_of(teams.begin(), teams.end(), [&](const Team& o) { return o.id == t.id; })) {
      diags.add("FB002", Level::Error, file, pos_of(item), fmt::format("team `{}` is declared twice", t.id),
                "Give every team its own id.");
      continue;
    }
    if (t.name.empty()) t.name = t.id;
    teams.push_back(std::move(t));
  }
  return teams;
}

EscalationPolicies read_escalation(const YAML::Node& key, const YAML::Node& seq, const Config& config,
                                   const std::string& file, Diagnostics& diags) {
  EscalationPolicies out;
  if (!seq.IsSequence()) return out;  // the schema reported anything else
  out.configured = true;
  out.pos = pos_of(key);
  for (const auto& item : seq)
    if (item.IsMap()) out.policies.push_back(read_policy(item, config, file, diags));
  return out;
}

}  // namespace fb
