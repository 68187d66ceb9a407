#include "lessons/database.h"

#include <algorithm>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <sqlite3.h>

#include "lessons/db_insert.h"

#include "util/text.h"
#include "util/time.h"

namespace fb {
namespace {

std::optional<int64_t> epoch(const std::optional<Timestamp>& t) {
  return t ? std::optional<int64_t>(t->epoch) : std::nullopt;
}

std::vector<std::string> sorted_unique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

std::vector<size_t> order_by(const std::vector<std::string>& keys) {
  std::vector<size_t> idx(keys.size());
  std::iota(idx.begin(), idx.end(), size_t{0});
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return keys[a] < keys[b]; });
  return idx;
}

void write_meta(sqlite3* db, const Config& config, int64_t now) {
  std::map<std::string, std::string> meta{
      {"schema_version", std::to_string(kLessonsSchemaVersion)},
      {"as_of", format_rfc3339_utc(now)},
      {"generator", "firebreak"},
      {"site_title", config.title},
      {"patterns.min_occurrences", std::to_string(config.patterns.min_occurrences)},
      {"patterns.window_seconds", std::to_string(config.patterns.window)},
      {"patterns.similarity_threshold", fmt::format("{}", config.patterns.similarity_threshold)},
      {"patterns.min_support", std::to_string(config.patterns.min_support)},
      {"patterns.min_lift", fmt::format("{}", config.patterns.min_lift)},
  };
  DbInsert ins(db, "INSERT INTO meta VALUES(?,?)");
  for (const auto& [k, v] : meta) ins.text(k).text(v).run();
}

