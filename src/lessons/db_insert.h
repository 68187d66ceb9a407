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

/// Rows for one table, inserted several per statement (`INSERT INTO t VALUES(...),(...),...`) so
/// SQLite's per-statement work is paid once per batch. Values are collected column by column; a
/// row ends with `run()`, and `finish()` writes the rows still pending. Strings are not copied: a
/// `text()` argument must stay alive and unchanged until finish() (or the end of its batch). Values
/// made for the row (times, joined lists) go through `own_*`, which keep them in a buffer per slot.
class DbInsert {
 public:
  /// Prepares inserts into `table` of `columns` values per row, `batch` rows per statement; throws
  /// std::runtime_error on failure.
  DbInsert(sqlite3* db, const char* table, int columns, int batch = 16);
  /// Discards pending rows (finish() writes them).
  ~DbInsert();
  DbInsert(const DbInsert&) = delete;
  DbInsert& operator=(const DbInsert&) = delete;

  /// Text that outlives finish() (no copy).
  DbInsert& text(std::string_view v) { return put(Value{Value::Text, 0, 0, v}); }
  /// A NUL-terminated string that outlives finish() (a literal, a static name).
  DbInsert& text(const char* v) { return text(std::string_view(v)); }
  /// Text of a temporary would dangle: use own_text().
  DbInsert& text(std::string&&) = delete;
  /// NULL for an empty string, else the text (no copy).
  DbInsert& opt_text(std::string_view v) { return v.empty() ? null() : text(v); }
  /// opt_text() of a NUL-terminated string that outlives finish().
  DbInsert& opt_text(const char* v) { return opt_text(std::string_view(v)); }
  /// Text of a temporary would dangle: use own_opt_text().
  DbInsert& opt_text(std::string&&) = delete;
  /// A value made for this row: kept in this slot's buffer until it is written.
  DbInsert& own_text(std::string v);
  /// own_text(), or NULL for an empty string.
  DbInsert& own_opt_text(std::string v) { return v.empty() ? null() : own_text(std::move(v)); }
  /// An integer.
  DbInsert& integer(int64_t v) { return put(Value{Value::Int, v, 0, {}}); }
  /// An integer, or NULL.
  DbInsert& opt_int(std::optional<int64_t> v) { return v ? integer(*v) : null(); }
  /// A floating-point value.
  DbInsert& real(double v) { return put(Value{Value::Real, 0, v, {}}); }
  /// NULL.
  DbInsert& null() { return put(Value{}); }
  /// An RFC 3339 UTC time, or NULL.
  DbInsert& time(std::optional<int64_t> v) { return v ? formatted(*v, 20) : null(); }
  /// A date (YYYY-MM-DD, UTC), or NULL.
  DbInsert& date(std::optional<int64_t> v) { return v ? formatted(*v, 10) : null(); }
  /// A month (YYYY-MM, UTC), or NULL.
  DbInsert& month(std::optional<int64_t> v) { return v ? formatted(*v, 7) : null(); }
  /// Ends the row; a full batch is inserted. Throws std::runtime_error on failure.
  void run();
  /// Inserts the pending rows. Throws std::runtime_error on failure.
  void finish();

 private:
  struct Value {
    enum Kind { Null, Int, Real, Text } kind = Null;
    int64_t i = 0;
    double d = 0;
    std::string_view s;
  };
  DbInsert& put(const Value& v) {
    size_t slot = static_cast<size_t>(row_ * columns_ + col_++);
    if (slot >= values_.size() || col_ > columns_) throw std::runtime_error("too many values for the row");
    values_[slot] = v;
    return *this;
  }
  DbInsert& formatted(int64_t epoch, size_t length);
  std::string& buffer();
  /// Binds rows [first, first + rows) to `st` and steps it once.
  void write(sqlite3_stmt* st, int first, int rows);

  sqlite3* db_;
  sqlite3_stmt* batch_st_ = nullptr;
  sqlite3_stmt* single_st_ = nullptr;
  int columns_ = 0, batch_ = 1, row_ = 0, col_ = 0;
  std::vector<Value> values_;
  std::vector<std::string> buffers_;
};

}  // namespace fb
