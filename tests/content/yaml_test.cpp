#include <doctest/doctest.h>

#include "content/yaml.h"

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

TEST_CASE("scalar decoding") {
  YamlNode n = load("t: true\ny: yes\nf: Off\ni: 42\nh: 0x1F\nd: 1.5\ns: hello\n");
  bool b = false;
  CHECK(n["t"].decode_bool(b));
  CHECK(b);
  CHECK(n["y"].decode_bool(b));
  CHECK(n["f"].decode_bool(b));
  CHECK_FALSE(b);
  CHECK_FALSE(n["s"].decode_bool(b));
  long long i = 0;
  CHECK(n["i"].decode_int(i));
  CHECK(i == 42);
  CHECK(n["h"].decode_int(i));
  CHECK(i == 31);
  CHECK_FALSE(n["d"].decode_int(i));
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
