#include "util/time.h"

#include <chrono>
#include <cstdlib>

#include <fmt/format.h>

namespace fb {
namespace {

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

void civil_from_days(int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yy + (m <= 2));
}

}  // namespace

std::optional<int64_t> days_from_civil(int y, int m, int d) {
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return std::nullopt;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int maxd = mdays[m - 1] + (m == 2 && leap ? 1 : 0);
  if (d > maxd) return std::nullopt;
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::optional<int64_t> parse_date(std::string_view s) {
  int y, m, d;
  if (s.size() < 10 || !digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, m) || s[7] != '-' ||
      !digits(s, 8, 2, d))
    return std::nullopt;
  auto days = days_from_civil(y, m, d);
  if (!days) return std::nullopt;
  return *days * 86400;
}

namespace {
bool two_digits_at(std::string_view s, size_t at, int max, int& out) {
  if (at + 2 > s.size() || s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9') return false;
  out = (s[at] - '0') * 10 + (s[at + 1] - '0');
  return out <= max;
}
}  // namespace

std::optional<Timestamp> parse_rfc3339(std::string_view s) {
  if (s.size() < 20 || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  if (s[4] != '-' || s[7] != '-') return std::nullopt;
  auto days = days_from_civil((s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'),
                              (s[5] - '0') * 10 + (s[6] - '0'), (s[8] - '0') * 10 + (s[9] - '0'));
  if (!days) return std::nullopt;
  int h, mi, se;
  if (!two_digits_at(s, 11, 23, h) || !two_digits_at(s, 14, 59, mi) || !two_digits_at(s, 17, 60, se)) return std::nullopt;
  size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    size_t start = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return std::nullopt;
  }
  int off = 0;
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    ++i;
  } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    int oh, om;
    if (i + 6 != s.size() || s[i + 3] != ':' || !two_digits_at(s, i + 1, 23, oh) || !two_digits_at(s, i + 4, 59, om))
      return std::nullopt;
    off = (oh * 60 + om) * (s[i] == '-' ? -1 : 1);
    i += 6;
  } else {
    return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  if (se == 60) {  // a leap second only exists at 23:59:60 UTC
    int utc = ((h * 60 + mi - off) % 1440 + 1440) % 1440;
    if (utc != 23 * 60 + 59) return std::nullopt;
  }
  Timestamp t;
  t.epoch = *days * 86400 + h * 3600 + mi * 60 + se - static_cast<int64_t>(off) * 60;
  t.offset_minutes = off;
  return t;
}

std::optional<Timestamp> parse_timestamp(std::string_view s) {
  if (auto strict = parse_rfc3339(s)) return strict;  // what authors write; the rest are the lenient forms
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  auto date = parse_date(s);
  if (!date) return std::nullopt;
  Timestamp t;
  t.epoch = *date;
  if (s.size() == 10) {
    t.has_zone = false;
    return t;
  }
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
  int hh, mm, ss = 0;
  size_t p = 11;
  if (!digits(s, p, 2, hh) || p + 2 >= s.size() || s[p + 2] != ':' || !digits(s, p + 3, 2, mm))
    return std::nullopt;
  p += 5;
  if (p < s.size() && s[p] == ':') {
    if (!digits(s, p + 1, 2, ss)) return std::nullopt;
    p += 3;
    if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
      ++p;
      size_t start = p;
      while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p;
      if (p == start) return std::nullopt;
    }
  }
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  t.epoch += hh * 3600 + mm * 60 + ss;
  if (p < s.size() && s[p] == ' ') ++p;
  if (p == s.size()) {
    t.has_zone = false;
    return t;
  }
  if ((s[p] == 'Z' || s[p] == 'z') && p + 1 == s.size()) {
    t.offset_minutes = 0;
    return t;
  }
  if (s[p] == '+' || s[p] == '-') {
    int oh, om = 0;
    if (!digits(s, p + 1, 2, oh)) return std::nullopt;
    size_t q = p + 3;
    if (q < s.size() && s[q] == ':') ++q;
    if (q < s.size()) {
      if (!digits(s, q, 2, om)) return std::nullopt;
      q += 2;
    }
    if (q != s.size() || oh > 23 || om > 59) return std::nullopt;
    int off = oh * 60 + om;
    if (s[p] == '-') off = -off;
    t.offset_minutes = off;
    t.epoch -= static_cast<int64_t>(off) * 60;
    return t;
  }
  return std::nullopt;
}

