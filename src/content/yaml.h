#pragma once
/// A small, immutable-after-parse YAML tree for front matter, built from libyaml's event stream.
///
/// Why not yaml-cpp here: measured on the benchmark corpus, yaml-cpp 0.7's scanner spent ~3.2 M
/// instructions per document (57% of a whole build); libyaml parses the same front matter an order of
/// magnitude faster. The interface mirrors the subset of YAML::Node the pipeline uses (IsMap, Scalar,
/// Mark, Tag, operator[], iteration with first/second) so code reads the same. site.yaml, read once,
/// still goes through yaml-cpp (config/).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fb {

/// Node kinds (Undefined = "not there", as for a missing key).
enum class YamlType { Undefined, Null, Scalar, Sequence, Map };

/// 0-based place of a node in the parsed text (like yaml-cpp's Mark); line < 0 means unknown.
struct YamlMark {
  int line = -1;
  int column = -1;
  bool is_null() const { return line < 0; }
};

struct YamlItem;

/// A YAML node. Copying is cheap (shared, reference-counted data).
class YamlNode {
 public:
  /// An undefined node.
  YamlNode() = default;
  /// An empty node of `type` (Map or Sequence to build; Null for an explicit null).
  explicit YamlNode(YamlType type, YamlMark mark = {});
  /// A scalar node.
  static YamlNode scalar(std::string value, YamlMark mark = {}, std::string tag = "?");

  YamlType Type() const { return d_ ? d_->type : YamlType::Undefined; }
  bool IsDefined() const { return Type() != YamlType::Undefined; }
  bool IsNull() const { return Type() == YamlType::Null; }
  bool IsScalar() const { return Type() == YamlType::Scalar; }
  bool IsSequence() const { return Type() == YamlType::Sequence; }
  bool IsMap() const { return Type() == YamlType::Map; }
  /// The scalar's text ("" for non-scalars).
  const std::string& Scalar() const;
  /// "?" for a plain scalar, "!" for a quoted or block scalar, else the explicit resolved tag.
  const std::string& Tag() const;
  /// Where the node starts in the parsed text.
  YamlMark Mark() const { return d_ ? d_->mark : YamlMark{}; }
  /// Number of items (sequence) or entries (map); 0 otherwise.
  size_t size() const;
  /// Sequence item `i`, or an undefined node.
  YamlNode operator[](size_t i) const;
  YamlNode operator[](int i) const { return i < 0 ? YamlNode{} : (*this)[static_cast<size_t>(i)]; }
  /// Map value for `key` (first match), or an undefined node. Never inserts.
  YamlNode operator[](std::string_view key) const;
  YamlNode operator[](const char* key) const { return (*this)[std::string_view(key)]; }
  YamlNode operator[](const std::string& key) const { return (*this)[std::string_view(key)]; }

  /// Rebinds this handle to `other` (yaml-cpp's spelling of assignment).
  void reset(const YamlNode& other) { d_ = other.d_; }

  /// Appends to a sequence node.
  void push_back(YamlNode item);
  /// Sets `key` in a map node (replacing an existing entry), the key node carrying `key_mark`.
  void set(const std::string& key, YamlNode value, YamlMark key_mark = {});

  /// Plain-scalar conversions (YAML 1.2 core schema, plus yes/no/on/off for booleans).
  bool decode_bool(bool& out) const;
  bool decode_int(long long& out) const;
  bool decode_double(double& out) const;

  using const_iterator = std::vector<YamlItem>::const_iterator;
  /// Iterates items (sequence: the item is the node; map: `first` is the key, `second` the value).
  const_iterator begin() const;
  const_iterator end() const;

 private:
  struct Data {
    YamlType type = YamlType::Undefined;
    std::string scalar;
    std::string tag;
    YamlMark mark;
    std::vector<YamlItem> items;
  };
  std::shared_ptr<Data> d_;
};

/// One element of a sequence or a map: as a node it is the sequence item (or the map value);
/// `first`/`second` are the key and value for maps.
struct YamlItem : YamlNode {
  YamlNode first;
  YamlNode second;
};

/// A parse failure: message and 0-based place.
struct YamlError {
  std::string message;
  YamlMark mark;
};

/// Parses the first document of `text`. Returns false and fills `error` on a syntax error.
/// An empty document yields a Null node. Aliases are resolved to their anchors' nodes.
bool parse_yaml(std::string_view text, YamlNode& out, YamlError& error);

}  // namespace fb
