#pragma once
/// Dates, instants and durations as the domain writes them: RFC 3339 instants, ISO dates,
/// and durations like `5m`, `2h`, `1h30m`, `3d`, `2w` (ISO 8601 `PT1H30M`, `P3D` also accepted).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fb {

/// An instant: seconds since the Unix epoch (UTC) plus the offset it was written with.
struct Timestamp {
  int64_t epoch = 0;          ///< seconds since 1970-01-01T00:00:00Z
  int offset_minutes = 0;     ///< the offset the author wrote (+02:00 -> 120)
  bool has_zone = true;       ///< false when the text had no `Z` or offset (interpreted as UTC)
  bool operator<(const Timestamp& o) const { return epoch < o.epoch; }
  bool operator==(const Timestamp& o) const { return epoch == o.epoch; }
};

/// The strict RFC 3339 date-time and nothing else: full-date "T" HH:MM:SS[.frac] then "Z" or +HH:MM /
/// -HH:MM (T and Z in any case; a leap second only at 23:59:60 UTC). The JSON Schema `date-time` format
/// and parse_timestamp's first try are this one parser. Nullopt for anything else.
std::optional<Timestamp> parse_rfc3339(std::string_view text);

/// Parses `2024-03-04T13:52:00Z`, `2024-03-04T13:52:00+01:00`, `2024-03-04 13:52` (space allowed,
/// seconds and fraction optional). A date alone (`2024-03-04`) is midnight UTC with has_zone=false.
/// Returns nullopt when the text is not such a time.
std::optional<Timestamp> parse_timestamp(std::string_view text);

/// Days since the epoch for a proleptic Gregorian date; nullopt for an invalid date.
std::optional<int64_t> days_from_civil(int y, int m, int d);
/// Parses `YYYY-MM-DD` (or the date part of an RFC 3339 instant) to seconds since the epoch (UTC midnight).
std::optional<int64_t> parse_date(std::string_view text);

/// `2024-03-04T13:52:00Z` (always UTC).
std::string format_rfc3339_utc(int64_t epoch);
/// Writes `YYYY-MM-DDTHH:MM:SSZ` (exactly 20 chars, no terminator) for `epoch` into `out` without
/// allocating; false (nothing written) for a year outside 0..9999, which format_rfc3339_utc handles.
bool put_rfc3339_utc(int64_t epoch, char* out);
/// `2024-03-04`.
std::string format_date(int64_t epoch);
/// `2024-03` (UTC).
std::string format_month(int64_t epoch);

/// Parses a duration (`90s`, `5m`, `2h`, `1h30m`, `3d`, `2w`, `PT1H30M`, `P3D`) to seconds.
std::optional<int64_t> parse_duration(std::string_view text);
/// Compact human form: `45s`, `5m`, `2h 10m`, `3d 4h`.
std::string format_duration(int64_t seconds);

/// The clock used for every time-dependent result. Resolution order: explicit `--now`,
/// then SOURCE_DATE_EPOCH, then the system clock. Returns nullopt (and sets `error`) for a bad value.
std::optional<int64_t> resolve_now(const std::string& now_flag, std::string& error);

}  // namespace fb
