// Format assertions of the JSON Schema validator (date, date-time, duration, uri, email).
#include <regex>

#include "schema/json_schema.h"
#include "util/time.h"

namespace fb {
namespace {

bool all_digits(const std::string& s, size_t from, size_t n) {
  if (from + n > s.size()) return false;
  for (size_t i = from; i < from + n; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

int num(const std::string& s, size_t from, size_t n) { return std::stoi(s.substr(from, n)); }

/// RFC 3339 full-date: YYYY-MM-DD, a real calendar day.
bool valid_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!all_digits(s, 0, 4) || !all_digits(s, 5, 2) || !all_digits(s, 8, 2)) return false;
  return days_from_civil(num(s, 0, 4), num(s, 5, 2), num(s, 8, 2)).has_value();
}

/// RFC 3339 date-time: the project's one strict parser (util/time.h).
bool valid_date_time(const std::string& s) { return parse_rfc3339(s).has_value(); }

/// ISO 8601 duration as in RFC 3339 appendix A: P[nY][nM][nD][T[nH][nM][nS]] or PnW.
bool valid_duration(const std::string& s) {
  static const std::regex re(R"(^P(?:(?=\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?|T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?|\d+W)$)",
                             std::regex::ECMAScript | std::regex::optimize);
  return std::regex_match(s, re);
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

/// RFC 3986 absolute URI: a scheme, ':', then only URI characters (percent-escapes well formed).
bool valid_uri(const std::string& s) {
  size_t colon = s.find(':');
  if (colon == std::string::npos || colon == 0) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!alpha(s[0])) return false;
  for (size_t i = 1; i < colon; ++i) {
    char c = s[i];
    if (!alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return false;
  }
  static const std::string allowed = "-._~:/?#[]@!$&'()*+,;=";
  for (size_t i = colon + 1; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size() || !is_hex(s[i + 1]) || !is_hex(s[i + 2])) return false;
      i += 2;
      continue;
    }
    if (alpha(c) || (c >= '0' && c <= '9') || allowed.find(c) != std::string::npos) continue;
    return false;
  }
  // "//" starts an authority; brackets are only allowed around an IP literal host.
  if (s.compare(colon + 1, 2, "//") == 0) {
    size_t start = colon + 3, end = s.find_first_of("/?#", start);
    std::string authority = s.substr(start, end == std::string::npos ? std::string::npos : end - start);
    size_t at = authority.rfind('@');
    std::string host = at == std::string::npos ? authority : authority.substr(at + 1);
    if (host.find('[') != std::string::npos && host.front() != '[') return false;
  } else if (s.find_first_of("[]", colon + 1) != std::string::npos) {
    size_t hash = s.find('#');
    if (s.find_first_of("[]", colon + 1) < hash) return false;
  }
  return true;
}

/// RFC 5321 mailbox: dot-atom or quoted local part, '@', a host name or a bracketed address literal.
bool valid_email(const std::string& s) {
  size_t at = s.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 >= s.size()) return false;
  std::string local = s.substr(0, at), domain = s.substr(at + 1);
  if (local.size() >= 2 && local.front() == '"' && local.back() == '"') {
    for (size_t i = 1; i + 1 < local.size(); ++i)
      if (local[i] == '"' && local[i - 1] != '\\') return false;
  } else {
    static const std::regex atom(R"(^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$)");
    if (!std::regex_match(local, atom)) return false;
  }
  if (domain.front() == '[') {
    static const std::regex ipv4(R"(^\[(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\]$)");
    static const std::regex ipv6(R"(^\[IPv6:[0-9A-Fa-f:.]+\]$)");
    return std::regex_match(domain, ipv4) || std::regex_match(domain, ipv6);
  }
  static const std::regex host(R"(^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$)");
  return std::regex_match(domain, host);
}

}  // namespace

bool format_valid(const std::string& format, const std::string& text) {
  if (format == "date") return valid_date(text);
  if (format == "date-time") return valid_date_time(text);
  if (format == "duration") return valid_duration(text);
  if (format == "uri") return valid_uri(text);
  if (format == "email") return valid_email(text);
  return true;
}

size_t utf8_length(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace fb
