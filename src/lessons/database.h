#pragma once
/// The lessons-learned database: `lessons.db`, an SQLite file written into the output by every
/// build so teams can answer their own questions with `sqlite3`. Schema in docs/lessons-db.md.
/// Written straight into its file in the unpublished output directory (so it is published atomically
/// like every other output file, without a copy of the database in memory), by one connection in one
/// transaction: the tables, their indexes, then the full-text index. Deterministic: fixed page size,
/// no build timestamps, rows inserted in primary-key order; identical input (including `now`) gives
/// identical bytes.
#include <cstdint>
#include <filesystem>
#include <string>

#include "config/config.h"
#include "lessons/lessons.h"
#include "model/model.h"

namespace fb {

/// Schema version, stored in `PRAGMA user_version`. Bumped on every incompatible schema change.
inline constexpr int kLessonsSchemaVersion = 1;

/// Page size of lessons.db in bytes.
inline constexpr int kLessonsPageSize = 16384;

/// Output path of the database, relative to the output directory.
inline constexpr const char* kLessonsDbPath = "lessons.db";

/// The CREATE TABLE statements of the schema (one string, `;`-separated), as documented, apart from
/// the full-text index (lessons_text_index_sql()).
const char* lessons_schema_sql();
/// The CREATE VIRTUAL TABLE statement of the full-text index `incident_text` (FTS5).
const char* lessons_text_index_sql();
/// The CREATE INDEX statements, run after the rows are in (one sort per index instead of an insert
/// into it per row).
const char* lessons_index_sql();

/// Builds the database for `model` and its lessons `result` into the new file `file`, which must not
/// exist yet. Returns false and sets `error` when it exists or SQLite fails (disk full, out of memory);
/// `file` may then hold a partial database, which the caller discards.
bool write_lessons_db(const Config& config, const SiteModel& model, const LessonsResult& result, int64_t now,
                      const std::filesystem::path& file, std::string& error);

}  // namespace fb
