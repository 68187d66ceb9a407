#include "check/report.h"

#include <fmt/format.h>

namespace fb {

std::string summary_line(const Diagnostics& diags) {
  auto plural = [](size_t n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
  };
  return fmt::format("{}, {}, {}", plural(diags.count(Level::Error), "error", "errors"),
                     plural(diags.count(Level::Warning), "warning", "warnings"),
                     plural(diags.count(Level::Info), "info", "infos"));
}

std::string report_text(const Diagnostics& diags, bool color) {
  std::string out;
  for (const auto& d : diags.items) {
    if (d.level == Level::Off) continue;
    std::string line = format_diagnostic(d);
    if (color) {
      const char* c = d.level == Level::Error ? "\x1b[31m" : d.level == Level::Warning ? "\x1b[33m" : "\x1b[36m";
      std::string lvl = level_name(d.level);
      size_t at = line.find(": " + lvl + "[");
      if (at != std::string::npos)
        line = fmt::format("\x1b[1m{}\x1b[0m: {}{}\x1b[0m{}", line.substr(0, at), c, lvl,
                           line.substr(at + 2 + lvl.size()));
    }
    out += line;
    out += '\n';
    if (!d.hint.empty()) out += fmt::format("    hint: {}\n", d.hint);
  }
  return out;
}

bool color_wanted(std::string_view mode, bool is_terminal, const char* no_color_env) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  return is_terminal && !(no_color_env && *no_color_env);
}

}  // namespace fb
