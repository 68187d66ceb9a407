// The lessons.db schema. Keep docs/lessons-db.md in step with every change, and bump
// kLessonsSchemaVersion when a change is incompatible.
#include "lessons/database.h"

namespace fb {

const char* lessons_schema_sql() {
  return R"sql(
CREATE TABLE meta(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE incidents(
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  path TEXT NOT NULL,
  url TEXT NOT NULL,
  severity TEXT,
  severity_rank INTEGER,
  status TEXT NOT NULL,
  category TEXT,
  summary TEXT,
  detection_method TEXT,
  users_impacted INTEGER,
  customer_impact TEXT,
  occurred_at TEXT,
  month TEXT,
  started_at TEXT,
  detected_at TEXT,
  acknowledged_at TEXT,
  mitigated_at TEXT,
  resolved_at TEXT,
  published_at TEXT,
  time_to_detect INTEGER,
  time_to_acknowledge INTEGER,
  time_to_mitigate INTEGER,
  time_to_resolve INTEGER,
  ack_sla TEXT NOT NULL,
  resolve_sla TEXT NOT NULL,
  pir_due_at TEXT,
  pir_on_time INTEGER,
  recurrence INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE incident_services(
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  service TEXT NOT NULL,
  PRIMARY KEY(incident_id, service)
) WITHOUT ROWID;

CREATE TABLE incident_tags(
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  tag TEXT NOT NULL,
  PRIMARY KEY(incident_id, tag)
) WITHOUT ROWID;

CREATE TABLE incident_triggers(
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  trigger_name TEXT NOT NULL,
  PRIMARY KEY(incident_id, trigger_name)
) WITHOUT ROWID;

CREATE TABLE incident_alerts(
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  alert TEXT NOT NULL,
  PRIMARY KEY(incident_id, alert)
) WITHOUT ROWID;

CREATE TABLE contributing_factors(
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  position INTEGER NOT NULL,
  factor TEXT NOT NULL,
  PRIMARY KEY(incident_id, position)
) WITHOUT ROWID;

CREATE TABLE action_items(
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  position INTEGER NOT NULL,
  id TEXT,
  title TEXT,
  owner TEXT,
  priority TEXT,
  status TEXT NOT NULL,
  due TEXT,
  completed_at TEXT,
  on_time INTEGER,
  overdue INTEGER NOT NULL,
  PRIMARY KEY(incident_id, position)
) WITHOUT ROWID;

CREATE TABLE timeline_events(
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  position INTEGER NOT NULL,
  at TEXT,
  at_written TEXT,
  event TEXT,
  action TEXT,
  actor TEXT,
  PRIMARY KEY(incident_id, position)
) WITHOUT ROWID;

CREATE TABLE runbooks(
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  path TEXT NOT NULL,
  url TEXT NOT NULL,
  service TEXT,
  owner TEXT,
  severity TEXT,
  last_reviewed TEXT,
  review_due TEXT
) WITHOUT ROWID;

CREATE TABLE runbook_alerts(
  runbook_id TEXT NOT NULL REFERENCES runbooks(id),
  alert TEXT NOT NULL,
  PRIMARY KEY(runbook_id, alert)
) WITHOUT ROWID;

CREATE TABLE runbook_tags(
  runbook_id TEXT NOT NULL REFERENCES runbooks(id),
  tag TEXT NOT NULL,
  PRIMARY KEY(runbook_id, tag)
) WITHOUT ROWID;

CREATE TABLE incident_runbooks(
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  runbook_id TEXT NOT NULL,
  via TEXT NOT NULL,
  known INTEGER NOT NULL,
  PRIMARY KEY(incident_id, runbook_id, via)
) WITHOUT ROWID;

CREATE TABLE patterns(
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  rank INTEGER NOT NULL,
  title TEXT NOT NULL,
  why TEXT NOT NULL,
  strength REAL NOT NULL,
  strength_note TEXT NOT NULL,
  services TEXT,
  category TEXT,
  terms TEXT,
  categories TEXT,
  item_a TEXT,
  item_b TEXT,
  support INTEGER,
  lift REAL,
  confidence REAL,
  gap TEXT,
  subject TEXT,
  basis TEXT,
  fixed_at TEXT,
  first_seen TEXT,
  last_seen TEXT,
  member_count INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE pattern_members(
  pattern_id TEXT NOT NULL REFERENCES patterns(id),
  position INTEGER NOT NULL,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  PRIMARY KEY(pattern_id, position)
) WITHOUT ROWID;

CREATE TABLE pattern_runbooks(
  pattern_id TEXT NOT NULL REFERENCES patterns(id),
  runbook_id TEXT NOT NULL REFERENCES runbooks(id),
  PRIMARY KEY(pattern_id, runbook_id)
) WITHOUT ROWID;

CREATE TABLE similar_incidents(
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  rank INTEGER NOT NULL,
  similar_id TEXT NOT NULL REFERENCES incidents(id),
  score REAL NOT NULL,
  PRIMARY KEY(incident_id, rank)
) WITHOUT ROWID;

)sql";
}

const char* lessons_text_index_sql() {
  return R"sql(
CREATE VIRTUAL TABLE incident_text USING fts5(
  incident_id UNINDEXED,
  title,
  root_cause,
  contributing_factors,
  body,
  tokenize = 'porter unicode61'
);
)sql";
}

const char* lessons_index_sql() {
  return R"sql(
CREATE INDEX incident_services_by_service ON incident_services(service);
CREATE INDEX incident_tags_by_tag ON incident_tags(tag);
CREATE INDEX incident_alerts_by_alert ON incident_alerts(alert);
CREATE INDEX runbook_alerts_by_alert ON runbook_alerts(alert);
CREATE INDEX incident_runbooks_by_runbook ON incident_runbooks(runbook_id);
CREATE INDEX pattern_members_by_incident ON pattern_members(incident_id);
)sql";
}

}  // namespace fb
