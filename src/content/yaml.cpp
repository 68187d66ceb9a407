#include "content/yaml.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "schema/yaml_scalar.h"

namespace fb {

namespace {
using Rec = YamlTree::Rec;
using Item = YamlTree::Item;
constexpr uint32_t kNone = YamlTree::kNone;

uint32_t add_text(std::string& pool, std::string_view text) {
  auto at = static_cast<uint32_t>(pool.size());
  pool.append(text.data(), text.size());
  pool.push_back('\0');
  return at;
}

/// Copies node `i` of `src` (and what it reaches) into `dst`; `memo` maps already copied nodes, so shared
/// (aliased) nodes stay shared and cycles end.
uint32_t copy_into(YamlTree& dst, const YamlTree& src, uint32_t i, std::vector<uint32_t>& memo) {
  if (memo[i] != kNone) return memo[i];
  const Rec r = src.nodes[i];
  YamlMark mark{r.line, r.column};
  if (r.type == YamlType::Scalar) {
    std::string_view tag = r.tag == YamlTree::kExplicit ? std::string_view(src.pool.data() + r.c, r.d)
                           : r.tag == YamlTree::kNonPlain ? "!"
                                                          : "?";
    return memo[i] = dst.add_scalar(src.text(r), mark, tag);
  }
  uint32_t n = memo[i] = dst.add(r.type, mark);
  if (r.type != YamlType::Sequence && r.type != YamlType::Map) return n;
  std::vector<Item> kids(src.items.begin() + r.a, src.items.begin() + r.a + r.b);
  for (Item& k : kids) {
    if (k.key != kNone) k.key = copy_into(dst, src, k.key, memo);
    k.value = copy_into(dst, src, k.value, memo);
  }
  dst.nodes[n].a = static_cast<uint32_t>(dst.items.size());
  dst.nodes[n].b = static_cast<uint32_t>(kids.size());
  dst.items.insert(dst.items.end(), kids.begin(), kids.end());
  return n;
}
}  // namespace

uint32_t YamlTree::add(YamlType type, YamlMark mark) {
  Rec r;
  r.type = type;
  r.line = mark.line;
  r.column = mark.column;
  nodes.push_back(r);
  return static_cast<uint32_t>(nodes.size() - 1);
}

uint32_t YamlTree::add_scalar(std::string_view value, YamlMark mark, std::string_view tag) {
  uint32_t i = add(YamlType::Scalar, mark);
  uint32_t at = add_text(pool, value);
  Rec& r = nodes[i];
  r.a = at;
  r.b = static_cast<uint32_t>(value.size());
  if (tag == "?") {
    r.tag = kPlain;
  } else if (tag == "!") {
    r.tag = kNonPlain;
  } else {
    r.tag = kExplicit;
    r.c = add_text(pool, tag);
    r.d = static_cast<uint32_t>(tag.size());
  }
  return i;
}

YamlNode::YamlNode(YamlType type, YamlMark mark) : YamlNode(new YamlTree, 0) {
  i_ = t_->add(type, mark);
}

YamlNode YamlNode::scalar(std::string_view value, YamlMark mark, std::string_view tag) {
  YamlNode n(new YamlTree, 0);
  n.i_ = n.t_->add_scalar(value, mark, tag);
  return n;
}

std::string_view YamlNode::Tag() const {
  if (!IsScalar()) return {};
  const Rec& r = rec();
  switch (r.tag) {
    case YamlTree::kPlain: return "?";
    case YamlTree::kNonPlain: return "!";
    case YamlTree::kExplicit: return {t_->pool.data() + r.c, r.d};
    default: return {};
  }
}

YamlNode YamlNode::operator[](size_t i) const {
  if (!IsSequence() || i >= rec().b) return {};
  return YamlNode(t_, t_->items[rec().a + i].value);
}

YamlNode YamlNode::operator[](std::string_view key) const {
  if (!IsMap()) return {};
  const Rec& r = rec();
  const Item* it = t_->items.data() + r.a;
  for (const Item* end = it + r.b; it != end; ++it) {
    const Rec& k = t_->nodes[it->key];
    if (k.type == YamlType::Scalar && t_->text(k) == key) return YamlNode(t_, it->value);
  }
  return {};
}

const YamlItem& YamlNode::const_iterator::operator*() const {
  const Item& it = t_->items[p_];
  cur_.i_ = cur_.second.i_ = it.value;
  if (cur_.first.t_) cur_.first.i_ = it.key;
  return cur_;
}

YamlNode::const_iterator YamlNode::begin() const {
  if (!IsSequence() && !IsMap()) return {};
  return const_iterator(t_, rec().a, IsMap());
}

YamlNode::const_iterator YamlNode::end() const {
  if (!IsSequence() && !IsMap()) return {};
  return const_iterator(rec().a + rec().b);
}

YamlNode YamlNode::make(YamlType type, YamlMark mark) const {
  if (!t_) return YamlNode(type, mark);
  uint32_t i = t_->add(type, mark);
  if (type == YamlType::Sequence || type == YamlType::Map) t_->nodes[i].a = static_cast<uint32_t>(t_->items.size());
  return YamlNode(t_, i);
}

uint32_t YamlNode::adopt(const YamlNode& n) {
  if (n.t_ == t_) return n.i_;
  if (!n.t_) return t_->add(YamlType::Undefined, {});
  std::vector<uint32_t> memo(n.t_->nodes.size(), kNone);
  return copy_into(*t_, *n.t_, n.i_, memo);
}

void YamlNode::append(Item item) {
  std::vector<Item>& items = t_->items;
  Rec& r = t_->nodes[i_];
  if (r.a + r.b != items.size()) {  // not at the end: move this collection's items there first
    auto start = static_cast<uint32_t>(items.size());
    for (uint32_t k = 0; k < r.b; ++k) items.push_back(items[r.a + k]);
    r.a = start;
  }
  items.push_back(item);
  ++r.b;
}

void YamlNode::push_back(const YamlNode& item) {
  if (!IsSequence()) return;
  uint32_t v = adopt(item);
  append({kNone, v});
}

void YamlNode::set(std::string_view key, const YamlNode& value, YamlMark key_mark) {
  if (!IsMap()) return;
  // `key` may be a view of this tree's pool, which the additions below can move.
  std::string own_key;
  const std::string& pool = t_->pool;
  if (key.data() >= pool.data() && key.data() < pool.data() + pool.size()) key = own_key.assign(key);
  uint32_t v = adopt(value);
  const Rec& r = rec();
  for (uint32_t k = r.a; k < r.a + r.b; ++k) {
    const Rec& kr = t_->nodes[t_->items[k].key];
    if (kr.type == YamlType::Scalar && t_->text(kr) == key) {
      t_->items[k].value = v;
      return;
    }
  }
  append({t_->add_scalar(key, key_mark, "?"), v});
}

void YamlNode::set(const YamlNode& key, const YamlNode& value) {
  if (!IsMap()) return;
  if (key.t_ != t_ || !key.IsScalar() || key.rec().tag != YamlTree::kPlain) {
    set(key.IsScalar() ? key.Scalar() : std::string_view("?"), value, key.Mark());
    return;
  }
  uint32_t v = adopt(value);
  std::string_view text = key.Scalar();
  const Rec& r = rec();
  for (uint32_t k = r.a; k < r.a + r.b; ++k) {
    const Rec& kr = t_->nodes[t_->items[k].key];
    if (kr.type == YamlType::Scalar && t_->text(kr) == text) {
      t_->items[k].value = v;
      return;
    }
  }
  append({key.i_, v});
}

bool YamlNode::decode_bool(bool& out) const {
  if (!IsScalar()) return false;
  YamlScalar v = type_yaml_scalar(Tag(), Scalar());
  if (v.kind != YamlScalar::Bool) return false;
  out = v.boolean;
  return true;
}

bool YamlNode::decode_int(long long& out) const {
  if (!IsScalar()) return false;
  YamlScalar v = type_yaml_scalar(Tag(), Scalar());
  if (v.kind != YamlScalar::Int || !v.exact) return false;
  out = v.integer;
  return true;
}

bool YamlNode::decode_double(double& out) const {
  if (!IsScalar()) return false;
  YamlScalar v = type_yaml_scalar(Tag(), Scalar());
  if (!v.is_number() || !std::isfinite(v.number)) return false;
  out = v.number;
  return true;
}

}  // namespace fb
