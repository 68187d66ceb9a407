#pragma once
/// Diagnostics: the one way content and configuration problems are reported.
/// Lives in util (not check/) because every stage, from config loading on, produces them.
#include <string>
#include <vector>

namespace fb {

/// How serious a diagnostic is. `Off` is only used by rule configuration to silence a code.
enum class Level { Error, Warning, Info, Off };

/// "error", "warning", "info", "off".
const char* level_name(Level level);
/// Parses "error" / "warning" / "info" / "off"; returns false on anything else.
bool parse_level(const std::string& text, Level& out);

/// A 1-based place in a file. line 0 means "the file as a whole".
struct SourcePos {
  int line = 0;
  int col = 0;
};

/// One problem found in one file: a stable code (FBnnn, see docs/diagnostics.md), a level,
/// the file (relative to the site root), a 1-based line:col, a message and a hint saying how to fix it.
struct Diagnostic {
  std::string code;
  Level level = Level::Error;
  std::string file;
  int line = 0;
  int col = 0;
  std::string message;
  std::string hint;
};

/// Collects diagnostics; not thread-safe (each parallel task owns its own and they are merged).
struct Diagnostics {
  std::vector<Diagnostic> items;

  /// Adds one diagnostic.
  void add(std::string code, Level level, std::string file, SourcePos pos, std::string message,
           std::string hint = {});
  /// Appends all of `other`'s diagnostics.
  void merge(const Diagnostics& other);
  /// Number of diagnostics at `level`.
  size_t count(Level level) const;
  bool has_errors() const { return count(Level::Error) > 0; }
  /// Sorts by file, line, col, code so reports are deterministic.
  void sort();
};

/// `path:line:col: level[CODE]: message` (the hint is not included).
std::string format_diagnostic(const Diagnostic& d);

}  // namespace fb
