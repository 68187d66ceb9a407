#include "model/model.h"

#include <fmt/format.h>

#include "util/text.h"

namespace fb {
namespace {

struct Reader {
  const Config& config;
  const Document& doc;
  Diagnostics& diags;

  Severity severity(const std::string& key) {
    Severity s;
    s.written = doc.fm.str(key);
    if (s.written.empty()) return s;
    s.level = config.find_severity(s.written, &s.via_alias);
    if (!s.level) {
      std::string guess = did_you_mean(s.written, config.severity_ids());
      diags.add("FB201", Level::Error, doc.path, doc.fm.pos(doc.fm.get(key)),
                fmt::format("unknown severity `{}`", s.written),
                fmt::format("Allowed: {}{}.", join(config.severity_ids(), ", "),
                            guess.empty() ? "" : fmt::format(" (did you mean `{}`?)", guess)));
    } else if (s.via_alias) {
      diags.add("FB202", config.rule_level("FB202", Level::Info), doc.path, doc.fm.pos(doc.fm.get(key)),
                fmt::format("severity `{}` is an alias of `{}`", s.written, s.level->id),
                fmt::format("Write `severity: {}` to use the canonical id.", s.level->id));
    }
    return s;
  }

  std::optional<int64_t> date(const YamlNode& v, const std::string& what) {
    if (!v.IsDefined() || v.IsNull()) return std::nullopt;
    if (v.IsScalar()) {
      if (auto t = parse_timestamp(v.Scalar())) return t->epoch;
    }
    diags.add("FB210", Level::Error, doc.path, doc.fm.pos(v),
              fmt::format("`{}`: '{}' is not a date", what, v.IsScalar() ? v.Scalar() : "?"),
              "Write dates as YYYY-MM-DD.");
    return std::nullopt;
  }

  std::optional<Timestamp> instant(const YamlNode& v, const std::string& what) {
    if (!v.IsDefined() || v.IsNull()) return std::nullopt;
    std::optional<Timestamp> t;
    if (v.IsScalar()) t = parse_timestamp(v.Scalar());
    if (!t) {
      diags.add("FB210", Level::Error, doc.path, doc.fm.pos(v),
                fmt::format("`{}`: '{}' is not a time", what, v.IsScalar() ? v.Scalar() : "?"),
                "Write times in RFC 3339 with a zone, e.g. 2026-03-04T13:52:00Z.");
      return std::nullopt;
    }
    if (!t->has_zone) {
      diags.add("FB211", config.rule_level("FB211", Level::Warning), doc.path, doc.fm.pos(v),
                fmt::format("`{}`: '{}' has no time zone; read as UTC", what, v.Scalar()),
                "Add `Z` or an offset such as `+01:00`.");
    }
    return t;
  }

