#pragma once
/// Small dependency-free text helpers: escaping, UTF-8, slugs, case, edit distance.
#include <string>
#include <string_view>
#include <vector>

namespace fb {

/// Escapes & < > " ' for safe use in HTML text and attribute values.
std::string html_escape(std::string_view text);
/// Appends the escaped form of `text` to `out`.
void html_escape_to(std::string& out, std::string_view text);
/// Escapes for XML 1.0 (same as HTML escaping, and drops control characters XML forbids).
std::string xml_escape(std::string_view text);

/// True when `text` is well-formed UTF-8. On failure `bad_offset` receives the byte offset of the
/// first bad sequence.
bool is_valid_utf8(std::string_view text, size_t* bad_offset = nullptr);
/// 1-based line and column (in code points) of a byte offset in `text`.
void offset_to_line_col(std::string_view text, size_t offset, int& line, int& col);

/// ASCII lower-casing (non-ASCII bytes are left as they are).
std::string to_lower_ascii(std::string_view text);
/// Removes leading and trailing ASCII white space.
std::string_view trim(std::string_view text);
/// Splits on a single character; empty pieces are kept.
std::vector<std::string_view> split(std::string_view text, char sep);

/// GitHub-style heading anchor: lower-case, letters/digits/'-'/'_' kept (non-ASCII UTF-8 kept),
/// spaces become '-', everything else dropped. Never empty ("section" when nothing is left).
std::string anchor_slug(std::string_view heading);
/// URL/file-name slug: lower-case ASCII letters and digits, runs of anything else become one '-'.
std::string slugify(std::string_view text);

/// Levenshtein distance (bytes), for did-you-mean suggestions.
size_t edit_distance(std::string_view a, std::string_view b);
/// The candidate closest to `word` when it is close enough to be a plausible typo, else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// Joins with a separator.
std::string join(const std::vector<std::string>& parts, std::string_view sep);
/// "a/./b/../c" -> "a/c" ('/'-separated, empty pieces dropped); "" when the path climbs above its start.
std::string normalise_path(std::string_view path);

}  // namespace fb
