#pragma once
/// The one JSON string writer for output Firebreak writes by hand (api/*.json, search shards): the bytes
/// nlohmann::json::dump(-1, ' ', false, error_handler_t::replace) writes for the same string (UTF-8 as
/// is, `"` `\\` and control characters escaped, \u00xx in lower-case hex, invalid UTF-8 replaced by
/// U+FFFD), eight bytes at a time while nothing needs attention.
#include <string>
#include <string_view>

namespace fb {

/// Appends `s` as a quoted JSON string to `out`.
void append_json_string(std::string& out, std::string_view s);

}  // namespace fb
