#include "content/yaml.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>

#include <yaml.h>

namespace fb {

namespace {
const std::string kEmpty;
const std::vector<YamlItem> kNoItems;

YamlMark mark_of(const yaml_mark_t& m) { return {static_cast<int>(m.line), static_cast<int>(m.column)}; }
}  // namespace

YamlNode::YamlNode(YamlType type, YamlMark mark) : d_(std::make_shared<Data>()) {
  d_->type = type;
  d_->mark = mark;
}

YamlNode YamlNode::scalar(std::string value, YamlMark mark, std::string tag) {
  YamlNode n(YamlType::Scalar, mark);
  n.d_->scalar = std::move(value);
  n.d_->tag = std::move(tag);
  return n;
}

const std::string& YamlNode::Scalar() const { return d_ && d_->type == YamlType::Scalar ? d_->scalar : kEmpty; }
const std::string& YamlNode::Tag() const { return d_ ? d_->tag : kEmpty; }
size_t YamlNode::size() const { return d_ ? d_->items.size() : 0; }

YamlNode YamlNode::operator[](size_t i) const {
  if (!IsSequence() || i >= d_->items.size()) return {};
  return d_->items[i];
}

YamlNode YamlNode::operator[](std::string_view key) const {
  if (!IsMap()) return {};
  for (const auto& item : d_->items)
    if (item.first.IsScalar() && item.first.Scalar() == key) return item.second;
  return {};
}

void YamlNode::push_back(YamlNode item) {
  YamlItem it;
  static_cast<YamlNode&>(it) = item;
  d_->items.push_back(std::move(it));
}

void YamlNode::set(const std::string& key, YamlNode value, YamlMark key_mark) {
  for (auto& item : d_->items) {
    if (item.first.IsScalar() && item.first.Scalar() == key) {
      item.second = value;
      static_cast<YamlNode&>(item) = value;
      return;
    }
  }
  YamlItem it;
  it.first = scalar(key, key_mark);
  it.second = value;
  static_cast<YamlNode&>(it) = std::move(value);
  d_->items.push_back(std::move(it));
}

YamlNode::const_iterator YamlNode::begin() const { return d_ ? d_->items.begin() : kNoItems.begin(); }
YamlNode::const_iterator YamlNode::end() const { return d_ ? d_->items.end() : kNoItems.end(); }

bool YamlNode::decode_bool(bool& out) const {
  if (!IsScalar()) return false;
  const std::string& s = d_->scalar;
  static const char* yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y"};
  static const char* no[] = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N"};
  for (const char* t : yes)
    if (s == t) return out = true, true;
  for (const char* f : no)
    if (s == f) return out = false, true;
  return false;
}

bool YamlNode::decode_int(long long& out) const {
  if (!IsScalar() || d_->scalar.empty()) return false;
  const std::string& s = d_->scalar;
  char* end = nullptr;
  errno = 0;
  int base = 10;
  const char* start = s.c_str();
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
    base = s[1] == 'x' ? 16 : 8;
    start += 2;
  }
  long long v = std::strtoll(start, &end, base);
  if (errno || *end != '\0' || end == start) return false;
  out = v;
  return true;
}

bool YamlNode::decode_double(double& out) const {
  if (!IsScalar() || d_->scalar.empty()) return false;
  char* end = nullptr;
  double v = std::strtod(d_->scalar.c_str(), &end);
  if (*end != '\0' || !std::isfinite(v)) return false;
  out = v;
  return true;
}

bool parse_yaml(std::string_view text, YamlNode& out, YamlError& error) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    error = {"cannot initialise the YAML parser", {}};
    return false;
  }
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());

  // Stack of open collections; for maps, a pending key waits for its value.
  struct Frame {
    YamlNode node;
    bool has_key = false;
    YamlNode key;
  };
  std::vector<Frame> stack;
  std::map<std::string, YamlNode> anchors;
  YamlNode root(YamlType::Null);
  bool done = false, ok = true, have_root = false;

  auto attach = [&](const YamlNode& n) {
    if (stack.empty()) {
      root = n;
      have_root = true;
      return;
    }
    Frame& f = stack.back();
    if (f.node.IsSequence()) {
      f.node.push_back(n);
    } else if (!f.has_key) {
      f.key = n;
      f.has_key = true;
    } else {
      // Keys are kept as scalars; a complex key is stored with its first scalar text.
      f.node.set(f.key.IsScalar() ? f.key.Scalar() : std::string("?"), n, f.key.Mark());
      f.has_key = false;
    }
  };

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
        std::string value(reinterpret_cast<const char*>(ev.data.scalar.value), ev.data.scalar.length);
        std::string tag = ev.data.scalar.tag ? reinterpret_cast<const char*>(ev.data.scalar.tag)
                          : ev.data.scalar.plain_implicit ? "?"
                                                          : "!";
        YamlNode n;
        bool plain_null = ev.data.scalar.plain_implicit && tag == "?" &&
                          (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL");
        if (plain_null) n = YamlNode(YamlType::Null, mark_of(ev.start_mark));
        else n = YamlNode::scalar(std::move(value), mark_of(ev.start_mark), std::move(tag));
        if (ev.data.scalar.anchor) anchors[reinterpret_cast<const char*>(ev.data.scalar.anchor)] = n;
        attach(n);
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        bool seq = ev.type == YAML_SEQUENCE_START_EVENT;
        YamlNode n(seq ? YamlType::Sequence : YamlType::Map, mark_of(ev.start_mark));
        const yaml_char_t* anchor = seq ? ev.data.sequence_start.anchor : ev.data.mapping_start.anchor;
        if (anchor) anchors[reinterpret_cast<const char*>(anchor)] = n;
        stack.push_back(Frame{n, false, {}});
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        YamlNode n = stack.back().node;
        stack.pop_back();
        attach(n);
        break;
      }
      case YAML_ALIAS_EVENT: {
        auto it = anchors.find(reinterpret_cast<const char*>(ev.data.alias.anchor));
        if (it == anchors.end()) {
          error = {"unknown anchor", mark_of(ev.start_mark)};
          ok = false;
          done = true;
        } else {
          attach(it->second);
        }
        break;
      }
      case YAML_DOCUMENT_END_EVENT:
        done = have_root;  // only the first document is read
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
  if (ok) out = root;
  return ok;
}

}  // namespace fb
