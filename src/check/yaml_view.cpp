#include "check/yaml_view.h"

#include <cmath>

#include "schema/yaml_scalar.h"

namespace fb {

ScalarInfo resolve_scalar(std::string_view tag, std::string_view text) {
  using namespace schema_detail;
  YamlScalar v = type_yaml_scalar(tag, text);
  ScalarInfo r;
  r.number = v.number;
  switch (v.kind) {
    case YamlScalar::Null: r.bits = kNull; break;
    case YamlScalar::Bool: r.bits = kBool, r.boolean = v.boolean; break;
    case YamlScalar::Int: r.bits = kNumber | kInteger, r.fits_int64 = v.exact; break;
    case YamlScalar::Float: r.bits = bits_of(json(v.number)), r.fits_int64 = float_fits_int64(v.number); break;
    case YamlScalar::String: break;
  }
  return r;
}

nlohmann::json YamlView::to_json() const {
  using namespace schema_detail;
  if (info_.bits & kObject) {
    json obj = json::object();
    each_member([&](std::string_view k, const YamlView& v) {
      obj[k] = v.to_json();
      return true;
    });
    return obj;
  }
  if (info_.bits & kArray) {
    json arr = json::array();
    each_item([&](size_t, const YamlView& v) {
      arr.push_back(v.to_json());
      return true;
    });
    return arr;
  }
  if (info_.bits & kString) return node_.Scalar();
  if (info_.bits & kBool) return info_.boolean;
  if (info_.bits & kNull) return nullptr;
  if (info_.bits & kInteger && std::fabs(info_.number) < 9e15) return static_cast<long long>(info_.number);
  return info_.number;
}

}  // namespace fb
