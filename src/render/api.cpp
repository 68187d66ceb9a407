#include "render/api.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "render/history_view.h"
#include "render/present.h"
#include "util/json_string.h"
#include "util/time.h"

namespace fb {

namespace {

using json = nlohmann::json;

void put_string(const std::string& s, std::string& out) { append_json_string(out, s); }

/// `j` as nlohmann's dump(2) writes it (sorted keys, two-space indent), into `out`, without its
/// per-byte UTF-8 decoding of every string.
void put_json(const json& j, std::string& out, size_t indent) {
  switch (j.type()) {
    case json::value_t::object: {
      if (j.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      size_t k = 0;
      for (auto it = j.begin(); it != j.end(); ++it, ++k) {
        out.append(indent + 2, ' ');
        put_string(it.key(), out);
        out += ": ";
        put_json(it.value(), out, indent + 2);
        out += k + 1 < j.size() ? ",\n" : "\n";
      }
      out.append(indent, ' ');
      out += '}';
      return;
    }
    case json::value_t::array: {
      if (j.empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      size_t k = 0;
      for (const json& v : j) {
        out.append(indent + 2, ' ');
        put_json(v, out, indent + 2);
        out += ++k < j.size() ? ",\n" : "\n";
      }
      out.append(indent, ' ');
      out += ']';
      return;
    }
    case json::value_t::string: put_string(j.get_ref<const std::string&>(), out); return;
    case json::value_t::null: out += "null"; return;
    case json::value_t::boolean: out += j.get<bool>() ? "true" : "false"; return;
    case json::value_t::number_integer: out += std::to_string(j.get<int64_t>()); return;
    case json::value_t::number_unsigned: out += std::to_string(j.get<uint64_t>()); return;
    default: out += j.dump(2, ' ', false, json::error_handler_t::replace);  // floats and the rest, as nlohmann
  }
}

}  // namespace

/// Pretty, sorted, and never throwing on a stray invalid byte (it is replaced): nlohmann's dump(2).
std::string dump_api_json(const json& j) {
  std::string out;
  out.reserve(1 << 16);
  put_json(j, out, 0);
  out += '\n';
  return out;
}

namespace {

std::string dump(const json& j) { return dump_api_json(j); }

void set_url(json& j, const Config& config, const Document& doc) {
  std::string url = url_encode_path(doc.url);
  if (!config.base_url.empty()) j["absolute_url"] = absolute_url(config.base_url, url);
  j["url"] = std::move(url);
}

}  // namespace

namespace {

/// One JSON object written the way dump_api_json() writes an nlohmann object (keys sorted, two-space
/// indent), built field by field without a json tree: each field keeps its value already serialized.
class ObjectWriter {
 public:
  /// An object whose closing brace sits at `indent` spaces.
  explicit ObjectWriter(size_t indent) : indent_(indent) { fields_.reserve(32); }

  /// The serialized value of a new field `key` (a literal ASCII name), to be written into.
  std::string& field(std::string_view key) {
    fields_.push_back({key, {}});
    return fields_.back().value;
  }
  void str(std::string_view key, const std::string& v) { put_string(v, field(key)); }
  void str_or_null(std::string_view key, const std::string& v, bool present) {
    if (present) str(key, v);
    else field(key) = "null";
  }
  void null(std::string_view key) { field(key) = "null"; }
  void num(std::string_view key, int64_t v) { field(key) = std::to_string(v); }
  void num(std::string_view key, const std::optional<int64_t>& v) {
    if (v) num(key, *v);
    else null(key);
  }
  void time(std::string_view key, const std::optional<Timestamp>& t) {
    if (t) str(key, format_rfc3339_utc(t->epoch));
    else null(key);
  }
  void strings(std::string_view key, const std::vector<std::string>& v) {
    std::string& out = field(key);
    if (v.empty()) {
      out = "[]";
      return;
    }
    out += "[\n";
    for (size_t i = 0; i < v.size(); ++i) {
      out.append(indent_ + 4, ' ');
      put_string(v[i], out);
      out += i + 1 < v.size() ? ",\n" : "\n";
    }
    out.append(indent_ + 2, ' ');
    out += ']';
  }
  /// A nested object for field `key`; call write() on it into field(key)... via close().
  ObjectWriter child() const { return ObjectWriter(indent_ + 2); }
  /// Writes the object (sorted by key) to `out`.
  void write(std::string& out) {
    if (fields_.empty()) {
      out += "{}";
      return;
    }
    std::sort(fields_.begin(), fields_.end(), [](const Field& a, const Field& b) { return a.key < b.key; });
    out += "{\n";
    for (size_t i = 0; i < fields_.size(); ++i) {
      out.append(indent_ + 2, ' ');
      out += '"';
      out += fields_[i].key;
      out += "\": ";
      out += fields_[i].value;
      out += i + 1 < fields_.size() ? ",\n" : "\n";
    }
    out.append(indent_, ' ');
    out += '}';
  }

 private:
  struct Field {
    std::string_view key;
    std::string value;
  };
  size_t indent_;
  std::vector<Field> fields_;
};

void url_fields(ObjectWriter& o, const Config& config, const Document& doc) {
  std::string url = url_encode_path(doc.url);
  if (!config.base_url.empty()) o.str("absolute_url", absolute_url(config.base_url, url));
  o.str("url", url);
}

/// The fields of add_git_json(), written into `o`.
void git_fields(ObjectWriter& o, const Config& config, const SiteHistory* history, const std::string& path) {
  const FileHistory* h = history ? history->find(path) : nullptr;
  if (h) {
    o.str("last_changed", format_rfc3339_utc(h->last_changed));
    o.str("last_author", h->last_author);
    o.str("last_commit", h->last_commit);
    o.str("last_subject", h->last_subject);
    o.time("created", h->created ? std::optional<Timestamp>(Timestamp{*h->created}) : std::nullopt);
    o.num("changes", int64_t{h->changes});
    o.num("contributors", int64_t{h->contributors});
  } else {
    for (std::string_view k : {"last_changed", "last_author", "last_commit", "last_subject", "created", "changes",
                               "contributors"})
      o.null(k);
  }
  std::string edit = edit_url(config, history, path), hist = history_url(config, history, path);
  o.str_or_null("edit_url", edit, !edit.empty());
  o.str_or_null("history_url", hist, !hist.empty());
}

void sla_field(ObjectWriter& o, std::string_view key, const SlaResult& r) {
  ObjectWriter c = o.child();
  c.num("actual_seconds", r.actual);
  c.num("target_seconds", r.target);
  c.str("status", sla_status_name(r.status));
  c.write(o.field(key));
}

/// `{"count": n, "generated": now, "<key>": [items]}`, each item written straight into it at indent 4
/// (no per-item strings joined afterwards: the PIR list is ~15 MB at 10,000 documents).
class Envelope {
 public:
  Envelope(size_t count, int64_t now, std::string_view key) : count_(count) {
    out_ += "{\n  \"count\": ";
    out_ += std::to_string(count);
    out_ += ",\n  \"generated\": ";
    put_string(format_rfc3339_utc(now), out_);
    out_ += ",\n  \"";
    out_ += key;
    out_ += count ? "\": [\n" : "\": []";
  }
  /// Appends the next of the `count` items.
  void item(ObjectWriter& j) {
    const size_t before = out_.size();
    out_ += items_ ? ",\n    " : "    ";
    j.write(out_);
    if (items_++ == 0) out_.reserve(out_.size() + (out_.size() - before + 2) * (count_ - 1) * 5 / 4);
  }
  /// The whole text.
  std::string finish() {
    out_ += count_ ? "\n  ]\n}\n" : "\n}\n";
    return std::move(out_);
  }

 private:
  size_t count_;
  size_t items_ = 0;
  std::string out_;
};

}  // namespace

std::string api_runbooks(const Config& config, const SiteIndex& index, int64_t now, const SiteHistory* history) {
  Envelope out(index.runbooks.size(), now, "runbooks");
  for (size_t n = 0; n < index.runbooks.size(); ++n) {
    const Runbook* rb = index.runbooks[n];
    ObjectWriter j(4);
    j.str("id", rb->doc->id);
    j.str("title", rb->doc->title);
    url_fields(j, config, *rb->doc);
    j.str("path", rb->doc->path);
    j.str("service", rb->service);
    j.str("owner", rb->owner);
    j.str_or_null("severity", rb->severity.level ? rb->severity.level->id : std::string{}, rb->severity.level);
    j.strings("alerts", rb->alerts);
    j.strings("tags", rb->tags);
    j.strings("dependencies", rb->dependencies);
    j.strings("related", rb->related);
    ReviewState rs = review_state(*rb, config, now);
    j.str_or_null("last_reviewed", rs.last_reviewed, !rs.last_reviewed.empty());
    j.str_or_null("review_due", rs.due, !rs.due.empty());
    j.str("review_state", rs.state);
    std::vector<std::string> pirs;
    if (auto it = index.postmortems_by_runbook.find(rb->doc->id); it != index.postmortems_by_runbook.end())
      for (const Postmortem* pm : it->second) pirs.push_back(pm->incident_id);
    j.strings("postmortems", pirs);
    git_fields(j, config, history, rb->doc->path);
    out.item(j);
  }
  return out.finish();
}

std::string api_postmortems(const Config& config, const SiteIndex& index, int64_t now,
                            const SiteHistory* history) {
  Envelope out(index.postmortems.size(), now, "postmortems");
  for (size_t n = 0; n < index.postmortems.size(); ++n) {
    const Postmortem* pm = index.postmortems[n];
    ObjectWriter j(4);
    j.str("id", pm->doc->id);
    j.str("incident_id", pm->incident_id);
    j.str("title", pm->doc->title);
    url_fields(j, config, *pm->doc);
    j.str("path", pm->doc->path);
    j.str_or_null("severity", pm->severity.level ? pm->severity.level->id : std::string{}, pm->severity.level);
    j.str("status", pm->status);
    j.strings("services", pm->services);
    j.time("started_at", pm->started);
    j.time("detected_at", pm->detected);
    j.time("acknowledged_at", pm->acknowledged);
    j.time("mitigated_at", pm->mitigated);
    j.time("resolved_at", pm->resolved);
    j.time("published_at", pm->published);
    j.num("time_to_detect_seconds", pm->time_to_detect());
    j.num("time_to_mitigate_seconds", pm->time_to_mitigate());
    sla_field(j, "acknowledge", pm->acknowledge_sla());
    sla_field(j, "resolve", pm->resolve_sla());
    j.num("users_impacted", pm->users_impacted);
    j.str("detection_method", pm->detection_method);
    ObjectWriter rcw = j.child();
    rcw.str("category", pm->root_cause_category);
    rcw.str("summary", pm->root_cause_summary);
    rcw.write(j.field("root_cause"));
    size_t open = 0, overdue = 0;
    for (const ActionItem& ai : pm->action_items) {
      open += !ai.done();
      overdue += ai.overdue(now);
    }
    ObjectWriter acts = j.child();
    acts.num("total", static_cast<int64_t>(pm->action_items.size()));
    acts.num("open", static_cast<int64_t>(open));
    acts.num("overdue", static_cast<int64_t>(overdue));
    acts.write(j.field("action_items"));
    j.strings("runbooks", pm->runbooks);
    j.strings("alerts", pm->alerts);
    j.strings("tags", pm->tags);
    git_fields(j, config, history, pm->doc->path);
    out.item(j);
  }
  return out.finish();
}

namespace {

json rule_json(const Config& config, const AlertCoverageRow& row) {
  const AlertRule& r = *row.rule;
  json j;
  j["alert"] = r.name;
  j["file"] = r.file;
  j["line"] = r.pos.line;
  j["group"] = r.group;
  j["severity"] = row.level ? json(row.level->id) : json(nullptr);
  j["severity_label"] = r.severity.empty() ? json(nullptr) : json(r.severity);
  j["runbook_url"] = r.runbook_url.empty() ? json(nullptr) : json(r.runbook_url);
  j["runbook_url_check"] = runbook_url_verdict_name(row.url);
  j["summary"] = r.summary.empty() ? json(nullptr) : json(r.summary);
  if (row.runbook) {
    j["runbook"] = row.runbook->doc->id;
    j["title"] = row.runbook->doc->title;
    set_url(j, config, *row.runbook->doc);
  } else {
    j["runbook"] = nullptr;
    j["title"] = nullptr;
    j["url"] = nullptr;
  }
  return j;
}

}  // namespace

std::string api_alerts(const Config& config, const SiteIndex& index, const AlertCoverage* coverage) {
  json alerts = json::object();
  for (const auto& [name, rbs] : index.runbooks_by_alert) {
    if (rbs.empty()) continue;
    json j;
    j["runbook"] = rbs.front()->doc->id;
    j["title"] = rbs.front()->doc->title;
    set_url(j, config, *rbs.front()->doc);
    if (rbs.size() > 1) {
      json also = json::array();
      for (size_t i = 1; i < rbs.size(); ++i) also.push_back(rbs[i]->doc->id);
      j["also"] = std::move(also);
    }
    alerts[name] = std::move(j);
  }
  if (!coverage) return dump(json{{"count", alerts.size()}, {"alerts", std::move(alerts)}});
  json rules = json::array();
  for (const AlertCoverageRow& row : coverage->rows) {
    if (row.runbook && !alerts.contains(row.rule->name)) {  // claimed by name (or in another spelling)
      json j;
      j["runbook"] = row.runbook->doc->id;
      j["title"] = row.runbook->doc->title;
      set_url(j, config, *row.runbook->doc);
      alerts[row.rule->name] = std::move(j);
    }
    rules.push_back(rule_json(config, row));
  }
  json cov{{"alerts", coverage->alerts}, {"covered", coverage->covered}};
  return dump(json{{"count", alerts.size()}, {"alerts", std::move(alerts)}, {"coverage", std::move(cov)},
                   {"rules", std::move(rules)}});
}

}  // namespace fb