bool put_rfc3339_utc(int64_t epoch, char* out) {
  int64_t days = epoch >= 0 ? epoch / 86400 : (epoch - 86399) / 86400;
  int64_t rem = epoch - days * 86400;
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  if (y < 0 || y > 9999) return false;
  auto two = [](char* p, unsigned v) {
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
  };
  two(out, static_cast<unsigned>(y / 100));
  two(out + 2, static_cast<unsigned>(y % 100));
  out[4] = '-';
  two(out + 5, m);
  out[7] = '-';
  two(out + 8, d);
  out[10] = 'T';
  two(out + 11, static_cast<unsigned>(rem / 3600));
  out[13] = ':';
  two(out + 14, static_cast<unsigned>(rem % 3600 / 60));
  out[16] = ':';
  two(out + 17, static_cast<unsigned>(rem % 60));
  out[19] = 'Z';
  return true;
}

std::string format_rfc3339_utc(int64_t epoch) {
  char buf[20];
  if (put_rfc3339_utc(epoch, buf)) return std::string(buf, 20);  // years 0..9999, without fmt
  int64_t days = epoch >= 0 ? epoch / 86400 : (epoch - 86399) / 86400;
  int64_t rem = epoch - days * 86400;
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", y, m, d, rem / 3600, (rem % 3600) / 60,
                     rem % 60);
}

std::string format_date(int64_t epoch) {
  char buf[20];
  if (put_rfc3339_utc(epoch, buf)) return std::string(buf, 10);
  return format_rfc3339_utc(epoch).substr(0, 10);
}
std::string format_month(int64_t epoch) { return format_rfc3339_utc(epoch).substr(0, 7); }

std::optional<int64_t> parse_duration(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  int64_t total = 0;
  bool iso = false, in_time = false;
  size_t p = 0;
  if (s[0] == 'P' || s[0] == 'p') {
    iso = true;
    p = 1;
  }
  bool any = false;
  while (p < s.size()) {
    if (iso && (s[p] == 'T' || s[p] == 't')) {
      in_time = true;
      ++p;
      continue;
    }
    if (s[p] == ' ') { ++p; continue; }
    size_t start = p;
    int64_t v = 0;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
      v = v * 10 + (s[p] - '0');
      if (v > 1000000000) return std::nullopt;
      ++p;
    }
    if (p == start || p >= s.size()) return std::nullopt;
    char u = s[p++];
    if (u >= 'A' && u <= 'Z') u = static_cast<char>(u - 'A' + 'a');
    int64_t mult;
    switch (u) {
      case 's': mult = 1; break;
      case 'm': mult = (iso && !in_time) ? -1 : 60; break;
      case 'h': mult = 3600; break;
      case 'd': mult = 86400; break;
      case 'w': mult = 7 * 86400; break;
      default: return std::nullopt;
    }
    if (mult < 0) return std::nullopt;  // ISO months are not a fixed length
    if (iso && in_time && (u == 'd' || u == 'w')) return std::nullopt;
    total += v * mult;
    any = true;
  }
  if (!any) return std::nullopt;
  return total;
}

std::string format_duration(int64_t s) {
  if (s < 0) {
    std::string out = "-";  // (not "-" + string: GCC 12 -O3 warns falsely, -Wrestrict)
    out += format_duration(-s);
    return out;
  }
  if (s < 60) return fmt::format("{}s", s);
  int64_t d = s / 86400, h = (s % 86400) / 3600, m = (s % 3600) / 60;
  if (d > 0) return h ? fmt::format("{}d {}h", d, h) : fmt::format("{}d", d);
  if (h > 0) return m ? fmt::format("{}h {}m", h, m) : fmt::format("{}h", h);
  return fmt::format("{}m", m);
}

std::optional<int64_t> resolve_now(const std::string& now_flag, std::string& error) {
  if (!now_flag.empty()) {
    auto t = parse_timestamp(now_flag);
    if (!t) {
      error = fmt::format("--now '{}' is not an RFC 3339 time (e.g. 2026-01-31T12:00:00Z)", now_flag);
      return std::nullopt;
    }
    return t->epoch;
  }
  if (const char* sde = std::getenv("SOURCE_DATE_EPOCH"); sde && *sde) {
    char* end = nullptr;
    long long v = std::strtoll(sde, &end, 10);
    if (!end || *end != '\0') {
      error = fmt::format("SOURCE_DATE_EPOCH '{}' is not a whole number of seconds", sde);
      return std::nullopt;
    }
    return static_cast<int64_t>(v);
  }
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace fb
