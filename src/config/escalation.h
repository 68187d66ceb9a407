#pragma once
/// Teams and escalation policies from site.yaml (`teams:`, `escalation:`): who is paged, how, and after
/// how long, per severity and optionally per service or team (docs/configuration.md#escalation).
#include <cstdint>
#include <string>
#include <vector>

#include "util/diagnostic.h"

namespace YAML {
class Node;
}

namespace fb {

struct Config;

/// A team that escalation policies may name (`teams:` in site.yaml).
struct Team {
  std::string id;    ///< what `team:` keys write, e.g. "payments"
  std::string name;  ///< human name, e.g. "Payments"; the id when not given
};

/// One target of an escalation tier: who (team, role, person, handle) and how to reach them.
struct EscalationContact {
  std::string team;     ///< a Team id, or ""
  std::string role;     ///< e.g. "primary on-call", or ""
  std::string name;     ///< a person, or ""
  std::string handle;   ///< e.g. "@dana", or ""
  std::string via;      ///< the channel kind: pager, phone, sms, email, slack, chat, webhook, other; or ""
  std::string contact;  ///< the address on that channel ("+1-555-0101", "#inc-payments"), or ""
  SourcePos team_pos;   ///< where `team:` is written (for FB252)
};

/// One tier: everyone in `notify` is paged `after` seconds into the incident.
struct EscalationTier {
  int64_t after = 0;                     ///< seconds after the incident is triggered (not after the previous tier)
  std::vector<EscalationContact> notify;
  SourcePos pos;                         ///< where `after:` is written
};

/// A policy for one or more severities, optionally scoped to one service or one team.
struct EscalationPolicy {
  std::vector<std::string> severities;  ///< canonical severity ids (aliases resolved) of the known ones, as written
  /// Every severity as written, with its place (an unknown one is FB253, reported by check).
  struct Written {
    std::string text;
    SourcePos pos;
  };
  std::vector<Written> severities_written;
  std::string service;                  ///< scope: applies to documents of this service, or ""
  std::string team;                     ///< scope: applies to runbooks owned by this team, or ""
  int repeat = 0;                       ///< times the whole policy runs again when nobody acknowledges
  std::vector<EscalationTier> tiers;    ///< in order of `after`; empty means "nobody is paged"
  SourcePos pos;                        ///< where the policy starts
  SourcePos scope_pos;                  ///< where `service:` or `team:` is written

  /// Whether this policy covers canonical severity `id`.
  bool covers(const std::string& id) const;
};

/// All policies of a site; `configured` is false when site.yaml has no `escalation:` at all.
struct EscalationPolicies {
  bool configured = false;
  SourcePos pos;                          ///< where the `escalation:` key is written
  std::vector<EscalationPolicy> policies; ///< as written

  /// The policy in force for a document of `severity_id`: the one scoped to the first of `services`
  /// that has one, else the one scoped to `owner` (a team id), else the severity-wide one; nullptr
  /// when none applies.
  const EscalationPolicy* policy_for(const std::string& severity_id, const std::vector<std::string>& services,
                                     const std::string& owner) const;
};

/// Reads `teams:` (a list of {id, name}). A team id declared twice is FB002.
std::vector<Team> read_teams(const YAML::Node& seq, const std::string& file, Diagnostics& diags);

/// Reads `escalation:`, resolving severities through `config`'s scale (read before it). Reports nothing
/// beyond the schema: what a policy gets wrong (FB250-FB256) is said by check_site, so the rule levels of
/// `rules:` apply. `key` is the `escalation` key node (for its place).
EscalationPolicies read_escalation(const YAML::Node& key, const YAML::Node& seq, const Config& config,
                                   const std::string& file, Diagnostics& diags);

}  // namespace fb