  std::optional<int64_t> duration(const YamlNode& v, const std::string& what) {
    if (!v.IsDefined() || v.IsNull()) return std::nullopt;
    if (v.IsScalar()) {
      if (auto d = parse_duration(v.Scalar())) return d;
    }
    diags.add("FB212", Level::Error, doc.path, doc.fm.pos(v),
              fmt::format("`{}`: '{}' is not a duration", what, v.IsScalar() ? v.Scalar() : "?"),
              "Use a number and a unit: 45m, 2h, 1h30m, 3d.");
    return std::nullopt;
  }
};

std::string scalar(const YamlNode& map, const char* key) {
  if (!map.IsMap()) return {};
  const YamlNode& m = map;
  YamlNode v = m[key];
  return v.IsDefined() && v.IsScalar() ? std::string(v.Scalar()) : std::string{};
}

std::optional<int64_t> diff(const std::optional<Timestamp>& a, const std::optional<Timestamp>& b) {
  if (!a || !b) return std::nullopt;
  return b->epoch - a->epoch;
}

SlaResult evaluate(std::optional<int64_t> actual, std::optional<int64_t> target) {
  SlaResult r{actual, target, SlaStatus::Unknown};
  if (actual && target) r.status = *actual <= *target ? SlaStatus::Met : SlaStatus::Breached;
  return r;
}

}  // namespace

const char* sla_status_name(SlaStatus s) {
  switch (s) {
    case SlaStatus::Met: return "met";
    case SlaStatus::Breached: return "breached";
    case SlaStatus::Unknown: return "unknown";
  }
  return "unknown";
}

int64_t Runbook::review_interval(const Config& config) const {
  return review_every ? *review_every : config.runbooks.review_every;
}

std::optional<int64_t> Runbook::review_due(const Config& config) const {
  if (last_reviewed) return *last_reviewed + review_interval(config);
  if (last_changed) return *last_changed + review_interval(config);
  return std::nullopt;
}

std::optional<int64_t> Postmortem::occurred_at() const {
  if (started) return started->epoch;
  if (detected) return detected->epoch;
  if (resolved) return resolved->epoch;
  return std::nullopt;
}
std::optional<int64_t> Postmortem::time_to_detect() const { return diff(started, detected); }
std::optional<int64_t> Postmortem::time_to_acknowledge() const {
  return started ? diff(started, acknowledged) : diff(detected, acknowledged);
}
std::optional<int64_t> Postmortem::time_to_mitigate() const { return diff(started, mitigated); }
std::optional<int64_t> Postmortem::time_to_resolve() const { return diff(started, resolved); }

SlaResult Postmortem::acknowledge_sla() const {
  return evaluate(time_to_acknowledge(), severity.level ? severity.level->acknowledge_within : std::nullopt);
}
SlaResult Postmortem::resolve_sla() const {
  return evaluate(time_to_resolve(), severity.level ? severity.level->resolve_within : std::nullopt);
}

Runbook make_runbook(const Config& config, const Document& doc, Diagnostics& diags) {
  Reader r{config, doc, diags};
  const FrontMatter& fm = doc.fm;
  Runbook rb;
  rb.doc = &doc;
  rb.service = fm.str("service");
  if (rb.service.empty()) rb.service = doc.folder;
  rb.owner = fm.str("owner");
  rb.severity = r.severity("severity");
  rb.alerts = fm.strings("alerts");
  rb.tags = fm.strings("tags");
  rb.dependencies = fm.strings("dependencies");
  rb.related = fm.strings("related");
  rb.last_reviewed = r.date(fm.get("last_reviewed"), "last_reviewed");
  rb.review_every = r.duration(fm.get("review_every"), "review_every");
  YamlNode esc = fm.get("escalation");
  if (esc.IsDefined() && esc.IsSequence()) {
    for (const auto& step : esc) {
      if (!step.IsMap()) continue;
      EscalationStep s;
      s.level = scalar(step, "level");
      s.contact = scalar(step, "contact");
      const YamlNode& cs = step;
      s.after = r.duration(cs["after"], "escalation.after");
      rb.escalation.push_back(std::move(s));
    }
  }
  return rb;
}

Postmortem make_postmortem(const Config& config, const Document& doc, Diagnostics& diags) {
  Reader r{config, doc, diags};
  const FrontMatter& fm = doc.fm;
  Postmortem pm;
  pm.doc = &doc;
  pm.incident_id = fm.str("incident_id");
  if (pm.incident_id.empty()) pm.incident_id = doc.id;
  pm.severity = r.severity("severity");
  std::string status = to_lower_ascii(fm.str("status"));
  if (!status.empty()) pm.status = status;
  pm.services = fm.strings("services");
  if (pm.services.empty()) pm.services = fm.strings("service");
  pm.started = r.instant(fm.get("started_at"), "started_at");
  pm.detected = r.instant(fm.get("detected_at"), "detected_at");
  pm.acknowledged = r.instant(fm.get("acknowledged_at"), "acknowledged_at");
  pm.mitigated = r.instant(fm.get("mitigated_at"), "mitigated_at");
  pm.resolved = r.instant(fm.get("resolved_at"), "resolved_at");
  pm.published = r.instant(fm.get("published_at"), "published_at");
  pm.declared_duration = r.duration(fm.get("duration"), "duration");
  pm.detection_method = fm.str("detection_method");
  if (YamlNode u = fm.get("users_impacted"); u.IsDefined() && u.IsScalar()) {
    long long v = 0;
    if (u.decode_int(v)) pm.users_impacted = v;
  }
  pm.customer_impact = fm.str("customer_impact");
  pm.authors = fm.strings("authors");
  YamlNode rc = fm.get("root_cause");
  if (rc.IsDefined() && rc.IsMap()) {
    pm.root_cause_category = scalar(rc, "category");
    pm.root_cause_summary = scalar(rc, "summary");
  } else if (rc.IsDefined() && rc.IsScalar()) {
    pm.root_cause_summary = rc.Scalar();
  }
  pm.contributing_factors = fm.strings("contributing_factors");
  pm.triggers = fm.strings("triggers");
  pm.tags = fm.strings("tags");
  pm.alerts = fm.strings("alerts");
  pm.runbooks = fm.strings("runbooks");

  YamlNode tl = fm.get("timeline");
  if (tl.IsDefined() && tl.IsSequence()) {
    for (const auto& row : tl) {
      if (!row.IsMap()) continue;
      TimelineEvent ev;
      ev.at_text = scalar(row, "at");
      const YamlNode& crow = row;
      if (!ev.at_text.empty()) ev.at = r.instant(crow["at"], "timeline.at");
      ev.event = scalar(row, "event");
      ev.action = scalar(row, "action");
      ev.by = scalar(row, "by");
      pm.timeline.push_back(std::move(ev));
    }
  }
  YamlNode ai = fm.get("action_items");
  if (ai.IsDefined() && ai.IsSequence()) {
    for (const auto& item : ai) {
      ActionItem a;
      a.pos = fm.pos(item);
      if (item.IsScalar()) {
        a.title = item.Scalar();
        pm.action_items.push_back(std::move(a));
        continue;
      }
      if (!item.IsMap()) continue;
      const YamlNode& ci = item;
      a.id = scalar(item, "id");
      a.title = scalar(item, "title");
      a.owner = scalar(item, "owner");
      a.priority = to_lower_ascii(scalar(item, "priority"));
      a.due = r.date(ci["due"], "action_items.due");
      std::string st = to_lower_ascii(scalar(item, "status"));
      for (char& c : st)
        if (c == '_' || c == ' ') c = '-';
      if (st == "closed" || st == "completed" || st == "complete" || st == "resolved") st = "done";
      if (!st.empty()) a.status = st;
      a.completed_at = r.date(ci["completed_at"], "action_items.completed_at");
      pm.action_items.push_back(std::move(a));
    }
  }
  return pm;
}

}  // namespace fb
