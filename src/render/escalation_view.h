#pragma once
/// Template values of site.yaml's escalation policies: the matrix of the severities page and the
/// compact line in every runbook and PIR header (variables in docs/themes.md). Every value is plain
/// text, escaped by the templates' `{{ }}`.
#include "config/config.h"
#include "model/model.h"
#include "render/context.h"

namespace fb {

/// `{tiers: [{after, first, notify: [{who, via, contact, first}]}], has_tiers, none, repeat, scope}` of
/// `p`: `none` when it pages nobody (`tiers: []`), `repeat` "" (false) or the count, `scope`
/// "service checkout-api" / "team Payments" / false; teams shown by their `name`.
Data escalation_policy_data(const Config& config, const EscalationPolicy& p);

/// The policy in force for a runbook (its severity, service, owner), as escalation_policy_data() plus
/// `severity`, or false when site.yaml has none for it.
Data runbook_policy_escalation(const Config& config, const Runbook& rb);

/// The policy in force for a PIR (its severity and the first of its services with an override), or false.
Data postmortem_policy_escalation(const Config& config, const Postmortem& pm);

/// The matrix rows of the severities page, one per policy in scale order (severity-wide first, then
/// service and team overrides by name): `{severity, label, slug, policy (or false: no policy)}`.
/// An empty list when site.yaml has no `escalation:`.
Data escalation_matrix(const Config& config);

}  // namespace fb
