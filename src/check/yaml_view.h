#pragma once
// Private to src/check: a YAML front-matter node seen as a JSON instance by the schema validator,
// without building a JSON copy (converting every document's front matter cost more than validating
// it). Scalars are typed by the YAML 1.2 core schema exactly as yaml_to_json() does.
#include <string>
#include <string_view>
#include <type_traits>

#include "schema/json_schema_impl.h"
#include "content/document.h"

namespace fb {

/// The JSON type of a YAML scalar, and its value when it is a number or a boolean.
struct ScalarInfo {
  uint8_t bits = schema_detail::kString;
  double number = 0;
  bool boolean = false;
  bool fits_int64 = false;  ///< a number whose value a 64-bit signed integer holds
};

/// Types a scalar by its tag ("?" plain, "!" quoted, or an explicit tag) and text: quoted and !!str
/// are strings; plain ~/null/empty is null, true/false booleans, decimal/0o/0x integers, floats and
/// .inf/.nan numbers; anything else a string.
ScalarInfo resolve_scalar(std::string_view tag, std::string_view text);

/// The front matter's node type (yaml-cpp's Node or content's YamlNode: the same interface).
using FrontMatterNode = std::remove_cv_t<std::remove_reference_t<decltype(std::declval<FrontMatter>().root)>>;

/// A view of one YAML node with the interface the validator expects (see json_schema_check.h).
class YamlView {
 public:
  /// `node` must outlive the view (views are made and dropped during one validation).
  explicit YamlView(const FrontMatterNode& node) : node_(node) {
    if (node_.IsMap()) info_.bits = schema_detail::kObject;
    else if (node_.IsSequence()) info_.bits = schema_detail::kArray;
    else if (node_.IsScalar()) info_ = resolve_scalar(node_.Tag(), node_.Scalar());
    else info_.bits = schema_detail::kNull;
  }
  uint8_t bits() const { return info_.bits; }
  std::string_view str() const { return node_.Scalar(); }
  double num() const { return info_.number; }
  bool fits_int64() const { return info_.fits_int64; }
  size_t size() const { return node_.size(); }
  template <class F>
  void each_item(F f) const {
    size_t i = 0;
    for (auto it = node_.begin(), end = node_.end(); it != end; ++it, ++i)
      if (!f(i, YamlView(*it))) return;
  }
  template <class F>
  void each_member(F f) const {
    for (auto it = node_.begin(), end = node_.end(); it != end; ++it)
      if (!f(it->first.Scalar(), YamlView(it->second))) return;
  }
  bool has(const std::string& key) const {
    for (auto it = node_.begin(), end = node_.end(); it != end; ++it)
      if (it->first.Scalar() == key) return true;
    return false;
  }
  bool equals(const nlohmann::json& j) const {
    using namespace schema_detail;
    if (info_.bits & kString) return j.is_string() && j.get_ref<const std::string&>() == node_.Scalar();
    if (info_.bits & kNumber) return j.is_number() && j.get<double>() == info_.number;
    if (info_.bits & kBool) return j.is_boolean() && j.get<bool>() == info_.boolean;
    if (info_.bits & kNull) return j.is_null();
    return to_json() == j;
  }
  nlohmann::json to_json() const;
  std::string show() const {
    if (info_.bits & (schema_detail::kObject | schema_detail::kArray)) return to_json().dump();
    return std::string(node_.Scalar());
  }

 private:
  const FrontMatterNode& node_;  ///< a reference: copying a node costs two atomic reference-count updates
  ScalarInfo info_;
};

}  // namespace fb
