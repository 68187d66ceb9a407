#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "util/time.h"

using namespace fb;

TEST_CASE("durations parse in the short and ISO forms") {
  CHECK(parse_duration("90s") == 90);
  CHECK(parse_duration("5m") == 300);
  CHECK(parse_duration("2h") == 7200);
  CHECK(parse_duration("1h30m") == 5400);
  CHECK(parse_duration("1h 30m") == 5400);
  CHECK(parse_duration("3d") == 3 * 86400);
  CHECK(parse_duration("2w") == 14 * 86400);
  CHECK(parse_duration("PT1H30M") == 5400);
  CHECK(parse_duration("P3D") == 3 * 86400);
  CHECK(parse_duration("P1DT2H") == 86400 + 7200);
  CHECK_FALSE(parse_duration(""));
  CHECK_FALSE(parse_duration("5"));
  CHECK_FALSE(parse_duration("five minutes"));
  CHECK_FALSE(parse_duration("5y"));
  CHECK_FALSE(parse_duration("P1M"));  // months have no fixed length
}

TEST_CASE("durations format compactly") {
  CHECK(format_duration(45) == "45s");
  CHECK(format_duration(300) == "5m");
  CHECK(format_duration(7800) == "2h 10m");
  CHECK(format_duration(7200) == "2h");
  CHECK(format_duration(3 * 86400 + 4 * 3600) == "3d 4h");
}

TEST_CASE("RFC 3339 instants parse with zones and offsets") {
  auto t = parse_timestamp("2026-03-04T13:52:00Z");
  REQUIRE(t);
  CHECK(t->has_zone);
  CHECK(format_rfc3339_utc(t->epoch) == "2026-03-04T13:52:00Z");
  auto o = parse_timestamp("2026-03-04T14:52:00+01:00");
  REQUIRE(o);
  CHECK(o->epoch == t->epoch);
  CHECK(o->offset_minutes == 60);
  auto neg = parse_timestamp("2026-03-04T08:52:00-05:00");
  REQUIRE(neg);
  CHECK(neg->epoch == t->epoch);
  auto frac = parse_timestamp("2026-03-04T13:52:00.250Z");
  REQUIRE(frac);
  CHECK(frac->epoch == t->epoch);
}

TEST_CASE("instants without a zone are flagged and read as UTC") {
  auto t = parse_timestamp("2026-03-04 13:52");
  REQUIRE(t);
  CHECK_FALSE(t->has_zone);
  CHECK(format_rfc3339_utc(t->epoch) == "2026-03-04T13:52:00Z");
  auto d = parse_timestamp("2026-03-04");
  REQUIRE(d);
  CHECK_FALSE(d->has_zone);
}

TEST_CASE("invalid instants are rejected") {
  CHECK_FALSE(parse_timestamp("2026-02-30T00:00:00Z"));
  CHECK_FALSE(parse_timestamp("2026-03-04T25:00:00Z"));
  CHECK_FALSE(parse_timestamp("yesterday"));
  CHECK_FALSE(parse_timestamp("2026-03-04T13:52:00Q"));
  CHECK(parse_timestamp("2024-02-29T00:00:00Z"));  // leap day
  CHECK_FALSE(parse_timestamp("2023-02-29T00:00:00Z"));
}

TEST_CASE("resolve_now prefers --now, then SOURCE_DATE_EPOCH") {
  std::string err;
  auto n = resolve_now("2026-11-23T00:00:00Z", err);
  REQUIRE(n);
  CHECK(format_rfc3339_utc(*n) == "2026-11-23T00:00:00Z");
  CHECK_FALSE(resolve_now("not a time", err));
  CHECK(err.find("--now") != std::string::npos);
  setenv("SOURCE_DATE_EPOCH", "86400", 1);
  auto s = resolve_now("", err);
  unsetenv("SOURCE_DATE_EPOCH");
  REQUIRE(s);
  CHECK(*s == 86400);
}

namespace {
/// The civil time of `t` by the standard library's calendar (an implementation independent of ours).
std::string reference_rfc3339(int64_t t) {
  using namespace std::chrono;
  sys_seconds tp{seconds{t}};
  auto day = floor<days>(tp);
  year_month_day ymd{day};
  hh_mm_ss hms{tp - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}
}  // namespace

TEST_CASE("RFC 3339, date and month formatting agree with the standard calendar over four centuries") {
  // Step by a prime number of seconds so every field (leap days, month ends, seconds) is hit.
  for (int64_t t = -2208988800LL * 2; t < 4102444800LL * 2; t += 86400 * 3 + 3671) {
    std::string ref = reference_rfc3339(t);
    REQUIRE(fb::format_rfc3339_utc(t) == ref);
    char buf[20];
    REQUIRE(fb::put_rfc3339_utc(t, buf));
    REQUIRE(std::string(buf, 20) == ref);
    REQUIRE(fb::format_date(t) == ref.substr(0, 10));
    REQUIRE(fb::format_month(t) == ref.substr(0, 7));
  }
  for (int64_t t : {int64_t{0}, int64_t{-1}, int64_t{951782400}, int64_t{-62167219200}, int64_t{253402300799}})
    CHECK(fb::format_rfc3339_utc(t) == reference_rfc3339(t));
  CHECK(fb::format_rfc3339_utc(951782400) == "2000-02-29T00:00:00Z");
}

TEST_CASE("years outside 0-9999: put_rfc3339_utc refuses, format_rfc3339_utc still writes them") {
  char buf[20];
  CHECK_FALSE(fb::put_rfc3339_utc(int64_t{253402300800}, buf));  // year 10000
  CHECK_FALSE(fb::put_rfc3339_utc(int64_t{-62167219201}, buf));  // year -1
  CHECK(fb::format_rfc3339_utc(int64_t{253402300800}) == "10000-01-01T00:00:00Z");
}

TEST_CASE("parse_rfc3339 is strict RFC 3339 (the schema's date-time format and parse_timestamp's first try)") {
  auto t = fb::parse_rfc3339("2026-03-04T14:52:00.5+01:00");
  REQUIRE(t);
  CHECK(t->epoch == fb::parse_rfc3339("2026-03-04T13:52:00Z")->epoch);
  CHECK(t->offset_minutes == 60);
  CHECK(fb::parse_rfc3339("2016-12-31T23:59:60Z"));        // a real leap second
  CHECK_FALSE(fb::parse_rfc3339("2016-12-31T12:59:60Z"));  // not at 23:59 UTC
  for (const char* bad : {"2026-03-04 13:52:00Z", "2026-03-04T13:52Z", "2026-03-04T13:52:00", "2026-02-30T00:00:00Z",
                          "2026-03-04T13:52:00+0100", "2026-03-04T24:00:00Z", "2026-03-04T13:52:00.Z"}) {
    CHECK_FALSE_MESSAGE(fb::parse_rfc3339(bad), bad);
  }
  CHECK(fb::parse_rfc3339("2026-03-04t13:52:00z"));
  CHECK(fb::parse_timestamp("2026-03-04 13:52")->has_zone == false);  // the lenient forms stay parse_timestamp's
}
