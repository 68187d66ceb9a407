#pragma once
/// A JSON Schema (draft 2020-12) validator for the keywords Firebreak's own schemas use, compiled once
/// and then used from many threads. Supported: boolean schemas, type, enum, const, required,
/// properties, patternProperties, additionalProperties, propertyNames, min/maxProperties, items,
/// prefixItems, contains, min/maxItems, uniqueItems, min/maxLength, pattern (ECMAScript std::regex,
/// compiled once), format (date, date-time, duration, uri, email), minimum, maximum,
/// exclusiveMinimum, exclusiveMaximum, multipleOf, $ref (JSON pointers into the same document, e.g.
/// `#/$defs/x`), allOf, anyOf, oneOf, not, if/then/else. Annotation keywords (title, description,
/// default, examples, $comment, ...) are ignored, as are unknown keywords. See docs/json-schema.md for
/// the pass counts against the official JSON-Schema-Test-Suite.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace fb {

/// One validation failure, located in the instance.
struct SchemaError {
  /// Instance location: object keys and array indices (as decimal text), outermost first. For
  /// `additionalProperties` it names the offending property itself; for `required` the object.
  std::vector<std::string> path;
  std::string keyword;               ///< the failing keyword: "type", "required", "enum", ...
  std::string message;               ///< what is wrong, without the location ("must be a string")
  std::string property;              ///< `required`: the missing property; `additionalProperties`: the extra one; `enum`: the value
  std::vector<std::string> allowed;  ///< `enum`: the allowed values; `additionalProperties`: the known properties
};

struct SchemaNode;

/// A compiled schema. Immutable after compile(); validate() is safe to call from several threads.
class JsonSchema {
 public:
  JsonSchema();
  ~JsonSchema();
  JsonSchema(JsonSchema&&) noexcept;
  JsonSchema& operator=(JsonSchema&&) noexcept;

  /// Compiles `root`. Returns false and sets `error` when the schema itself is malformed (a keyword
  /// of the wrong type, an invalid regex, a $ref that is not a local JSON pointer or points nowhere).
  bool compile(const nlohmann::json& root, std::string& error);

  /// True when `instance` is valid. When `errors` is given, every failure is appended to it (for
  /// anyOf/oneOf only a summary, or the errors of the one alternative whose type matches).
  bool validate(const nlohmann::json& instance, std::vector<SchemaError>* errors = nullptr) const;

  /// Same, for any instance view with the interface of JsonView (check/json_schema_check.h), such as
  /// YamlView, which validates a YAML tree in place without converting it to JSON. Defined in the
  /// private header check/json_schema_check.h.
  template <class View>
  bool validate_view(const View& instance, std::vector<SchemaError>* errors) const;

  /// The schema's top-level `properties` names, sorted (for did-you-mean on unknown keys).
  const std::vector<std::string>& top_level_properties() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// True when `text` is a valid value of `format` (date, date-time, duration, uri, email). Unknown
/// formats are valid (formats are annotations unless the validator knows them).
bool format_valid(const std::string& format, const std::string& text);

/// Number of Unicode code points in UTF-8 `text` (what minLength/maxLength count).
size_t utf8_length(std::string_view text);

}  // namespace fb
