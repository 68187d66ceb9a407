#pragma once
/// The registry of diagnostic codes: a short name, the default level and a one-line description for
/// each, as documented in docs/diagnostics.md (a test keeps the two in step). Used for SARIF rule
/// metadata and for validating `rules:` and `firebreak-ignore` entries.
#include <string>
#include <vector>

#include "util/diagnostic.h"

namespace fb {

/// One diagnostic code.
struct CodeInfo {
  const char* code;         ///< "FB201"
  const char* name;         ///< PascalCase rule name for SARIF: "UnknownSeverity"
  Level level;              ///< default level
  const char* summary;      ///< one line: what it reports
  const char* help;         ///< one line: how to fix it
};

/// Every code Firebreak reports, sorted by code.
const std::vector<CodeInfo>& all_codes();
/// The entry for `code`, or nullptr.
const CodeInfo* find_code(const std::string& code);

}  // namespace fb
