#pragma once
/// Front matter as JSON for the schema validator, and the way back from a JSON location to the YAML
/// key's line:column.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include "content/yaml.h"

#include "content/document.h"

namespace fb {

/// Converts a YAML tree to JSON with the YAML 1.2 core schema: quoted scalars are strings; plain
/// scalars are null (~, null, empty), booleans (true/false in any of the three spellings), integers
/// (decimal, 0o octal, 0x hex), floats (incl. .inf/.nan) or else strings (so `2026-03-04` is a string,
/// as the `date` format expects). Explicit tags (!!str, !!int, ...) are honoured. Aliases are
/// followed; mapping keys are always strings.
nlohmann::json yaml_to_json(const YamlNode& node);

/// The place in the file of the instance location `path` (object keys and array indices) in
/// `fm`: for an object member, its key's line:column (top-level keys through FrontMatter::key_pos, so
/// renamed keys point at the key as written); for an array element, the element's position. The
/// empty path is the start of the front matter.
SourcePos locate(const FrontMatter& fm, const std::vector<std::string>& path);

/// The node at instance location `path` in `fm` (undefined when there is none).
YamlNode value_at(const FrontMatter& fm, const std::vector<std::string>& path);

/// `action_items[1].owner` for a path; top-level keys renamed by `fields:` are shown as
/// "start_time (mapped to started_at)".
std::string display_path(const FrontMatter& fm, const std::vector<std::string>& path);

}  // namespace fb
