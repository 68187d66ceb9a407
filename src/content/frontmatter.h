#pragma once
/// Splitting `---` YAML front matter from the Markdown body. Kept in one small file (as Zola does),
/// independent of YAML parsing, so every edge case (BOM, CRLF, `---` in code, unterminated) is here.
#include <string>
#include <string_view>

#include "util/diagnostic.h"

namespace fb {

/// The two halves of a Markdown file. Views point into the text given to split_front_matter().
struct FrontMatterSplit {
  bool present = false;        ///< the file starts with a `---` fence
  bool terminated = true;      ///< false when the opening fence has no closing `---`
  std::string_view yaml;       ///< the YAML text between the fences (empty when absent)
  std::string_view body;       ///< everything after the closing fence (the whole text when absent)
  int yaml_line = 1;           ///< 1-based line of the first YAML line in the file
  int body_line = 1;           ///< 1-based line of the first body line in the file
  /// Not "": the file starts like front matter that cannot be read as such, and why (then
  /// `present` is false and `body` is the whole text). The caller reports it rather than publishing
  /// the YAML as body text.
  std::string_view unreadable_fence;
};

/// Splits `text` (a UTF-8 BOM, if any, is skipped; CRLF line endings are accepted). A closing fence
/// is `---` or `...` alone on a line. When the opening fence is not closed, `terminated` is false,
/// `yaml` is empty and `body` is the whole text. A `---` fence ended by a lone CR (old Mac line
/// endings) or behind a second BOM sets `unreadable_fence`.
FrontMatterSplit split_front_matter(std::string_view text);

}  // namespace fb
