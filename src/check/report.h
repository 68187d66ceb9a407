#pragma once
/// Reporters: turn collected diagnostics into text for people or formats for CI.
#include <string>

#include "util/diagnostic.h"

namespace fb {

/// Human-readable report: `path:line:col: level[CODE]: message`, an indented `hint:` line, and a
/// summary line ("2 errors, 1 warning, 0 infos"). `color` adds ANSI colours (only on a terminal).
std::string report_text(const Diagnostics& diags, bool color);

/// "N errors, N warnings, N infos" (singular forms when 1).
std::string summary_line(const Diagnostics& diags);

}  // namespace fb
