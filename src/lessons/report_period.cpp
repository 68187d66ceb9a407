// Named report periods: a calendar quarter, a month or a year, as first and last day.
#include <fmt/format.h>

#include <cctype>

#include "lessons/format.h"
#include "util/time.h"

namespace fb {

std::optional<std::pair<int64_t, int64_t>> parse_period(std::string_view text) {
  auto digits = [&](size_t at, size_t n) {
    if (text.size() < at + n) return false;
    for (size_t i = at; i < at + n; ++i)
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    return true;
  };
  if (!digits(0, 4)) return std::nullopt;
  const int year = std::stoi(std::string(text.substr(0, 4)));
  int first_month = 1, months = 12;
  if (text.size() == 4) {
  } else if (text.size() == 7 && text[4] == '-' && (text[5] == 'Q' || text[5] == 'q') && text[6] >= '1' && text[6] <= '4') {
    first_month = 3 * (text[6] - '1') + 1, months = 3;
  } else if (text.size() == 7 && text[4] == '-' && digits(5, 2)) {
    first_month = std::stoi(std::string(text.substr(5, 2))), months = 1;
    if (first_month < 1 || first_month > 12) return std::nullopt;
  } else {
    return std::nullopt;
  }
  const int end_month = first_month + months;  // the month after the period, 13 = January next year
  auto first = parse_date(fmt::format("{:04}-{:02}-01", year, first_month));
  auto after = parse_date(end_month > 12 ? fmt::format("{:04}-01-01", year + 1) : fmt::format("{:04}-{:02}-01", year, end_month));
  if (!first || !after) return std::nullopt;
  return std::make_pair(*first, *after - 86400);
}

}  // namespace fb
