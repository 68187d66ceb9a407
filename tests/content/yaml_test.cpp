#include <doctest/doctest.h>

#include "content/yaml.h"

#include <string>
#include <thread>

using namespace fb;

namespace {
YamlNode load(const char* text) {
  YamlNode n;
  YamlError e;
  REQUIRE_MESSAGE(parse_yaml(text, n, e), e.message);
  return n;
}
}  // namespace

TEST_CASE("maps, sequences and scalars with 0-based marks") {
  YamlNode n = load("title: Pool\nalerts:\n  - A\n  - B\nescalation:\n  - level: 1\n    contact: \"@oncall\"\n");
  REQUIRE(n.IsMap());
  CHECK(n["title"].Scalar() == "Pool");
  CHECK(n["alerts"].IsSequence());
  CHECK(n["alerts"].size() == 2);
  CHECK(n["alerts"][1].Scalar() == "B");
  CHECK(n["alerts"][1].Mark().line == 3);
  CHECK(n["alerts"][1].Mark().column == 4);
  CHECK(n["escalation"][0]["contact"].Scalar() == "@oncall");
  CHECK(n["escalation"][0]["contact"].Tag() == "!");
  CHECK(n["escalation"][0]["level"].Tag() == "?");
  CHECK_FALSE(n["missing"].IsDefined());
  CHECK_FALSE(n["alerts"][7].IsDefined());
  // Iteration gives keys with their own marks.
  int keys = 0;
  for (auto it = n.begin(); it != n.end(); ++it, ++keys)
    if (it->first.Scalar() == "escalation") CHECK(it->first.Mark().line == 4);
  CHECK(keys == 3);
}

TEST_CASE("nulls, block scalars, flow collections, anchors") {
  YamlNode n = load("a: ~\nb:\nc: |\n  line 1\n  line 2\nd: [x, {y: 1}]\ne: &anc v\nf: *anc\ng: !!str 12\n");
  CHECK(n["a"].IsNull());
  CHECK(n["b"].IsNull());
  CHECK(n["c"].Scalar() == "line 1\nline 2\n");
  CHECK(n["c"].Tag() == "!");
  CHECK(n["d"][1]["y"].Scalar() == "1");
  CHECK(n["f"].Scalar() == "v");
  CHECK(n["g"].Tag() == "tag:yaml.org,2002:str");
}

TEST_CASE("scalar decoding follows the YAML 1.2 core schema (yes/on/off are strings)") {
  YamlNode n = load("t: true\ny: yes\nf: FALSE\no: Off\nq: 'true'\ni: 42\nh: 0x1F\nd: 1.5\ns: hello\n"
                    "qi: '42'\nbig: 100000000000000000000000000000\n");
  bool b = false;
  CHECK(n["t"].decode_bool(b));
  CHECK(b);
  CHECK_FALSE(n["y"].decode_bool(b));
  CHECK_FALSE(n["o"].decode_bool(b));
  CHECK_FALSE(n["q"].decode_bool(b));
  CHECK(n["f"].decode_bool(b));
  CHECK_FALSE(b);
  CHECK_FALSE(n["s"].decode_bool(b));
  long long i = 0;
  CHECK(n["i"].decode_int(i));
  CHECK(i == 42);
  CHECK(n["h"].decode_int(i));
  CHECK(i == 31);
  CHECK_FALSE(n["d"].decode_int(i));
  CHECK_FALSE(n["qi"].decode_int(i));
  CHECK_FALSE(n["big"].decode_int(i));
  double d = 0;
  CHECK(n["d"].decode_double(d));
  CHECK(d == 1.5);
}

TEST_CASE("syntax errors carry a place") {
  YamlNode n;
  YamlError e;
  CHECK_FALSE(parse_yaml("a: 1\nb: [unclosed\nc: 2\n", n, e));
  CHECK_FALSE(e.message.empty());
  CHECK(e.mark.line >= 1);
  CHECK_FALSE(parse_yaml("a: 1\n  b: 2\n", n, e));
  CHECK(e.mark.line == 1);
  CHECK_FALSE(parse_yaml("x: *nope\n", n, e));
}

TEST_CASE("empty input is null, only the first document is read") {
  YamlNode n;
  YamlError e;
  REQUIRE(parse_yaml("", n, e));
  CHECK(n.IsNull());
  REQUIRE(parse_yaml("a: 1\n---\nb: 2\n", n, e));
  CHECK(n["a"].Scalar() == "1");
  CHECK_FALSE(n["b"].IsDefined());
}

TEST_CASE("building maps: set replaces and keeps key marks") {
  YamlNode m(YamlType::Map);
  m.set("a", YamlNode::scalar("1"), {3, 0});
  m.set("a", YamlNode::scalar("2"), {4, 0});
  CHECK(m.size() == 1);
  CHECK(m["a"].Scalar() == "2");
}

