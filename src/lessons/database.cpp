#include "lessons/database.h"

#include <algorithm>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include "lessons/db_insert.h"

#include "util/text.h"
#include "util/time.h"

namespace fb {
namespace {

std::optional<int64_t> epoch(const std::optional<Timestamp>& t) {
  return t ? std::optional<int64_t>(t->epoch) : std::nullopt;
}

/// The distinct values of `v`, sorted; views into `v`.
std::vector<std::string_view> sorted_unique(const std::vector<std::string>& strings) {
  std::vector<std::string_view> v(strings.begin(), strings.end());
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
  DbInsert ins(db, "meta", 2);
  for (const auto& [k, v] : meta) ins.text(k).text(v).run();
  ins.finish();
}

void write_incidents(sqlite3* db, const SiteModel& model, const LessonsResult& r, int64_t now,
                     const std::vector<size_t>& order) {
  DbInsert inc(db, "incidents", 29);
  DbInsert svc(db, "incident_services", 2);
  DbInsert tag(db, "incident_tags", 2);
  DbInsert trg(db, "incident_triggers", 2);
  DbInsert alr(db, "incident_alerts", 2);
  DbInsert fac(db, "contributing_factors", 3);
  DbInsert act(db, "action_items", 11);
  DbInsert tl(db, "timeline_events", 7);
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
  }
  for (DbInsert* t : {&inc, &svc, &tag, &trg, &alr, &fac, &act, &tl}) t->finish();
}

void write_runbooks(sqlite3* db, const Config& config, const SiteModel& model, const LessonsResult& r) {
  DbInsert rb(db, "runbooks", 9);
  DbInsert alr(db, "runbook_alerts", 2);
  DbInsert tag(db, "runbook_tags", 2);
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
  for (DbInsert* t : {&rb, &alr, &tag}) t->finish();
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
  DbInsert link(db, "incident_runbooks", 4);
  for (const auto& [inc, rbid, via] : links) link.text(inc).text(rbid).text(via).integer(known.count(rbid) ? 1 : 0).run();
  link.finish();
}

void write_patterns(sqlite3* db, const LessonsResult& r) {
  DbInsert pat(db, "patterns", 23);
  DbInsert mem(db, "pattern_members", 3);
  DbInsert prb(db, "pattern_runbooks", 2);
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
    std::vector<std::string_view> rbs;  // views of the keys, which outlive the inserts
    for (size_t b : p.runbooks) rbs.push_back(r.runbook_keys[b]);
    std::sort(rbs.begin(), rbs.end());
    rbs.erase(std::unique(rbs.begin(), rbs.end()), rbs.end());
    for (std::string_view b : rbs) prb.text(p.id).text(b).run();
  }
  for (DbInsert* t : {&pat, &mem, &prb}) t->finish();
  DbInsert sim(db, "similar_incidents", 4);
  for (size_t i : order_by(r.incident_keys)) {
    if (i >= r.similar.size()) continue;
    for (size_t k = 0; k < r.similar[i].size(); ++k)
      sim.text(r.incident_keys[i]).integer(static_cast<int64_t>(k)).text(r.incident_keys[r.similar[i][k].index])
          .real(r.similar[i][k].score).run();
  }
  sim.finish();
}

/// The connection (SQLiteCpp). Rows go through DbInsert on its raw handle: SQLiteCpp's bind copies
/// every string (SQLITE_TRANSIENT), which was a measurable part of writing lessons.db.
using Db = std::unique_ptr<SQLite::Database>;

/// Applies the fixed settings of lessons.db to a fresh connection. No rollback journal and no syncs:
/// the file is written once into the unpublished output, and a failed build discards it whole.
void configure(SQLite::Database& db) {
  db.exec(fmt::format("PRAGMA page_size={}; PRAGMA encoding='UTF-8'; PRAGMA journal_mode=OFF; "
                      "PRAGMA synchronous=OFF; PRAGMA cache_size=-16384;",
                      kLessonsPageSize));
}

/// The full-text index rows (incident_text), one PIR per statement.
void write_text_index(sqlite3* db, const SiteModel& model, const LessonsResult& r, const std::vector<size_t>& order) {
  DbInsert fts(db, "incident_text", 5, 1);
  for (size_t i : order) {
    const Postmortem& pm = model.postmortems[i];
    fts.text(r.incident_keys[i]).text(pm.doc ? std::string_view(pm.doc->title) : "").text(pm.root_cause_summary);
    fts.own_text(join(pm.contributing_factors, "\n")).text(pm.doc ? std::string_view(pm.doc->md.plain_text) : "").run();
  }
  fts.finish();
}

}  // namespace

bool write_lessons_db(const Config& config, const SiteModel& model, const LessonsResult& result, int64_t now,
                      const std::filesystem::path& file, std::string& error) {
  const std::vector<size_t> order = order_by(result.incident_keys);
  try {
    std::error_code ec;
    if (std::filesystem::exists(file, ec) || ec)
      throw std::runtime_error(ec ? ec.message() : "the file already exists");
    Db db = std::make_unique<SQLite::Database>(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE |
                                                                  SQLite::OPEN_URI);
    configure(*db);
    sqlite3* raw = db->getHandle();
    db->exec(fmt::format("PRAGMA user_version={}", kLessonsSchemaVersion));
    // One connection, one transaction, straight into the file: the build runs this beside the pages
    // on a machine whose cores are already busy, so a second thread and an in-memory copy of the
    // full-text index (copied in afterwards) cost more than they gave.
    SQLite::Transaction tx(*db);
    db->exec(lessons_schema_sql());
    db->exec(lessons_text_index_sql());
    write_meta(raw, config, now);
    write_incidents(raw, model, result, now, order);
    write_runbooks(raw, config, model, result);
    write_patterns(raw, result);
    db->exec(lessons_index_sql());
    write_text_index(raw, model, result, order);
    tx.commit();
    return true;
  } catch (const std::exception& e) {
    error = fmt::format("cannot build {}: {}", kLessonsDbPath, e.what());
    return false;
  }
}

}  // namespace fb
