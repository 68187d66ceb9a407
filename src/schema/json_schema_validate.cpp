// The validator's JSON entry point; the walk itself is templated in json_schema_check.h.
#include "schema/json_schema_check.h"

namespace fb {

bool JsonSchema::validate(const json& instance, std::vector<SchemaError>* errors) const {
  return validate_view(JsonView(instance), errors);
}

}  // namespace fb