TEST_CASE("building maps: set shares nodes of the same tree, copies nodes of another") {
  YamlNode root = load("a: 1\nb: {c: 2}\n");
  YamlNode out = root.make(YamlType::Map, root.Mark());
  for (auto it = root.begin(); it != root.end(); ++it) out.set(it->first, it->second);
  out.set("renamed", root["a"], {7, 2});
  YamlNode nested = out.make(YamlType::Map);
  out.set("n", nested);
  YamlNode n = out["n"];
  n.set("x", YamlNode::scalar("from another tree", {}, "!"));  // same tree: `out` sees it
  out.set("tail", YamlNode::scalar("t"));                        // `out`'s items move past n's
  n.set("y", root["b"]);
  REQUIRE(out.size() == 5);
  CHECK(out["a"].Scalar() == "1");
  CHECK(out["b"]["c"].Scalar() == "2");
  CHECK(out["renamed"].Scalar() == "1");
  CHECK(out["n"]["x"].Scalar() == "from another tree");
  CHECK(out["n"]["x"].Tag() == "!");
  CHECK(out["n"]["y"]["c"].Scalar() == "2");
  CHECK(out["tail"].Scalar() == "t");
  std::vector<std::string> keys;
  for (const auto& item : out) keys.emplace_back(item.first.Scalar());
  CHECK(keys == std::vector<std::string>{"a", "b", "renamed", "n", "tail"});
  // Key marks: the shared key node keeps its place, a new key carries the given mark.
  auto it = out.begin();
  CHECK(it->first.Mark().line == 0);
  ++it;
  ++it;
  CHECK(it->first.Mark().line == 7);
  CHECK(it->first.Mark().column == 2);
  // The source map is unchanged.
  CHECK(root.size() == 2);
  CHECK_FALSE(root["renamed"].IsDefined());
  // A sequence built by push_back, with an undefined and a copied item.
  YamlNode seq(YamlType::Sequence);
  seq.push_back(YamlNode::scalar("s"));
  seq.push_back(root["b"]);
  seq.push_back(YamlNode{});
  REQUIRE(seq.size() == 3);
  CHECK(seq[0].Scalar() == "s");
  CHECK(seq[1]["c"].Scalar() == "2");
  CHECK_FALSE(seq[2].IsDefined());
}

TEST_CASE("duplicate keys: the first key's place, the last value") {
  YamlNode n = load("a: 1\nb: 2\na: 3\n");
  REQUIRE(n.size() == 2);
  CHECK(n["a"].Scalar() == "3");
  auto it = n.begin();
  CHECK(it->first.Scalar() == "a");
  CHECK(it->first.Mark().line == 0);
  CHECK(it->second.Mark().line == 2);
}

TEST_CASE("keys are plain scalars, and null and complex keys read as ?") {
  YamlNode n = load("\"q\": 1\n~: 2\n? [x]\n: 3\n");
  REQUIRE(n.size() == 2);  // the null key and the complex key are both "?"
  auto it = n.begin();
  CHECK(it->first.Scalar() == "q");
  CHECK(it->first.Tag() == "?");
  CHECK(it->second.Scalar() == "1");
  ++it;
  CHECK(it->first.Scalar() == "?");
  CHECK(it->second.Scalar() == "3");
}

TEST_CASE("aliases share their anchor's node, the latest anchor of a name wins") {
  YamlNode n = load("base: &b {x: 1, y: [a, b]}\nother: *b\nv: &s one\nw: &s two\nz: *s\n");
  CHECK(n["other"]["x"].Scalar() == "1");
  CHECK(n["other"]["y"][1].Scalar() == "b");
  CHECK(n["other"].Mark().line == n["base"].Mark().line);
  CHECK(n["z"].Scalar() == "two");
}

TEST_CASE("a deep tree and a map with many keys") {
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += "[";
  deep += "leaf";
  for (int i = 0; i < 200; ++i) deep += "]";
  YamlNode d = load(deep.c_str());
  for (int i = 0; i < 200; ++i) {
    REQUIRE(d.IsSequence());
    REQUIRE(d.size() == 1);
    d = d[0];
  }
  CHECK(d.Scalar() == "leaf");

  std::string many;
  for (int i = 0; i < 2000; ++i) many += "key" + std::to_string(i) + ": [v" + std::to_string(i) + ", {n: " + std::to_string(i) + "}]\n";
  YamlNode m = load(many.c_str());
  REQUIRE(m.size() == 2000);
  CHECK(m["key0"][0].Scalar() == "v0");
  CHECK(m["key1999"][1]["n"].Scalar() == "1999");
  CHECK(m["key1234"].Mark().line == 1234);
  size_t i = 0;
  for (auto it = m.begin(); it != m.end(); ++it, ++i) REQUIRE(it->first.Scalar() == "key" + std::to_string(i));
}

TEST_CASE("handles outlive the root handle and the iterator they came from") {
  YamlNode value, key;
  {
    YamlNode root = load("k: {deep: [text that is longer than a small string]}\n");
    for (const auto& item : root) {
      key = item.first;  // a copy of an iteration view owns the tree
      value = item.second;
    }
  }
  CHECK(key.Scalar() == "k");
  CHECK(value["deep"][0].Scalar() == "text that is longer than a small string");
  YamlNode item = value["deep"][0];
  value = YamlNode{};
  key = YamlNode{};
  CHECK(item.Scalar() == "text that is longer than a small string");
}

TEST_CASE("concurrent reads of one tree from two threads") {
  std::string text;
  for (int i = 0; i < 300; ++i) text += "k" + std::to_string(i) + ": {a: [" + std::to_string(i) + ", x], b: text}\n";
  const YamlNode root = load(text.c_str());
  auto reader = [&root](long long& sum) {
    for (int round = 0; round < 20; ++round) {
      for (const auto& item : root) {
        YamlNode a = item.second["a"];  // owning copies: reference counts from both threads
        long long v = 0;
        if (a[0].decode_int(v)) sum += v;
      }
    }
  };
  long long s1 = 0, s2 = 0;
  std::thread t1(reader, std::ref(s1)), t2(reader, std::ref(s2));
  t1.join();
  t2.join();
  CHECK(s1 == 20LL * 299 * 300 / 2);
  CHECK(s2 == s1);
}
