#pragma once
/// A small, immutable-after-parse YAML tree for front matter, built from libyaml's event stream.
///
/// Why not yaml-cpp here: measured on the benchmark corpus, yaml-cpp 0.7's scanner spent ~3.2 M
/// instructions per document (57% of a whole build); libyaml parses the same front matter an order of
/// magnitude faster. The interface mirrors the subset of YAML::Node the pipeline uses (IsMap, Scalar,
/// Mark, Tag, operator[], iteration with first/second) so code reads the same. site.yaml, read once,
/// still goes through yaml-cpp (config/).
///
/// Representation: one parsed document is one YamlTree, a handful of contiguous arrays (node records,
/// child items, one pool of NUL-terminated scalar texts); a YamlNode is a reference-counted handle to the
/// tree plus a node index. A node-per-allocation tree cost ~21 KB per benchmark front matter. Reads are
/// const and thread-safe; building (set/push_back) must happen before the tree is shared between threads.
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fb {

/// Node kinds (Undefined = "not there", as for a missing key).
enum class YamlType : uint8_t { Undefined, Null, Scalar, Sequence, Map };

/// 0-based place of a node in the parsed text (like yaml-cpp's Mark); line < 0 means unknown.
struct YamlMark {
  int line = -1;
  int column = -1;
  bool is_null() const { return line < 0; }
};

/// The storage of one YAML tree (see the file comment). Only yaml.cpp and YamlNode's inline readers
/// look inside.
struct YamlTree {
  /// Scalar tag kinds: plain ("?"), non-plain ("!"), or an explicit tag kept in the pool.
  enum Tag : uint8_t { kNoTag, kPlain, kNonPlain, kExplicit };
  /// One node. Scalars: `a`/`b` = text offset/length in `pool`, `c`/`d` = explicit tag offset/length.
  /// Sequences and maps: `a` = first item in `items`, `b` = item count (the items are contiguous).
  struct Rec {
    uint32_t a = 0, b = 0, c = 0, d = 0;
    int32_t line = -1, column = -1;
    YamlType type = YamlType::Undefined;
    Tag tag = kNoTag;
  };
  /// A sequence item (key == kNone) or a map entry.
  struct Item {
    uint32_t key;
    uint32_t value;
  };
  static constexpr uint32_t kNone = 0xffffffffu;

  std::vector<Rec> nodes;   ///< all nodes; a node's index is its identity
  std::vector<Item> items;  ///< children of the collections, each collection's contiguous
  std::string pool;         ///< scalar texts and explicit tags, each followed by '\0'
  std::atomic<uint32_t> refs{0};  ///< owning YamlNode handles; the last one deletes the tree

  /// Adds a node without text or children; returns its index.
  uint32_t add(YamlType type, YamlMark mark);
  /// Adds a scalar node with `tag` ("?" plain, "!" non-plain, else explicit); returns its index.
  uint32_t add_scalar(std::string_view value, YamlMark mark, std::string_view tag);
  /// A scalar record's text.
  std::string_view text(const Rec& r) const { return {pool.data() + r.a, r.b}; }
};

struct YamlItem;
struct YamlError;

/// A YAML node: a handle to a node of a YamlTree. Copies share the tree (one atomic reference-count update);
/// the nodes handed out while iterating are borrowed views valid while the iterator is, and become
/// owning handles again when copied.
class YamlNode {
 public:
  /// An undefined node.
  YamlNode() = default;
  /// An empty node of `type` (Map or Sequence to build; Null for an explicit null), in a tree of its own.
  explicit YamlNode(YamlType type, YamlMark mark = {});
  /// A scalar node, in a tree of its own.
  static YamlNode scalar(std::string_view value, YamlMark mark = {}, std::string_view tag = "?");
  /// Copies share the tree; a copy of a borrowed view owns the tree.
  YamlNode(const YamlNode& other) : YamlNode(other.t_, other.i_) {}
  /// Moves the handle (a borrowed view's tree becomes owned).
  YamlNode(YamlNode&& other) noexcept : t_(other.t_), i_(other.i_), owns_(other.owns_) {
    if (owns_) other.t_ = nullptr, other.owns_ = false;
    else retain();
  }
  /// Rebinds this handle (never changes a tree).
  YamlNode& operator=(const YamlNode& other) {
    if (this != &other) *this = YamlNode(other);
    return *this;
  }
  /// Rebinds this handle (never changes a tree).
  YamlNode& operator=(YamlNode&& other) noexcept {
    if (this == &other) return *this;
    YamlNode tmp(std::move(other));
    std::swap(t_, tmp.t_);
    std::swap(i_, tmp.i_);
    std::swap(owns_, tmp.owns_);
    return *this;
  }
  ~YamlNode() { release(); }

  YamlType Type() const { return t_ ? rec().type : YamlType::Undefined; }
  bool IsDefined() const { return Type() != YamlType::Undefined; }
  bool IsNull() const { return Type() == YamlType::Null; }
  bool IsScalar() const { return Type() == YamlType::Scalar; }
  bool IsSequence() const { return Type() == YamlType::Sequence; }
  bool IsMap() const { return Type() == YamlType::Map; }
  /// The scalar's text ("" for non-scalars); NUL-terminated, valid while the tree lives and is not built on.
  std::string_view Scalar() const {
    if (!IsScalar()) return {};
    const YamlTree::Rec& r = rec();
    return {t_->pool.data() + r.a, r.b};
  }
  /// "?" for a plain scalar, "!" for a quoted or block scalar, else the explicit resolved tag; "" for
  /// non-scalars.
  std::string_view Tag() const;
  /// Where the node starts in the parsed text.
  YamlMark Mark() const { return t_ ? YamlMark{rec().line, rec().column} : YamlMark{}; }
  /// Number of items (sequence) or entries (map); 0 otherwise.
  size_t size() const { return IsSequence() || IsMap() ? rec().b : 0; }
  /// Sequence item `i`, or an undefined node.
  YamlNode operator[](size_t i) const;
  YamlNode operator[](int i) const { return i < 0 ? YamlNode{} : (*this)[static_cast<size_t>(i)]; }
  /// Map value for `key` (first match), or an undefined node. Never inserts.
  YamlNode operator[](std::string_view key) const;
  YamlNode operator[](const char* key) const { return (*this)[std::string_view(key)]; }
  YamlNode operator[](const std::string& key) const { return (*this)[std::string_view(key)]; }

  /// A handle to node `root` of `tree`, a tree just built on the heap that nobody owns yet (the parser's
  /// result); the handle takes ownership.
  static YamlNode adopt_tree(YamlTree* tree, uint32_t root) { return YamlNode(tree, root); }
  /// The tree this node lives in (nullptr for an undefined node) and its index there: what the build
  /// cache stores to give the same node back with adopt_tree.
  const YamlTree* tree() const { return t_; }
  uint32_t index() const { return i_; }

  /// Rebinds this handle to `other` (yaml-cpp's spelling of assignment).
  void reset(const YamlNode& other) { *this = other; }

  /// An empty node of `type` added to this node's tree (to be attached with set/push_back without a copy).
  YamlNode make(YamlType type, YamlMark mark = {}) const;
  /// Appends to a sequence node. A node of another tree is copied in (later changes to it are not seen);
  /// a node of this tree is shared.
  void push_back(const YamlNode& item);
  /// Sets `key` in a map node (replacing the value of an existing entry, whose key node stays), the key
  /// node carrying `key_mark`. `value` is shared or copied as for push_back.
  void set(std::string_view key, const YamlNode& value, YamlMark key_mark = {});
  /// As above with an existing scalar key node (shared when it is in this tree: no new key node).
  void set(const YamlNode& key, const YamlNode& value);

  /// Scalar conversions by the one typing rule, YAML 1.2 core (schema/yaml_scalar.h): `yes`/`on` are not
  /// booleans, a quoted "5" is not a number. False when the node is not of that type (or out of range).
  bool decode_bool(bool& out) const;
  bool decode_int(long long& out) const;
  bool decode_double(double& out) const;

  class const_iterator;
  /// Iterates items (sequence: the item is the node; map: `first` is the key, `second` the value).
  const_iterator begin() const;
  const_iterator end() const;

 private:
  friend class const_iterator;
  /// An owning handle to node `i` of `t` (takes one more reference).
  YamlNode(YamlTree* t, uint32_t i) : t_(t), i_(i) { retain(); }
  void retain() {
    owns_ = t_ != nullptr;
    if (owns_) t_->refs.fetch_add(1, std::memory_order_relaxed);
  }
  void release() {
    if (owns_ && t_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete t_;
  }
  const YamlTree::Rec& rec() const { return t_->nodes[i_]; }
  /// This node's tree, made if there is none; the index of `n` in it (shared or copied in).
  uint32_t adopt(const YamlNode& n);
  /// Appends an item to this collection, keeping its items contiguous at the end of the item array.
  void append(YamlTree::Item item);

  YamlTree* t_ = nullptr;
  uint32_t i_ = 0;
  bool owns_ = false;  ///< false for a borrowed view (and an undefined node)
};

/// One element of a sequence or a map: as a node it is the sequence item (or the map value);
/// `first`/`second` are the key and value for maps.
struct YamlItem : YamlNode {
  YamlNode first;
  YamlNode second;
};

/// Iterator over a collection's items; `*it` is valid until the iterator moves or dies.
class YamlNode::const_iterator {
 public:
  const_iterator() = default;
  const YamlItem& operator*() const;
  const YamlItem* operator->() const { return &**this; }
  const_iterator& operator++() {
    ++p_;
    return *this;
  }
  bool operator==(const const_iterator& o) const { return p_ == o.p_; }
  bool operator!=(const const_iterator& o) const { return p_ != o.p_; }

 private:
  friend class YamlNode;
  const_iterator(YamlTree* t, uint32_t p, bool map) : t_(t), p_(p) {
    cur_.t_ = cur_.second.t_ = t;  // borrowed views: operator* only sets their indices
    cur_.first.t_ = map ? t : nullptr;
  }
  explicit const_iterator(uint32_t p) : p_(p) {}  // an end: never dereferenced
  YamlTree* t_ = nullptr;
  uint32_t p_ = 0;  ///< an index, not a pointer: building on the tree may move the item array
  mutable YamlItem cur_;
};

/// A parse failure: message and 0-based place. For a construct left open (`[` never closed), `mark` is
/// where it opened (where the author must edit) and `stopped` where the parser gave up; else `stopped`
/// is null.
struct YamlError {
  std::string message;
  YamlMark mark;
  YamlMark stopped;
};

/// A map key written twice in one mapping: the last value is the one kept (as libyaml and yaml-cpp do),
/// and the places of both, 0-based, so a caller can report it.
struct YamlDuplicateKey {
  std::string key;
  YamlMark first;
  YamlMark second;
};

/// Parses the first document of `text`. Returns false and fills `error` on a syntax error (placed where
/// the construct that failed opened, when the parser knows it). An empty document yields a Null node.
/// Aliases are resolved to their anchors' nodes (shared). `duplicates`, when given, receives every key
/// written twice in one mapping, in text order.
bool parse_yaml(std::string_view text, YamlNode& out, YamlError& error,
                std::vector<YamlDuplicateKey>* duplicates = nullptr);

}  // namespace fb
