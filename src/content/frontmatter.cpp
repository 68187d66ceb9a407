#include "content/frontmatter.h"

namespace fb {
namespace {

/// True when [pos, line end) holds exactly `fence` (trailing spaces and a CR allowed).
bool is_fence_line(std::string_view text, size_t pos, size_t& line_end, std::string_view fence) {
  line_end = text.find('\n', pos);
  if (line_end == std::string_view::npos) line_end = text.size();
  std::string_view line = text.substr(pos, line_end - pos);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
    line.remove_suffix(1);
  return line == fence;
}

}  // namespace

FrontMatterSplit split_front_matter(std::string_view text) {
  FrontMatterSplit out;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  out.body = text;
  std::string_view after_boms = text;
  while (after_boms.substr(0, 3) == "\xEF\xBB\xBF") after_boms.remove_prefix(3);
  if (after_boms.size() < text.size() && after_boms.substr(0, 3) == "---") {
    out.unreadable_fence = "the file starts with more than one byte-order mark (BOM) before `---`";
    return out;
  }
  if (text.substr(0, 4) == "---\r" && (text.size() == 4 || text[4] != '\n')) {
    out.unreadable_fence = "the front matter's lines end in a lone CR (old Mac line endings)";
    return out;
  }
  size_t line_end;
  if (!is_fence_line(text, 0, line_end, "---")) return out;
  out.present = true;
  size_t yaml_start = line_end < text.size() ? line_end + 1 : text.size();
  out.yaml_line = 2;
  size_t pos = yaml_start;
  int line = 2;
  while (pos < text.size()) {
    size_t end;
    if (is_fence_line(text, pos, end, "---") || is_fence_line(text, pos, end, "...")) {
      out.yaml = text.substr(yaml_start, pos - yaml_start);
      out.body = end < text.size() ? text.substr(end + 1) : std::string_view{};
      out.body_line = line + 1;
      return out;
    }
    pos = end < text.size() ? end + 1 : text.size();
    ++line;
  }
  out.terminated = false;
  out.yaml = {};
  out.body = text;
  out.body_line = 1;
  return out;
}

}  // namespace fb
