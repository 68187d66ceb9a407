#pragma once
/// Presentation helpers shared by pages, feeds and the JSON API: how times, counts, URLs and the
/// review state of a runbook are shown. Pure functions of their arguments (the clock is passed in).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "model/model.h"

namespace fb {

/// `2026-03-04 13:52 UTC`.
std::string format_time_utc(int64_t epoch);
/// `18,400`.
std::string format_count(int64_t n);
/// Percent-encodes a site-relative path for use in an href: bytes other than unreserved characters
/// and `/` become %XX, so a file name with spaces or `#` still links correctly.
std::string url_encode_path(std::string_view path);
/// `base_url` joined with a site-relative path (exactly one `/` between them); "" when base_url is empty.
std::string absolute_url(std::string_view base_url, std::string_view site_path);

/// Where a runbook stands against its review policy at `now`.
struct ReviewState {
  std::string state;          ///< "overdue" | "due-soon" | "ok" | "never"
  std::string last_reviewed;  ///< `2026-09-14`, "" when never reviewed
  std::string due;            ///< `2026-12-13`, "" when unknown
  std::string note;           ///< "review overdue by 12 days", "review due in 8 days", "next review in 65 days",
                              ///< "never reviewed"
  int64_t due_epoch = 0;      ///< for sorting; 0 when unknown
};
/// Days before the due date from which a review counts as "due soon".
inline constexpr int64_t kReviewSoonDays = 14;
/// The review state of `rb` at `now` using Runbook::review_due(config).
ReviewState review_state(const Runbook& rb, const Config& config, int64_t now);

}  // namespace fb
