#pragma once
/// The one typing rule for YAML scalars in Firebreak: the YAML 1.2 core schema. Front matter, PIR data
/// files and site.yaml are all read through it, so one value gets one verdict everywhere (the schema
/// check, the model and the site configuration).
///
/// Quoted and block scalars (tag "!") and `!!str` are strings. A plain scalar (tag "?") is null (``, `~`,
/// `null`), a boolean (`true`/`false`, in lower, Title or UPPER case), an integer (decimal, `0o` octal,
/// `0x` hex), a float (`1.5`, `1e3`, `.inf`, `.nan`) or else a string. `yes`, `no`, `on`, `off`, `y`
/// and `n` are strings (they were booleans in YAML 1.1: see is_yaml11_boolean).
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace fb {

/// A scalar as the YAML 1.2 core schema reads it.
struct YamlScalar {
  enum Kind : uint8_t { Null, Bool, Int, Float, String };
  Kind kind = String;
  bool boolean = false;       ///< Bool: the value
  double number = 0;          ///< Int and Float: the value (an Int beyond int64 is only here, rounded)
  long long integer = 0;      ///< Int: the value when `exact`
  bool exact = false;         ///< Int: the value fits in a long long
  bool is_number() const { return kind == Int || kind == Float; }
};

/// Types a scalar by its tag ("?" plain, "!" quoted or block, or an explicit tag such as
/// `tag:yaml.org,2002:int`) and its text. An explicit tag the core schema does not know keeps the text
/// as a string.
YamlScalar type_yaml_scalar(std::string_view tag, std::string_view text);

/// The scalar as a JSON value by the same rule (null, boolean, integer, number or string).
nlohmann::json yaml_scalar_json(std::string_view tag, std::string_view text);

/// True when a plain scalar `text` was a boolean in YAML 1.1 but is a string in YAML 1.2 (`yes`, `No`,
/// `ON`, `y`, ...): the cue for the hint "write true/false (YAML 1.2)".
bool is_yaml11_boolean(std::string_view text);

/// The hint for a boolean key whose value is the plain scalar `text` with tag `tag`: "Write true or
/// false (YAML 1.2): ..." when it is a YAML 1.1 boolean, else empty.
std::string yaml11_boolean_hint(std::string_view tag, std::string_view text);

}  // namespace fb
