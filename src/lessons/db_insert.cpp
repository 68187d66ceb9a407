#include "lessons/db_insert.h"

#include "util/time.h"

namespace fb {
namespace {

void put2(std::string& out, unsigned v) {
  out.push_back(static_cast<char>('0' + v / 10));
  out.push_back(static_cast<char>('0' + v % 10));
}

}  // namespace

void append_rfc3339_utc(std::string& out, int64_t epoch) {
  int64_t days = epoch >= 0 ? epoch / 86400 : (epoch - 86399) / 86400;
  int64_t rem = epoch - days * 86400;
  // Civil date from days since 1970-01-01 (H. Hinnant's algorithm, as util/time.cpp).
  int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
  if (y < 0 || y > 9999) {
    out += format_rfc3339_utc(epoch);
    return;
  }
  put2(out, static_cast<unsigned>(y / 100));
  put2(out, static_cast<unsigned>(y % 100));
  out.push_back('-');
  put2(out, m);
  out.push_back('-');
  put2(out, d);
  out.push_back('T');
  put2(out, static_cast<unsigned>(rem / 3600));
  out.push_back(':');
  put2(out, static_cast<unsigned>(rem % 3600 / 60));
  out.push_back(':');
  put2(out, static_cast<unsigned>(rem % 60));
  out.push_back('Z');
}

void exec_sql(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string what = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    throw std::runtime_error(what);
  }
}

DbInsert::DbInsert(sqlite3* db, const char* sql) : db_(db) {
  if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st_, nullptr) != SQLITE_OK)
    throw std::runtime_error(sqlite3_errmsg(db));
  // One buffer per parameter, allocated once: bound buffers must never move.
  buffers_.resize(static_cast<size_t>(sqlite3_bind_parameter_count(st_)) + 1);
}

DbInsert::~DbInsert() { sqlite3_finalize(st_); }

std::string& DbInsert::buffer() {
  if (static_cast<size_t>(col_) >= buffers_.size()) throw std::runtime_error("too many values for the statement");
  return buffers_[static_cast<size_t>(col_)];
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

void DbInsert::check(int rc) {
  if (rc != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db_));
}

void DbInsert::run() {
  if (sqlite3_step(st_) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
  sqlite3_reset(st_);
  col_ = 0;
}

}  // namespace fb
