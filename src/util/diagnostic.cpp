#include "util/diagnostic.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

namespace fb {

const char* level_name(Level level) {
  switch (level) {
    case Level::Error: return "error";
    case Level::Warning: return "warning";
    case Level::Info: return "info";
    case Level::Off: return "off";
  }
  return "error";
}

bool parse_level(const std::string& text, Level& out) {
  if (text == "error") out = Level::Error;
  else if (text == "warning") out = Level::Warning;
  else if (text == "info") out = Level::Info;
  else if (text == "off") out = Level::Off;
  else return false;
  return true;
}

void Diagnostics::add(std::string code, Level level, std::string file, SourcePos pos,
                      std::string message, std::string hint) {
  items.push_back(Diagnostic{std::move(code), level, std::move(file), pos.line, pos.col,
                             std::move(message), std::move(hint)});
}

void Diagnostics::merge(const Diagnostics& other) {
  items.insert(items.end(), other.items.begin(), other.items.end());
}

size_t Diagnostics::count(Level level) const {
  return static_cast<size_t>(
      std::count_if(items.begin(), items.end(), [&](const Diagnostic& d) { return d.level == level; }));
}

void Diagnostics::sort() {
  std::stable_sort(items.begin(), items.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.col, a.code, a.message) <
           std::tie(b.file, b.line, b.col, b.code, b.message);
  });
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string place = d.file;
  if (d.line > 0) place += fmt::format(":{}:{}", d.line, d.col > 0 ? d.col : 1);
  return fmt::format("{}: {}[{}]: {}", place, level_name(d.level), d.code, d.message);
}

}  // namespace fb