void write_incidents(sqlite3* db, const SiteModel& model, const LessonsResult& r, int64_t now,
                     const std::vector<size_t>& order) {
  DbInsert inc(db, "INSERT INTO incidents VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  DbInsert svc(db, "INSERT INTO incident_services VALUES(?,?)");
  DbInsert tag(db, "INSERT INTO incident_tags VALUES(?,?)");
  DbInsert trg(db, "INSERT INTO incident_triggers VALUES(?,?)");
  DbInsert alr(db, "INSERT INTO incident_alerts VALUES(?,?)");
  DbInsert fac(db, "INSERT INTO contributing_factors VALUES(?,?,?)");
  DbInsert act(db, "INSERT INTO action_items VALUES(?,?,?,?,?,?,?,?,?,?,?)");
  DbInsert tl(db, "INSERT INTO timeline_events VALUES(?,?,?,?,?,?,?)");
  DbInsert fts(db, "INSERT INTO incident_text VALUES(?,?,?,?,?)");
  for (size_t i : order) {
    const Postmortem& pm = model.postmortems[i];
    const std::string& id = r.incident_keys[i];
    const SeverityLevel* level = pm.severity.level;
    auto at = pm.occurred_at();
    std::optional<int64_t> pir_due;
    std::optional<int64_t> pir_on_time;
    if (level && level->pir_due_within && pm.resolved) {
      pir_due = pm.resolved->epoch + *level->pir_due_within;
      bool published = pm.status == "published" && pm.published;
      if (published) pir_on_time = pm.published->epoch <= *pir_due ? 1 : 0;
      else if (*pir_due < now) pir_on_time = 0;
    }
    inc.text(id).text(pm.doc ? pm.doc->title : id).text(pm.doc ? std::string_view(pm.doc->path) : "")
        .text(pm.doc ? std::string_view(pm.doc->url) : "");
    inc.own_opt_text(pm.severity.id());
    level ? inc.integer(level->rank) : inc.null();
    inc.text(pm.status).opt_text(pm.root_cause_category).opt_text(pm.root_cause_summary);
    inc.opt_text(pm.detection_method).opt_int(pm.users_impacted).opt_text(pm.customer_impact);
    inc.time(at);
    inc.month(at);
    inc.time(epoch(pm.started)).time(epoch(pm.detected)).time(epoch(pm.acknowledged));
    inc.time(epoch(pm.mitigated)).time(epoch(pm.resolved)).time(epoch(pm.published));
    inc.opt_int(pm.time_to_detect()).opt_int(pm.time_to_acknowledge()).opt_int(pm.time_to_mitigate());
    inc.opt_int(pm.time_to_resolve());
    inc.text(sla_status_name(pm.acknowledge_sla().status)).text(sla_status_name(pm.resolve_sla().status));
    inc.time(pir_due).opt_int(pir_on_time);
    inc.integer(i < r.metrics.recurrence.size() ? r.metrics.recurrence[i] : 0);
    inc.run();
    for (const auto& s : sorted_unique(pm.services)) svc.text(id).text(s).run();
    for (const auto& s : sorted_unique(pm.tags)) tag.text(id).text(s).run();
    for (const auto& s : sorted_unique(pm.triggers)) trg.text(id).text(s).run();
    for (const auto& s : sorted_unique(pm.alerts)) alr.text(id).text(s).run();
    for (size_t k = 0; k < pm.contributing_factors.size(); ++k)
      fac.text(id).integer(static_cast<int64_t>(k)).text(pm.contributing_factors[k]).run();
    for (size_t k = 0; k < pm.action_items.size(); ++k) {
      const ActionItem& a = pm.action_items[k];
      act.text(id).integer(static_cast<int64_t>(k)).opt_text(a.id).opt_text(a.title).opt_text(a.owner);
      act.opt_text(a.priority).text(a.status).date(a.due).date(a.completed_at);
      if (a.status == "done" && a.due && a.completed_at) act.integer(*a.completed_at / 86400 <= *a.due / 86400);
      else act.null();
      act.integer(a.overdue(now) ? 1 : 0).run();
    }
    for (size_t k = 0; k < pm.timeline.size(); ++k) {
      const TimelineEvent& e = pm.timeline[k];
      tl.text(id).integer(static_cast<int64_t>(k)).time(e.at ? std::optional<int64_t>(e.at->epoch) : std::nullopt);
      tl.opt_text(e.at_text).opt_text(e.event).opt_text(e.action).opt_text(e.by).run();
    }
    fts.text(id).text(pm.doc ? std::string_view(pm.doc->title) : "").text(pm.root_cause_summary);
    fts.own_text(join(pm.contributing_factors, "\n")).text(pm.doc ? std::string_view(pm.doc->md.plain_text) : "").run();
  }
}

void write_runbooks(sqlite3* db, const Config& config, const SiteModel& model, const LessonsResult& r) {
  DbInsert rb(db, "INSERT INTO runbooks VALUES(?,?,?,?,?,?,?,?,?)");
  DbInsert alr(db, "INSERT INTO runbook_alerts VALUES(?,?)");
  DbInsert tag(db, "INSERT INTO runbook_tags VALUES(?,?)");
  for (size_t k : order_by(r.runbook_keys)) {
    const Runbook& b = model.runbooks[k];
    const std::string& id = r.runbook_keys[k];
    rb.text(id).text(b.doc ? b.doc->title : id).text(b.doc ? std::string_view(b.doc->path) : "")
        .text(b.doc ? std::string_view(b.doc->url) : "");
    rb.opt_text(b.service).opt_text(b.owner).own_opt_text(b.severity.id()).date(b.last_reviewed).date(b.review_due(config));
    rb.run();
    for (const auto& a : sorted_unique(b.alerts)) alr.text(id).text(a).run();
    for (const auto& t : sorted_unique(b.tags)) tag.text(id).text(t).run();
  }
  // incident <-> runbook: listed in the PIR's `runbooks:`, or covering an alert that fired.
  std::set<std::string> known(r.runbook_keys.begin(), r.runbook_keys.end());
  std::map<std::string, std::vector<std::string>> by_alert;
  for (size_t k = 0; k < model.runbooks.size(); ++k)
    for (const auto& a : model.runbooks[k].alerts) by_alert[a].push_back(r.runbook_keys[k]);
  std::set<std::tuple<std::string, std::string, std::string>> links;
  for (size_t i = 0; i < model.postmortems.size(); ++i) {
    const Postmortem& pm = model.postmortems[i];
    for (const auto& id : pm.runbooks) links.insert({r.incident_keys[i], id, "listed"});
    for (const auto& a : pm.alerts)
      if (auto it = by_alert.find(a); it != by_alert.end())
        for (const auto& id : it->second) links.insert({r.incident_keys[i], id, "alert"});
  }
  DbInsert link(db, "INSERT INTO incident_runbooks VALUES(?,?,?,?)");
  for (const auto& [inc, rbid, via] : links) link.text(inc).text(rbid).text(via).integer(known.count(rbid) ? 1 : 0).run();
}

void write_patterns(sqlite3* db, const LessonsResult& r) {
  DbInsert pat(db, "INSERT INTO patterns VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  DbInsert mem(db, "INSERT INTO pattern_members VALUES(?,?,?)");
  DbInsert prb(db, "INSERT INTO pattern_runbooks VALUES(?,?)");
  std::vector<std::string> ids;
  for (const auto& p : r.patterns) ids.push_back(p.id);
  for (size_t k : order_by(ids)) {
    const Pattern& p = r.patterns[k];
    pat.text(p.id).text(pattern_kind_name(p.kind)).integer(static_cast<int64_t>(k)).text(p.title).text(p.why);
    pat.real(p.strength).text(p.strength_note).own_opt_text(join(p.services, ", ")).opt_text(p.category);
    pat.own_opt_text(join(p.terms, ", ")).own_opt_text(join(p.categories, ", "));
    if (p.items.size() == 2) pat.text(p.items[0]).text(p.items[1]).integer(static_cast<int64_t>(p.support)).real(p.lift).real(p.confidence);
    else pat.null().null().null().null().null();
    pat.opt_text(p.gap).opt_text(p.subject).opt_text(p.basis).date(p.fixed_at).time(p.first_seen).time(p.last_seen);
    pat.integer(static_cast<int64_t>(p.members.size())).run();
    for (size_t m = 0; m < p.members.size(); ++m) mem.text(p.id).integer(static_cast<int64_t>(m)).text(r.incident_keys[p.members[m]]).run();
    std::vector<std::string> rbs;
    for (size_t b : p.runbooks) rbs.push_back(r.runbook_keys[b]);
    for (const auto& b : sorted_unique(rbs)) prb.text(p.id).text(b).run();
  }
  DbInsert sim(db, "INSERT INTO similar_incidents VALUES(?,?,?,?)");
  for (size_t i : order_by(r.incident_keys)) {
    if (i >= r.similar.size()) continue;
    for (size_t k = 0; k < r.similar[i].size(); ++k)
      sim.text(r.incident_keys[i]).integer(static_cast<int64_t>(k)).text(r.incident_keys[r.similar[i][k].index])
          .real(r.similar[i][k].score).run();
  }
}

}  // namespace

bool write_lessons_db(const Config& config, const SiteModel& model, const LessonsResult& result, int64_t now,
                      OutputFile& out, std::string& error) {
  out = OutputFile{kLessonsDbPath, {}};
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> db(raw, sqlite3_close);
  if (rc != SQLITE_OK) {
    error = fmt::format("cannot build {}: {}", kLessonsDbPath, raw ? sqlite3_errmsg(raw) : "out of memory");
    return false;
  }
  try {
    // No rollback journal: on any failure the whole in-memory database is discarded.
    exec_sql(db.get(), "PRAGMA page_size=4096; PRAGMA encoding='UTF-8'; PRAGMA journal_mode=OFF;");
    exec_sql(db.get(), fmt::format("PRAGMA user_version={}", kLessonsSchemaVersion).c_str());
    exec_sql(db.get(), "BEGIN");
    exec_sql(db.get(), lessons_schema_sql());
    write_meta(db.get(), config, now);
    write_incidents(db.get(), model, result, now, order_by(result.incident_keys));
    write_runbooks(db.get(), config, model, result);
    write_patterns(db.get(), result);
    exec_sql(db.get(), lessons_index_sql());
    exec_sql(db.get(), "COMMIT");
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(db.get(), "main", &size, 0);
    if (!bytes) {
      error = "sqlite3_serialize failed (out of memory)";
      return false;
    }
    out.bytes.assign(reinterpret_cast<const char*>(bytes), static_cast<size_t>(size));
    sqlite3_free(bytes);
    return true;
  } catch (const std::exception& e) {
    error = fmt::format("cannot build {}: {}", kLessonsDbPath, e.what());
    out.bytes.clear();
    return false;
  }
}

}  // namespace fb
