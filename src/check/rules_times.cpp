// Rules on a PIR's times: future (FB213), order (FB214), SLA facts (FB220/FB221) and declared values
// that contradict the timestamps (FB222 duration, FB223 sla_breached).
#include <cstdlib>

#include <fmt/format.h>

#include "check/rules.h"
#include "util/time.h"

namespace fb::rules {
namespace {

struct Stamp {
  const char* key;
  const std::optional<Timestamp>* value;
};

/// Tolerance when comparing a declared duration with the timestamps: a minute, or 5 % of the
/// measured duration when that is more (people round "2h 57m" to "3h").
int64_t duration_tolerance(int64_t actual) { return std::max<int64_t>(60, std::llabs(actual) / 20); }

}  // namespace

void postmortem_times(const Config& config, const Postmortem& pm, int64_t now, Diagnostics& diags) {
  (void)config;
  const Document& doc = *pm.doc;
  const Stamp life[] = {{"started_at", &pm.started},     {"detected_at", &pm.detected},
                        {"acknowledged_at", &pm.acknowledged}, {"mitigated_at", &pm.mitigated},
                        {"resolved_at", &pm.resolved}};
  for (const Stamp& s : life) {
    if (*s.value && (*s.value)->epoch > now)
      diags.add("FB213", Level::Error, doc.path, doc.fm.key(s.key),
                fmt::format("`{}` ({}) is in the future (now is {})", s.key, format_rfc3339_utc((*s.value)->epoch),
                            format_rfc3339_utc(now)),
                "Fix the date; a wrong year or month is the usual cause.");
  }
  if (pm.published && pm.published->epoch > now)
    diags.add("FB213", Level::Error, doc.path, doc.fm.key("published_at"),
              fmt::format("`published_at` ({}) is in the future (now is {})", format_rfc3339_utc(pm.published->epoch),
                          format_rfc3339_utc(now)),
              "Set published_at when the review is actually published.");

  // Order: each present time must not be before the latest earlier present one.
  const Stamp* prev = nullptr;
  for (const Stamp& s : life) {
    if (!*s.value) continue;
    if (prev && (*s.value)->epoch < (*prev->value)->epoch)
      diags.add("FB214", Level::Error, doc.path, doc.fm.key(s.key),
                fmt::format("`{}` ({}) is before `{}` ({})", s.key, format_rfc3339_utc((*s.value)->epoch), prev->key,
                            format_rfc3339_utc((*prev->value)->epoch)),
                "Times must be in the order started_at <= detected_at <= acknowledged_at <= mitigated_at <= resolved_at.");
    else prev = &s;
  }

  const std::string sev = pm.severity.id();
  SlaResult ack = pm.acknowledge_sla(), res = pm.resolve_sla();
  if (ack.status == SlaStatus::Breached)
    diags.add("FB220", Level::Info, doc.path, doc.fm.key("acknowledged_at"),
              fmt::format("acknowledged after {}; the {} target is {} (breached by {})", format_duration(*ack.actual), sev,
                          format_duration(*ack.target), format_duration(*ack.actual - *ack.target)),
              "A fact for the review; set its level with `rules: {FB220: ...}` in site.yaml (default info).");
  if (res.status == SlaStatus::Breached)
    diags.add("FB221", Level::Info, doc.path, doc.fm.key("resolved_at"),
              fmt::format("resolved after {}; the {} target is {} (breached by {})", format_duration(*res.actual), sev,
                          format_duration(*res.target), format_duration(*res.actual - *res.target)),
              "A fact for the review; set its level with `rules: {FB221: ...}` in site.yaml (default info).");

  if (pm.declared_duration) {
    if (auto actual = pm.time_to_resolve()) {
      int64_t diff = std::llabs(*pm.declared_duration - *actual);
      if (diff > duration_tolerance(*actual))
        diags.add("FB222", Level::Error, doc.path, doc.fm.key("duration"),
                  fmt::format("`duration` says {} but resolved_at - started_at is {}", format_duration(*pm.declared_duration),
                              format_duration(*actual)),
                  fmt::format("Write `duration: {}`, fix the times, or remove `duration` (it is computed).",
                              format_duration(*actual)));
    }
  }

  YamlNode declared = doc.fm.get("sla_breached");
  bool breached_declared = false;
  if (declared.IsDefined() && declared.IsScalar() && declared.decode_bool(breached_declared)) {
    bool any_breach = ack.status == SlaStatus::Breached || res.status == SlaStatus::Breached;
    bool all_met = ack.status == SlaStatus::Met && res.status == SlaStatus::Met;
    if (!breached_declared && any_breach)
      diags.add("FB223", Level::Error, doc.path, doc.fm.key("sla_breached"),
                fmt::format("`sla_breached: false` but the times breach the {} {} target", sev,
                            ack.status == SlaStatus::Breached ? "acknowledge" : "resolve"),
                "Set `sla_breached: true`, fix the times, or remove the key (Firebreak computes it).");
    else if (breached_declared && all_met)
      diags.add("FB223", Level::Error, doc.path, doc.fm.key("sla_breached"),
                fmt::format("`sla_breached: true` but the times meet both {} targets", sev),
                "Set `sla_breached: false`, fix the times, or remove the key (Firebreak computes it).");
  }
}

}  // namespace fb::rules
