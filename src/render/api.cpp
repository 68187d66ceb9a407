#include "render/api.h"

#include <cstdint>
#include <cstring>

#include <nlohmann/json.hpp>

#include "render/history_view.h"
#include "render/present.h"
#include "util/time.h"

namespace fb {

namespace {

using json = nlohmann::json;

/// True when none of the 8 bytes at `p` needs attention in a JSON string (a control character, `"`,
/// `\\` or a non-ASCII byte).
bool plain8(const char* p) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  uint64_t w;
  std::memcpy(&w, p, 8);
  auto zero_byte = [](uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  uint64_t below_space = (w - 0x2020202020202020ULL) & ~w & kHigh;  // exact for bytes < 0x80
  return !((w & kHigh) | below_space | zero_byte(w ^ (kOnes * '"')) | zero_byte(w ^ (kOnes * '\\')));
}

/// `s` as a JSON string, exactly as nlohmann's serializer writes it (no \\u escapes beyond control
/// characters, invalid UTF-8 replaced): ASCII directly, a string with other bytes through nlohmann.
void put_string(const std::string& s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  const size_t start = out.size();
  const char* p = s.data();
  const size_t n = s.size();
  out += '"';
  size_t run = 0, i = 0;  // run: start of the bytes not yet copied
  while (true) {
    while (i + 8 <= n && plain8(p + i)) i += 8;
    while (i < n && static_cast<unsigned char>(p[i]) >= 0x20 && static_cast<unsigned char>(p[i]) < 0x80 &&
           p[i] != '"' && p[i] != '\\')
      ++i;
    if (i == n) break;
    unsigned char c = static_cast<unsigned char>(p[i]);
    if (c >= 0x80) {
      out.resize(start);
      out += json(s).dump(-1, ' ', false, json::error_handler_t::replace);
      return;
    }
    out.append(s, run, i - run);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out.append(esc, 6);
      }
    }
    run = ++i;
  }
  out.append(s, run, std::string::npos);
  out += '"';
}

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

json opt_time(const std::optional<Timestamp>& t) { return t ? json(iso_instant(t->epoch)) : json(nullptr); }
json opt_secs(const std::optional<int64_t>& s) { return s ? json(*s) : json(nullptr); }

json sla(const SlaResult& r) {
  return json{{"actual_seconds", opt_secs(r.actual)}, {"target_seconds", opt_secs(r.target)},
              {"status", sla_status_name(r.status)}};
}

}  // namespace

std::string api_runbooks(const Config& config, const SiteIndex& index, int64_t now, const SiteHistory* history) {
  json list = json::array();
  for (const Runbook* rb : index.runbooks) {
    json j;
    j["id"] = rb->doc->id;
    j["title"] = rb->doc->title;
    set_url(j, config, *rb->doc);
    j["path"] = rb->doc->path;
    j["service"] = rb->service;
    j["owner"] = rb->owner;
    j["severity"] = rb->severity.level ? json(rb->severity.level->id) : json(nullptr);
    j["alerts"] = rb->alerts;
    j["tags"] = rb->tags;
    j["dependencies"] = rb->dependencies;
    j["related"] = rb->related;
    ReviewState rs = review_state(*rb, config, now);
    j["last_reviewed"] = rs.last_reviewed.empty() ? json(nullptr) : json(rs.last_reviewed);
    j["review_due"] = rs.due.empty() ? json(nullptr) : json(rs.due);
    j["review_state"] = rs.state;
    json pirs = json::array();
    if (auto it = index.postmortems_by_runbook.find(rb->doc->id); it != index.postmortems_by_runbook.end())
      for (const Postmortem* pm : it->second) pirs.push_back(pm->incident_id);
    j["postmortems"] = std::move(pirs);
    add_git_json(j, config, history, rb->doc->path);
    list.push_back(std::move(j));
  }
  return dump(json{{"count", list.size()}, {"generated", iso_instant(now)}, {"runbooks", std::move(list)}});
}

std::string api_postmortems(const Config& config, const SiteIndex& index, int64_t now,
                            const SiteHistory* history) {
  json list = json::array();
  for (const Postmortem* pm : index.postmortems) {
    json j;
    j["id"] = pm->doc->id;
    j["incident_id"] = pm->incident_id;
    j["title"] = pm->doc->title;
    set_url(j, config, *pm->doc);
    j["path"] = pm->doc->path;
    j["severity"] = pm->severity.level ? json(pm->severity.level->id) : json(nullptr);
    j["status"] = pm->status;
    j["services"] = pm->services;
    j["started_at"] = opt_time(pm->started);
    j["detected_at"] = opt_time(pm->detected);
    j["acknowledged_at"] = opt_time(pm->acknowledged);
    j["mitigated_at"] = opt_time(pm->mitigated);
    j["resolved_at"] = opt_time(pm->resolved);
    j["published_at"] = opt_time(pm->published);
    j["time_to_detect_seconds"] = opt_secs(pm->time_to_detect());
    j["time_to_mitigate_seconds"] = opt_secs(pm->time_to_mitigate());
    j["acknowledge"] = sla(pm->acknowledge_sla());
    j["resolve"] = sla(pm->resolve_sla());
    j["users_impacted"] = opt_secs(pm->users_impacted);
    j["detection_method"] = pm->detection_method;
    j["root_cause"] = json{{"category", pm->root_cause_category}, {"summary", pm->root_cause_summary}};
    size_t open = 0, overdue = 0;
    for (const ActionItem& ai : pm->action_items) {
      open += !ai.done();
      overdue += ai.overdue(now);
    }
    j["action_items"] = json{{"total", pm->action_items.size()}, {"open", open}, {"overdue", overdue}};
    j["runbooks"] = pm->runbooks;
    j["alerts"] = pm->alerts;
    j["tags"] = pm->tags;
    add_git_json(j, config, history, pm->doc->path);
    list.push_back(std::move(j));
  }
  return dump(json{{"count", list.size()}, {"generated", iso_instant(now)}, {"postmortems", std::move(list)}});
}

std::string api_alerts(const Config& config, const SiteIndex& index) {
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
  return dump(json{{"count", alerts.size()}, {"alerts", std::move(alerts)}});
}

}  // namespace fb
