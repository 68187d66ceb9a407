#include "render/present.h"

#include <array>

#include <fmt/format.h>

#include "util/time.h"

namespace fb {

std::string format_time_utc(int64_t epoch) {
  char buf[24];
  if (!put_rfc3339_utc(epoch, buf)) {
    std::string iso = format_rfc3339_utc(epoch);  // 2026-03-04T13:52:00Z
    return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
  }
  buf[10] = ' ';
  buf[16] = ' ';
  buf[17] = 'U';
  buf[18] = 'T';
  buf[19] = 'C';
  return std::string(buf, 20);
}

std::string format_count(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string url_encode_path(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  static constexpr auto kKeep = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c)
      t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
             c == '.' || c == '~' || c == '/';
    return t;
  }();
  std::string out;
  out.reserve(path.size());
  size_t i = 0;
  while (i < path.size()) {
    size_t run = i;  // copy each run of unreserved bytes at once
    while (run < path.size() && kKeep[static_cast<unsigned char>(path[run])]) ++run;
    out.append(path, i, run - i);
    if (run == path.size()) break;
    unsigned char c = static_cast<unsigned char>(path[run]);
    const char esc[3] = {'%', kHex[c >> 4], kHex[c & 15]};
    out.append(esc, 3);
    i = run + 1;
  }
  return out;
}

std::string absolute_url(std::string_view base_url, std::string_view site_path) {
  if (base_url.empty()) return {};
  std::string out(base_url);
  if (out.back() != '/') out += '/';
  while (!site_path.empty() && site_path.front() == '/') site_path.remove_prefix(1);
  out += site_path;
  return out;
}

ReviewState review_state(const Runbook& rb, const Config& config, int64_t now) {
  ReviewState r;
  if (rb.last_reviewed) r.last_reviewed = format_date(*rb.last_reviewed);
  auto due = rb.review_due(config);
  if (!due) {
    r.state = "never";
    r.note = "never reviewed";
    return r;
  }
  const char* basis = rb.last_reviewed ? "" : " (from last change)";
  r.due = format_date(*due);
  r.due_epoch = *due;
  int64_t days = (*due - now) / 86400;
  if (*due < now) {
    int64_t late = (now - *due + 86399) / 86400;
    r.state = "overdue";
    r.note = fmt::format("review overdue by {} day{}{}", late, late == 1 ? "" : "s", basis);
  } else if (days < kReviewSoonDays) {
    r.state = "due-soon";
    r.note = fmt::format("{}{}", days == 0 ? "review due today" : fmt::format("review due in {} day{}", days, days == 1 ? "" : "s"),
                         basis);
  } else {
    r.state = "ok";
    r.note = fmt::format("next review in {} days{}", days, basis);
  }
  return r;
}

}  // namespace fb
