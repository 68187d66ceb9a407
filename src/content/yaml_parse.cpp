// parse_yaml: the fast path for plain block YAML (yaml_simple.cpp), else libyaml's event stream, both
// through one TreeBuilder.
#include <cstring>

#include <yaml.h>

#include "content/yaml_events.h"

namespace fb {

namespace yaml_events {

namespace {
using Rec = YamlTree::Rec;
using Item = YamlTree::Item;
constexpr uint32_t kNone = YamlTree::kNone;

YamlMark mark_of(const yaml_mark_t& m) { return {static_cast<int>(m.line), static_cast<int>(m.column)}; }

/// A map key as a plain scalar node: complex and null keys become "?" (keys are looked up by text).
uint32_t key_node(YamlTree& t, uint32_t k) {
  const Rec r = t.nodes[k];
  if (r.type == YamlType::Scalar && r.tag == YamlTree::kPlain) return k;
  YamlMark mark{r.line, r.column};
  if (r.type != YamlType::Scalar) return t.add_scalar("?", mark, "?");
  uint32_t i = t.add(YamlType::Scalar, mark);  // same text, plain tag
  t.nodes[i].a = r.a;
  t.nodes[i].b = r.b;
  t.nodes[i].tag = YamlTree::kPlain;
  return i;
}

const char* str(const yaml_char_t* s) { return reinterpret_cast<const char*>(s); }
}  // namespace

void TreeBuilder::clear() {
  tree.nodes.clear();
  tree.items.clear();
  tree.pool.clear();
  pending.clear();
  stack.clear();
  anchors.clear();
  duplicates.clear();
  root = kNone;
}

/// Attaches node `n` to the innermost open collection (or makes it the root).
void TreeBuilder::attach(uint32_t n) {
  if (stack.empty()) {
    root = n;
    return;
  }
  Frame& f = stack.back();
  YamlTree& t = tree;
  if (t.nodes[f.node].type == YamlType::Sequence) {
    pending.push_back({kNone, n});
  } else if (!f.has_key) {
    f.key = n;
    f.has_key = true;
  } else {
    f.has_key = false;
    uint32_t k = key_node(t, f.key);
    std::string_view text = t.text(t.nodes[k]);
    for (size_t p = f.start; p < pending.size(); ++p) {
      const Rec& kr = t.nodes[pending[p].key];
      if (kr.b == text.size() && t.text(kr) == text) {  // a duplicate key: the last value wins
        pending[p].value = n;
        const Rec& second = t.nodes[k];
        duplicates.push_back({std::string(text), {kr.line, kr.column}, {second.line, second.column}});
        return;
      }
    }
    pending.push_back({k, n});
  }
}

void TreeBuilder::scalar(std::string_view value, YamlMark mark, std::string_view tag, const char* anchor) {
  bool plain_null =
      tag == "?" && (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL");
  uint32_t n = plain_null ? tree.add(YamlType::Null, mark) : tree.add_scalar(value, mark, tag);
  if (anchor) anchors.emplace_back(anchor, n);
  attach(n);
}

void TreeBuilder::start(bool sequence, YamlMark mark, const char* anchor) {
  uint32_t n = tree.add(sequence ? YamlType::Sequence : YamlType::Map, mark);
  if (anchor) anchors.emplace_back(anchor, n);
  stack.push_back({n, static_cast<uint32_t>(pending.size())});
}

void TreeBuilder::end() {
  Frame f = stack.back();
  stack.pop_back();
  Rec& r = tree.nodes[f.node];
  r.a = static_cast<uint32_t>(tree.items.size());
  r.b = static_cast<uint32_t>(pending.size() - f.start);
  tree.items.insert(tree.items.end(), pending.begin() + f.start, pending.end());
  pending.resize(f.start);
  attach(f.node);
}

bool TreeBuilder::alias(std::string_view name) {
  auto it = anchors.rbegin();  // the latest definition of a name wins
  while (it != anchors.rend() && it->first != name) ++it;
  if (it == anchors.rend()) return false;
  attach(it->second);
  return true;
}

YamlNode TreeBuilder::finish() {
  YamlTree& t = tree;
  if (root == kNone) root = t.add(YamlType::Null, {});  // an empty document
  auto* out = new YamlTree;
  // Exactly sized, plus room for one rebuilt root map (content's `fields:` mapping builds it in this
  // tree): without it the first addition would double each array.
  size_t root_items = t.nodes[root].type == YamlType::Map ? t.nodes[root].b : 0;
  out->nodes.reserve(t.nodes.size() + 16);
  out->nodes.assign(t.nodes.begin(), t.nodes.end());
  out->items.reserve(t.items.size() + root_items + 16);
  out->items.assign(t.items.begin(), t.items.end());
  out->pool.reserve(t.pool.size() + 128);
  out->pool.assign(t.pool);
  uint32_t r = root;
  if (t.pool.capacity() > (1u << 20)) {  // do not keep an outlier's memory
    t.pool = std::string();
    t.nodes = std::vector<Rec>();
    t.items = std::vector<Item>();
    pending = std::vector<Item>();
  }
  return YamlNode::adopt_tree(out, r);
}

TreeBuilder& thread_builder() {
  thread_local TreeBuilder builder;
  return builder;
}

bool parse_with_libyaml(std::string_view text, TreeBuilder& b, YamlError& error) {
  b.clear();
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    error = {"cannot initialise the YAML parser", {}, {}};
    return false;
  }
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  bool done = false, ok = true;
  while (!done) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) {
      std::string msg = parser.problem ? parser.problem : "syntax error";
      error = {msg, mark_of(parser.problem_mark), {}};
      if (parser.context) {
        // "while parsing a flow sequence": the author must edit where it opened, not where the parser
        // gave up (often the next line).
        error.message = std::string(parser.context) + ": " + msg;
        YamlMark opened = mark_of(parser.context_mark);
        if (opened.line >= 0 && (opened.line != error.mark.line || opened.column != error.mark.column)) {
          error.stopped = error.mark;
          error.mark = opened;
        }
      }
      ok = false;
      break;
    }
    switch (ev.type) {
      case YAML_SCALAR_EVENT: {
        std::string_view value(str(ev.data.scalar.value), ev.data.scalar.length);
        const char* tag = ev.data.scalar.tag ? str(ev.data.scalar.tag) : ev.data.scalar.plain_implicit ? "?" : "!";
        const char* anchor = ev.data.scalar.anchor ? str(ev.data.scalar.anchor) : nullptr;
        b.scalar(value, mark_of(ev.start_mark), tag, anchor);
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        bool seq = ev.type == YAML_SEQUENCE_START_EVENT;
        const yaml_char_t* anchor = seq ? ev.data.sequence_start.anchor : ev.data.mapping_start.anchor;
        b.start(seq, mark_of(ev.start_mark), anchor ? str(anchor) : nullptr);
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        b.end();
        break;
      case YAML_ALIAS_EVENT:
        if (!b.alias(str(ev.data.alias.anchor))) {
          error = {"unknown anchor", mark_of(ev.start_mark), {}};
          ok = false;
          done = true;
        }
        break;
      case YAML_DOCUMENT_END_EVENT:
        done = b.root != kNone;  // only the first document is read
        break;
      case YAML_STREAM_END_EVENT:
        done = true;
        break;
      default:
        break;
    }
    yaml_event_delete(&ev);
  }
  yaml_parser_delete(&parser);
  return ok;
}

}  // namespace yaml_events

bool parse_yaml(std::string_view text, YamlNode& out, YamlError& error, std::vector<YamlDuplicateKey>* duplicates) {
  yaml_events::TreeBuilder& b = yaml_events::thread_builder();
  if (!yaml_events::parse_simple(text, b) && !yaml_events::parse_with_libyaml(text, b, error)) return false;
  if (duplicates) *duplicates = std::move(b.duplicates);
  b.duplicates.clear();
  out = b.finish();
  return true;
}

}  // namespace fb
