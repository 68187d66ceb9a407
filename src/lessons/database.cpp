#include "lessons/database.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include "util/text.h"
#include "util/time.h"

namespace fb {
namespace {

/// A prepared INSERT bound column by column, then run and reset for the next row.
class Insert {
 public:
  Insert(SQLite::Database& db, const char* sql) : st_(db, sql) {}
  Insert& text(const std::string& v) { return st_.bind(++col_, v), *this; }
  /// NULL for an empty string.
  Insert& opt_text(const std::string& v) { return v.empty() ? null() : text(v); }
  Insert& integer(int64_t v) { return st_.bind(++col_, static_cast<int64_t>(v)), *this; }
  Insert& opt_int(std::optional<int64_t> v) { return v ? integer(*v) : null(); }
  Insert& real(double v) { return st_.bind(++col_, v), *this; }
  Insert& null() { return st_.bind(++col_), *this; }
  Insert& time(std::optional<int64_t> v) { return v ? text(format_rfc3339_utc(*v)) : null(); }
  Insert& date(std::optional<int64_t> v) { return v ? text(format_date(*v)) : null(); }
  void run() {
    st_.exec();
    st_.reset();
    col_ = 0;
  }

 private:
  SQLite::Statement st_;
  int col_ = 0;
};

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

void write_meta(SQLite::Database& db, const Config& config, int64_t now) {
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
  Insert ins(db, "INSERT INTO meta VALUES(?,?)");
  for (const auto& [k, v] : meta) ins.text(k).text(v).run();
}

void write_incidents(SQLite::Database& db, const SiteModel& model, const LessonsResult& r, int64_t now,
                     const std::vector<size_t>& order) {
  Insert inc(db, "INSERT INTO incidents VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  Insert svc(db, "INSERT INTO incident_services VALUES(?,?)");
  Insert tag(db, "INSERT INTO incident_tags VALUES(?,?)");
  Insert trg(db, "INSERT INTO incident_triggers VALUES(?,?)");
  Insert alr(db, "INSERT INTO incident_alerts VALUES(?,?)");
  Insert fac(db, "INSERT INTO contributing_factors VALUES(?,?,?)");
  Insert act(db, "INSERT INTO action_items VALUES(?,?,?,?,?,?,?,?,?,?,?)");
  Insert tl(db, "INSERT INTO timeline_events VALUES(?,?,?,?,?,?,?)");
  Insert fts(db, "INSERT INTO incident_text VALUES(?,?,?,?,?)");
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
    inc.text(id).text(pm.doc ? pm.doc->title : id).text(pm.doc ? pm.doc->path : "").text(pm.doc ? pm.doc->url : "");
    inc.opt_text(pm.severity.id());
    level ? inc.integer(level->rank) : inc.null();
    inc.text(pm.status).opt_text(pm.root_cause_category).opt_text(pm.root_cause_summary);
    inc.opt_text(pm.detection_method).opt_int(pm.users_impacted).opt_text(pm.customer_impact);
    inc.time(at);
    at ? inc.text(format_month(*at)) : inc.null();
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
    fts.text(id).text(pm.doc ? pm.doc->title : "").text(pm.root_cause_summary);
    fts.text(join(pm.contributing_factors, "\n")).text(pm.doc ? pm.doc->md.plain_text : "").run();
  }
}

void write_runbooks(SQLite::Database& db, const Config& config, const SiteModel& model, const LessonsResult& r) {
  Insert rb(db, "INSERT INTO runbooks VALUES(?,?,?,?,?,?,?,?,?)");
  Insert alr(db, "INSERT INTO runbook_alerts VALUES(?,?)");
  Insert tag(db, "INSERT INTO runbook_tags VALUES(?,?)");
  for (size_t k : order_by(r.runbook_keys)) {
    const Runbook& b = model.runbooks[k];
    const std::string& id = r.runbook_keys[k];
    rb.text(id).text(b.doc ? b.doc->title : id).text(b.doc ? b.doc->path : "").text(b.doc ? b.doc->url : "");
    rb.opt_text(b.service).opt_text(b.owner).opt_text(b.severity.id()).date(b.last_reviewed).date(b.review_due(config));
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
  Insert link(db, "INSERT INTO incident_runbooks VALUES(?,?,?,?)");
  for (const auto& [inc, rbid, via] : links) link.text(inc).text(rbid).text(via).integer(known.count(rbid) ? 1 : 0).run();
}

void write_patterns(SQLite::Database& db, const LessonsResult& r) {
  Insert pat(db, "INSERT INTO patterns VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  Insert mem(db, "INSERT INTO pattern_members VALUES(?,?,?)");
  Insert prb(db, "INSERT INTO pattern_runbooks VALUES(?,?)");
  std::vector<std::string> ids;
  for (const auto& p : r.patterns) ids.push_back(p.id);
  for (size_t k : order_by(ids)) {
    const Pattern& p = r.patterns[k];
    pat.text(p.id).text(pattern_kind_name(p.kind)).integer(static_cast<int64_t>(k)).text(p.title).text(p.why);
    pat.real(p.strength).text(p.strength_note).opt_text(join(p.services, ", ")).opt_text(p.category);
    pat.opt_text(join(p.terms, ", ")).opt_text(join(p.categories, ", "));
    if (p.items.size() == 2) pat.text(p.items[0]).text(p.items[1]).integer(static_cast<int64_t>(p.support)).real(p.lift).real(p.confidence);
    else pat.null().null().null().null().null();
    pat.opt_text(p.gap).opt_text(p.subject).opt_text(p.basis).date(p.fixed_at).time(p.first_seen).time(p.last_seen);
    pat.integer(static_cast<int64_t>(p.members.size())).run();
    for (size_t m = 0; m < p.members.size(); ++m) mem.text(p.id).integer(static_cast<int64_t>(m)).text(r.incident_keys[p.members[m]]).run();
    std::vector<std::string> rbs;
    for (size_t b : p.runbooks) rbs.push_back(r.runbook_keys[b]);
    for (const auto& b : sorted_unique(rbs)) prb.text(p.id).text(b).run();
  }
  Insert sim(db, "INSERT INTO similar_incidents VALUES(?,?,?,?)");
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
  try {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    // No rollback journal: on any failure the whole in-memory database is discarded.
    db.exec("PRAGMA page_size=4096; PRAGMA encoding='UTF-8'; PRAGMA journal_mode=OFF;");
    db.exec(fmt::format("PRAGMA user_version={}", kLessonsSchemaVersion));
    SQLite::Transaction tx(db);
    db.exec(lessons_schema_sql());
    write_meta(db, config, now);
    write_incidents(db, model, result, now, order_by(result.incident_keys));
    write_runbooks(db, config, model, result);
    write_patterns(db, result);
    db.exec(lessons_index_sql());
    tx.commit();
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(db.getHandle(), "main", &size, 0);
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
