#pragma once
/// Reporters: turn collected diagnostics into text for people or formats for CI. Every reporter
/// prints diagnostics in the order given (sort first) and skips level `off`.
#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.h"

namespace fb {

/// Human-readable report: `path:line:col: level[CODE]: message`, an indented `hint:` line, and a
/// summary line ("2 errors, 1 warning, 0 infos"). `color` adds ANSI colours (only on a terminal).
std::string report_text(const Diagnostics& diags, bool color);

/// Whether to colour output: `mode` is --color's value (always, never, auto); auto colours a terminal
/// unless NO_COLOR is set to a non-empty value (https://no-color.org: set but empty does not count).
bool color_wanted(std::string_view mode, bool is_terminal, const char* no_color_env);

/// "N errors, N warnings, N infos" (singular forms when 1).
std::string summary_line(const Diagnostics& diags);

/// GitHub Actions workflow commands, one per diagnostic:
/// `::error file=F,line=L,col=C,title=FB201::message%0Ahint: ...` (warning / notice for the other
/// levels), with GitHub's escaping of `%`, CR, LF (and `:` `,` in properties), then the summary line.
std::string report_github(const Diagnostics& diags);

/// `{"diagnostics":[{"code","level","file","line","column","message","hint"}],
///   "summary":{"errors","warnings","infos"}}`, keys in that order, indented by two spaces.
std::string report_json(const Diagnostics& diags);

/// SARIF 2.1.0: one run of tool `firebreak` (`version`), every known rule with its name, description,
/// help and default level (from check/codes.h), and one result per diagnostic with a physical location
/// relative to %SRCROOT% (line 0 = the file as a whole: no region).
std::string report_sarif(const Diagnostics& diags, const std::string& version);

/// JUnit XML: one testsuite, one testcase per file in `files` (plus any other file that has a
/// diagnostic), a <failure> listing the file's errors, warnings and infos in <system-out>.
std::string report_junit(const Diagnostics& diags, const std::vector<std::string>& files);

}  // namespace fb
