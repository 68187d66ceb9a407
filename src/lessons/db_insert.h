#pragma once
/// Low-overhead row insertion for lessons.db: prepared statements on the raw SQLite API that bind
/// strings without copying them (SQLITE_STATIC), and allocation-free UTC time formatting. Used only
/// by lessons/database.cpp; separate so the formatting can be tested against util/time.h.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>

namespace fb {

/// Writes `epoch` as RFC 3339 UTC ("2026-03-04T13:52:00Z", 20 bytes) into `out`; identical to
/// format_rfc3339_utc for years 0..9999 (other years fall back to it).
void append_rfc3339_utc(std::string& out, int64_t epoch);

/// Runs `sql` (one or more statements) on `db`; throws std::runtime_error with SQLite's message.
void exec_sql(sqlite3* db, const char* sql);

/// One prepared INSERT, bound column by column, then run and reset for the next row. Bound strings
/// are not copied: a `text(const std::string&)` argument must stay alive and unchanged until
/// `run()`. Values made for the row (times, joined lists) go through `own_*`, which keep them in a
/// per-column buffer of this object.
class DbInsert {
 public:
  /// Prepares `sql` on `db` (persistent statement); throws std::runtime_error on failure.
  DbInsert(sqlite3* db, const char* sql);
  ~DbInsert();
  DbInsert(const DbInsert&) = delete;
  DbInsert& operator=(const DbInsert&) = delete;

  /// Binds text that outlives run() (no copy).
  DbInsert& text(std::string_view v) {
    check(sqlite3_bind_text(st_, ++col_, v.empty() ? "" : v.data(), static_cast<int>(v.size()), SQLITE_STATIC));
    return *this;
  }
  /// Binds a NUL-terminated string that outlives run() (a literal, a static name).
  DbInsert& text(const char* v) { return text(std::string_view(v)); }
  /// Text of a temporary would dangle: use own_text().
  DbInsert& text(std::string&&) = delete;
  /// Binds NULL for an empty string, else the text (no copy).
  DbInsert& opt_text(std::string_view v) { return v.empty() ? null() : text(v); }
  /// opt_text() of a NUL-terminated string that outlives run().
  DbInsert& opt_text(const char* v) { return opt_text(std::string_view(v)); }
  /// Text of a temporary would dangle: use own_opt_text().
  DbInsert& opt_text(std::string&&) = delete;
  /// Binds a value made for this row: it is kept in this column's buffer until the next row.
  DbInsert& own_text(std::string v);
  /// own_text(), or NULL for an empty string.
  DbInsert& own_opt_text(std::string v) { return v.empty() ? null() : own_text(std::move(v)); }
  /// Binds an integer.
  DbInsert& integer(int64_t v) {
    check(sqlite3_bind_int64(st_, ++col_, v));
    return *this;
  }
  /// Binds an integer, or NULL.
  DbInsert& opt_int(std::optional<int64_t> v) { return v ? integer(*v) : null(); }
  /// Binds a floating-point value.
  DbInsert& real(double v) {
    check(sqlite3_bind_double(st_, ++col_, v));
    return *this;
  }
  /// Binds NULL.
  DbInsert& null() {
    check(sqlite3_bind_null(st_, ++col_));
    return *this;
  }
  /// Binds an RFC 3339 UTC time, or NULL.
  DbInsert& time(std::optional<int64_t> v) { return v ? formatted(*v, 20) : null(); }
  /// Binds a date (YYYY-MM-DD, UTC), or NULL.
  DbInsert& date(std::optional<int64_t> v) { return v ? formatted(*v, 10) : null(); }
  /// Binds a month (YYYY-MM, UTC), or NULL.
  DbInsert& month(std::optional<int64_t> v) { return v ? formatted(*v, 7) : null(); }
  /// Inserts the bound row and resets for the next one; throws std::runtime_error on failure.
  void run();

 private:
  DbInsert& formatted(int64_t epoch, size_t length);
  std::string& buffer();
  void check(int rc);

  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
  int col_ = 0;
  std::vector<std::string> buffers_;
};

}  // namespace fb
