// parse_yaml: builds a YamlTree (content/yaml.h) from libyaml's event stream.
#include <cstring>

#include <yaml.h>

#include "content/yaml.h"

namespace fb {

namespace {
using Rec = YamlTree::Rec;
using Item = YamlTree::Item;
constexpr uint32_t kNone = YamlTree::kNone;

YamlMark mark_of(const yaml_mark_t& m) { return {static_cast<int>(m.line), static_cast<int>(m.column)}; }
}  // namespace

namespace {
/// Reused per thread across documents: the tree is built here, then copied once into exactly sized arrays.
struct Scratch {
  struct Frame {
    uint32_t node;          // the open collection
    uint32_t start;         // its first item in `pending`
    uint32_t key = kNone;   // a map's key waiting for its value
    bool has_key = false;
  };
  YamlTree tree;               // nodes, pool and finished items
  std::vector<Item> pending;   // items of the open collections, innermost last
  std::vector<Frame> stack;
  std::vector<std::pair<std::string, uint32_t>> anchors;

  void clear() {
    tree.nodes.clear();
    tree.items.clear();
    tree.pool.clear();
    pending.clear();
    stack.clear();
    anchors.clear();
  }
};

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

/// Attaches node `n` to the innermost open collection (or makes it the root).
void attach(Scratch& s, uint32_t n, uint32_t& root) {
  if (s.stack.empty()) {
    root = n;
    return;
  }
  Scratch::Frame& f = s.stack.back();
  YamlTree& t = s.tree;
  if (t.nodes[f.node].type == YamlType::Sequence) {
    s.pending.push_back({kNone, n});
  } else if (!f.has_key) {
    f.key = n;
    f.has_key = true;
  } else {
    f.has_key = false;
    uint32_t k = key_node(t, f.key);
    std::string_view text = t.text(t.nodes[k]);
    for (size_t p = f.start; p < s.pending.size(); ++p) {
      const Rec& kr = t.nodes[s.pending[p].key];
      if (kr.b == text.size() && t.text(kr) == text) {  // a duplicate key: the last value wins
        s.pending[p].value = n;
        return;
      }
    }
    s.pending.push_back({k, n});
  }
}

const char* str(const yaml_char_t* s) { return reinterpret_cast<const char*>(s); }
}  // namespace

bool parse_yaml(std::string_view text, YamlNode& out, YamlError& error) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    error = {"cannot initialise the YAML parser", {}};
    return false;
  }
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());

  thread_local Scratch scratch;
  Scratch& s = scratch;
  s.clear();
  YamlTree& t = s.tree;
  t.pool.reserve(text.size() + 64);
  uint32_t root = kNone;
  bool done = false, ok = true;

  while (!done) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) {
      std::string msg = parser.problem ? parser.problem : "syntax error";
      if (parser.context) msg = std::string(parser.context) + ": " + msg;
      error = {msg, mark_of(parser.problem_mark)};
      ok = false;
      break;
    }
    switch (ev.type) {
      case YAML_SCALAR_EVENT: {
        std::string_view value(str(ev.data.scalar.value), ev.data.scalar.length);
        const char* tag = ev.data.scalar.tag ? str(ev.data.scalar.tag) : ev.data.scalar.plain_implicit ? "?" : "!";
        bool plain_null = ev.data.scalar.plain_implicit && std::string_view(tag) == "?" &&
                          (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL");
        uint32_t n = plain_null ? t.add(YamlType::Null, mark_of(ev.start_mark))
                                : t.add_scalar(value, mark_of(ev.start_mark), tag);
        if (ev.data.scalar.anchor) s.anchors.emplace_back(str(ev.data.scalar.anchor), n);
        attach(s, n, root);
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        bool seq = ev.type == YAML_SEQUENCE_START_EVENT;
        uint32_t n = t.add(seq ? YamlType::Sequence : YamlType::Map, mark_of(ev.start_mark));
        const yaml_char_t* anchor = seq ? ev.data.sequence_start.anchor : ev.data.mapping_start.anchor;
        if (anchor) s.anchors.emplace_back(str(anchor), n);
        s.stack.push_back({n, static_cast<uint32_t>(s.pending.size())});
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        Scratch::Frame f = s.stack.back();
        s.stack.pop_back();
        Rec& r = t.nodes[f.node];
        r.a = static_cast<uint32_t>(t.items.size());
        r.b = static_cast<uint32_t>(s.pending.size() - f.start);
        t.items.insert(t.items.end(), s.pending.begin() + f.start, s.pending.end());
        s.pending.resize(f.start);
        attach(s, f.node, root);
        break;
      }
      case YAML_ALIAS_EVENT: {
        std::string_view name = str(ev.data.alias.anchor);
        auto it = s.anchors.rbegin();  // the latest definition of a name wins
        while (it != s.anchors.rend() && it->first != name) ++it;
        if (it == s.anchors.rend()) {
          error = {"unknown anchor", mark_of(ev.start_mark)};
          ok = false;
          done = true;
        } else {
          attach(s, it->second, root);
        }
        break;
      }
      case YAML_DOCUMENT_END_EVENT:
        done = root != kNone;  // only the first document is read
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
  if (!ok) return false;

  if (root == kNone) root = t.add(YamlType::Null, {});  // an empty document
  auto* tree = new YamlTree;
  // Exactly sized, plus room for one rebuilt root map (content's `fields:` mapping builds it in this
  // tree): without it the first addition would double each array.
  size_t root_items = t.nodes[root].type == YamlType::Map ? t.nodes[root].b : 0;
  tree->nodes.reserve(t.nodes.size() + 16);
  tree->nodes.assign(t.nodes.begin(), t.nodes.end());
  tree->items.reserve(t.items.size() + root_items + 16);
  tree->items.assign(t.items.begin(), t.items.end());
  tree->pool.reserve(t.pool.size() + 128);
  tree->pool.assign(t.pool);
  if (t.pool.capacity() > (1u << 20)) {  // do not keep an outlier's memory
    t.pool = std::string();
    t.nodes = std::vector<Rec>();
    t.items = std::vector<Item>();
    s.pending = std::vector<Item>();
  }
  out = YamlNode(tree, root);
  return true;
}

}  // namespace fb
