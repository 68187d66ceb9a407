#include "lessons/db_insert.h"

#include <algorithm>

#include "util/time.h"

namespace fb {
namespace {

}  // namespace

void append_rfc3339_utc(std::string& out, int64_t epoch) {
  char buf[20];
  if (put_rfc3339_utc(epoch, buf)) out.append(buf, 20);
  else out += format_rfc3339_utc(epoch);
}

void exec_sql(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string what = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    throw std::runtime_error(what);
  }
}

namespace {

sqlite3_stmt* prepare_insert(sqlite3* db, const char* table, int columns, int rows) {
  std::string row = "(";
  for (int c = 0; c < columns; ++c) row += c ? ",?" : "?";
  row += ")";
  std::string sql = std::string("INSERT INTO ") + table + " VALUES";
  for (int r = 0; r < rows; ++r) sql += (r ? "," : "") + row;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK)
    throw std::runtime_error(sqlite3_errmsg(db));
  return st;
}

}  // namespace

DbInsert::DbInsert(sqlite3* db, const char* table, int columns, int batch)
    : db_(db), columns_(columns), batch_(std::max(1, batch)) {
  single_st_ = prepare_insert(db, table, columns, 1);
  try {
    batch_st_ = batch_ > 1 ? prepare_insert(db, table, columns, batch_) : nullptr;
  } catch (...) {
    sqlite3_finalize(single_st_);
    throw;
  }
  // Allocated once: bound buffers must never move.
  values_.resize(static_cast<size_t>(columns_ * batch_));
  buffers_.resize(values_.size());
}

DbInsert::~DbInsert() {
  sqlite3_finalize(batch_st_);
  sqlite3_finalize(single_st_);
}

std::string& DbInsert::buffer() {
  size_t slot = static_cast<size_t>(row_ * columns_ + col_);
  if (slot >= buffers_.size() || col_ >= columns_) throw std::runtime_error("too many values for the row");
  return buffers_[slot];
}

DbInsert& DbInsert::own_text(std::string v) {
  std::string& b = buffer();
  b = std::move(v);
  return text(std::string_view(b));
}

DbInsert& DbInsert::formatted(int64_t epoch, size_t length) {
  std::string& b = buffer();
  b.clear();
  append_rfc3339_utc(b, epoch);
  if (b.size() == 20) b.resize(length);  // a date or month is the prefix of the time
  else b = format_rfc3339_utc(epoch).substr(0, length);
  return text(std::string_view(b));
}

void DbInsert::write(sqlite3_stmt* st, int first, int rows) {
  int param = 0;
  for (int r = first; r < first + rows; ++r) {
    for (int c = 0; c < columns_; ++c) {
      const Value& v = values_[static_cast<size_t>(r * columns_ + c)];
      int rc = SQLITE_OK;
      switch (v.kind) {
        case Value::Null: rc = sqlite3_bind_null(st, ++param); break;
        case Value::Int: rc = sqlite3_bind_int64(st, ++param, v.i); break;
        case Value::Real: rc = sqlite3_bind_double(st, ++param, v.d); break;
        case Value::Text:
          rc = sqlite3_bind_text(st, ++param, v.s.empty() ? "" : v.s.data(), static_cast<int>(v.s.size()), SQLITE_STATIC);
          break;
      }
      if (rc != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db_));
    }
  }
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
}

void DbInsert::run() {
  if (col_ != columns_) throw std::runtime_error("a row needs a value for every column");
  col_ = 0;
  if (++row_ < batch_) return;
  write(batch_ > 1 ? batch_st_ : single_st_, 0, batch_);
  row_ = 0;
}

void DbInsert::finish() {
  if (col_ != 0) throw std::runtime_error("an unfinished row");
  for (int r = 0; r < row_; ++r) write(single_st_, r, 1);
  row_ = 0;
}

}  // namespace fb
