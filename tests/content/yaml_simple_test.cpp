// The fast path for plain block YAML (content/yaml_simple.cpp) against libyaml: whenever it takes a
// text, the tree must be the one libyaml's events build, node for node (marks, tags, texts, order);
// what it declines must still parse as before through libyaml.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "content/frontmatter.h"
#include "content/yaml_events.h"
#include "util/fs.h"

using namespace fb;
using namespace fb::yaml_events;

namespace {

/// One parse's result, for comparison: every node record, item and pooled byte, and the root.
struct Parsed {
  bool ok = false;
  std::vector<YamlTree::Rec> nodes;
  std::vector<YamlTree::Item> items;
  std::string pool;
  uint32_t root = YamlTree::kNone;
};

Parsed snapshot(bool ok, const TreeBuilder& b) {
  Parsed p;
  p.ok = ok;
  if (!ok) return p;
  p.nodes = b.tree.nodes;
  p.items = b.tree.items;
  p.pool = b.tree.pool;
  p.root = b.root;
  return p;
}

Parsed with_simple(std::string_view text) {
  TreeBuilder b;
  bool ok = parse_simple(text, b);
  return snapshot(ok, b);
}

Parsed with_libyaml(std::string_view text) {
  TreeBuilder b;
  YamlError e;
  bool ok = parse_with_libyaml(text, b, e);
  return snapshot(ok, b);
}

/// The first difference between two trees, or "" when they are the same.
std::string difference(const Parsed& a, const Parsed& b) {
  if (a.root != b.root) return "root " + std::to_string(a.root) + " vs " + std::to_string(b.root);
  if (a.pool != b.pool) return "pool '" + a.pool + "' vs '" + b.pool + "'";
  if (a.nodes.size() != b.nodes.size()) return "node count";
  for (size_t i = 0; i < a.nodes.size(); ++i) {
    const auto& x = a.nodes[i];
    const auto& y = b.nodes[i];
    if (x.a != y.a || x.b != y.b || x.c != y.c || x.d != y.d || x.type != y.type || x.tag != y.tag)
      return "node " + std::to_string(i);
    if (x.line != y.line || x.column != y.column)
      return "mark of node " + std::to_string(i) + ": " + std::to_string(x.line) + ":" + std::to_string(x.column) +
             " vs " + std::to_string(y.line) + ":" + std::to_string(y.column);
  }
  if (a.items.size() != b.items.size()) return "item count";
  for (size_t i = 0; i < a.items.size(); ++i)
    if (a.items[i].key != b.items[i].key || a.items[i].value != b.items[i].value) return "item " + std::to_string(i);
  return "";
}

/// Checks that the fast path takes `text` and builds libyaml's tree.
void check_taken(const std::string& text) {
  CAPTURE(text);
  Parsed fast = with_simple(text);
  Parsed ref = with_libyaml(text);
  REQUIRE(ref.ok);
  REQUIRE_MESSAGE(fast.ok, "the fast path declined a plain text");
  CHECK_MESSAGE(difference(fast, ref).empty(), difference(fast, ref));
}

/// Checks that the fast path declines `text` (which parse_yaml then gives to libyaml).
void check_declined(const std::string& text) {
  CAPTURE(text);
  CHECK_FALSE(with_simple(text).ok);
}

}  // namespace

TEST_CASE("fast YAML path: the shapes front matter is written in, as libyaml reads them") {
  check_taken("title: Pool exhausted\nseverity: SEV2\n");
  check_taken("title: Pool exhausted");  // no final newline
  check_taken("\n\n# a comment\ntitle: x   \n\n   # an indented comment\nowner: team-db # trailing comment\n");
  check_taken("services: [api, db]\ntags: []\nempty: [ ]\nspaced: [ a b ,  c  ]\n");
  check_taken("quoted: [\"@oncall\", 'it''s', plain]\n");
  check_taken("contact: \"@growth-oncall\"\nsingle: 'don''t'\nempty_quotes: \"\"\nempty_single: ''\n");
  check_taken("a: ~\nb: null\nc: Null\nd: NULL\ne: nullish\n");
  check_taken("url: https://example.com/a#b\ntime: 09:29\nk: a:b\nhash: C# and F#\n");
  check_taken("key : spaced key\na:b: colon in key\nz: 1\n");
  check_taken("alerts:\n  - A\n  - B\nescalation:\n  - level: 1\n    contact: \"@oncall\"\n    after: 15m\n"
              "  - level: 2\n    contact: Lead (Fatima Patel)\n");
  check_taken("tags:\n- indentless\n- list\nnext: 1\n");
  check_taken("timeline:\n- at: 2026-04-09T09:29:00Z\n  event: \"Impact starts: x\"\n  action: \"\"\n- at: t2\n"
              "  event: e\nnext: [x]\n");
  check_taken("root_cause:\n  category: network\n  summary: Packet loss, between zones.\nafter: x\n");
  check_taken("deep:\n  a:\n    b:\n      - c: 1\n        d:\n          - e\n          - f\n  g: h\n");
  check_taken("items:\n  -   wide: 1\n      next: 2\n  -    x\n");
  check_taken("dup: 1\nother: 2\ndup: 3\n");
  check_taken("title: Réseau — café naïve\nnames: [Zoë, 李雷, after]\n");
  check_taken("  indented: root\n  second: key\n");
  check_taken("list:\n  - a # comment\n  - 'b' # comment\n  - [c, d] # comment\n");
  check_taken("v: 5-\nw: a - b\nx: a -b\n");
  check_taken("text: brackets [x] and {y} and, commas\n");
}

TEST_CASE("fast YAML path: declines what it does not read exactly as libyaml does") {
  check_declined("");                                  // empty document (Null)
  check_declined("# only a comment\n");
  check_declined("- a\n- b\n");                       // the root is not a mapping
  check_declined("plain scalar\n");
  check_declined("a:\tb\n");                          // tab
  check_declined("a: b\r\nc: d\r\n");                 // CR
  check_declined("\xEF\xBB\xBF" "a: b\n");            // BOM
  check_declined("a: \xF0\x9F\x94\xA5\n");            // a 4-byte character
  check_declined("a: x\xC2\x85y\n");                  // NEL is a YAML line break
  check_declined("a: x\xE2\x80\xA8y\n");              // LS
  check_declined("a:\nb: 1\n");                       // an empty value (null)
  check_declined("a:\n");
  check_declined("a: # only a comment\nb: 1\n");
  check_declined("a: |\n  block\n");
  check_declined("a: >-\n  folded\n");
  check_declined("a: &x v\nb: *x\n");
  check_declined("a: !!str 1\n");
  check_declined("a: {b: 1}\n");
  check_declined("a: [b, {c: 1}]\n");
  check_declined("a: [b, [c]]\n");
  check_declined("a: [b,\n  c]\n");                   // a flow list over two lines
  check_declined("a: [b, c,]\n");                     // trailing comma
  check_declined("a: [b: c]\n");
  check_declined("a: \"line \\n escape\"\n");
  check_declined("a: \"open\n  quote\"\n");
  check_declined("a: b\n  continued\n");              // a multi-line plain scalar
  check_declined("a:\n  value below\n");
  check_declined("a: b: c\n");                        // libyaml's error
  check_declined("a: b:\n");
  check_declined("a: 1\n  b: 2\n");                   // bad indentation: libyaml's error
  check_declined("a:\n  - x\n  y: 1\n");
  check_declined("a:\n  - x\n -y\n");
  check_declined("a:\n  -\n    b\n");
  check_declined("a:\n  - - x\n");
  check_declined("a: 1\n---\nb: 2\n");                // a second document
  check_declined("a: 1\n...\n");
  check_declined("? complex\n: key\n");
  check_declined("a: @reserved\n");
  check_declined("a: `reserved`\n");
  check_declined("a: %x\n");
  check_declined("a: -x\n");
  check_declined("- a: 1\n");
  check_declined("a: 'x' y\n");                       // text after a quoted scalar
  check_declined("a: \"x\"#c\n");
  check_declined("a: [x]#c\n");
  check_declined("a: [x] y\n");
  check_declined(std::string(1100, 'k') + ": v\n");   // a key longer than libyaml's simple-key limit
}

TEST_CASE("fast YAML path: the example site and the test fixtures") {
  size_t files = 0, taken = 0;
  for (const char* dir : {"content", "tests/fixtures", "archetypes", "themes/default/archetypes"}) {
    std::filesystem::path root = std::filesystem::path(FB_SOURCE_DIR) / dir;
    if (!std::filesystem::exists(root)) continue;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
      std::string ext = entry.path().extension().string();
      if (!entry.is_regular_file() || (ext != ".md" && ext != ".yaml" && ext != ".yml")) continue;
      std::optional<std::string> bytes = read_file(entry.path());
      REQUIRE(bytes);
      FrontMatterSplit split = split_front_matter(*bytes);
      std::string_view yaml = ext == ".md" ? split.yaml : split.present && split.terminated ? split.yaml : *bytes;
      CAPTURE(entry.path().string());
      Parsed fast = with_simple(yaml);
      Parsed ref = with_libyaml(yaml);
      ++files;
      if (!fast.ok) continue;
      ++taken;
      REQUIRE(ref.ok);
      CHECK_MESSAGE(difference(fast, ref).empty(), difference(fast, ref));
    }
  }
  // Folded summaries (`>-`) and the fixtures' deliberate errors go to libyaml; the rest takes the fast
  // path (38 of 81 files when this was written), so the comparison above covers real front matter.
  CHECK(files > 60);
  CHECK(taken >= 30);
}

TEST_CASE("fast YAML path: random texts built from front-matter pieces never differ from libyaml") {
  // Lines made of keys, values and indentation that sit on the fast path's edges (quotes, colons,
  // hashes, brackets, dashes, nulls, Unicode). Whatever the fast path takes must be what libyaml
  // reads; texts libyaml rejects must be declined.
  const std::vector<std::string> keys = {"title", "a", "key with space", "k:x", "tags", "~", "C#", "é", "x "};
  const std::vector<std::string> values = {
      "v", "two words", "a: b", "a:b", "x # c", "x#c", "'q''s'", "\"dq\"", "\"a\\\"b\"", "[a, b]", "[]", "[a,]",
      "[\"x\", 'y']", "[a: b]", "~", "null", "", " ", "- x", "-x", "x -", "@x", "&a x", "*a", "|", "{a: 1}",
      "é → ü", "a, b", "http://x:80/y", "'open", "\"open", "[open", "x ", "#", "t:", "...", "---"};
  std::mt19937 rng(12345);
  auto pick = [&rng](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  size_t taken = 0;
  const int kTexts = 6000;
  for (int n = 0; n < kTexts; ++n) {
    std::string text;
    int lines = 1 + static_cast<int>(rng() % 7);
    for (int l = 0; l < lines; ++l) {
      int indent = static_cast<int>(rng() % 5 == 0 ? rng() % 5 : 0) + (l > 0 && rng() % 3 == 0 ? 2 : 0);
      text += std::string(static_cast<size_t>(indent), ' ');
      switch (rng() % 6) {
        case 0: text += "- " + pick(values); break;
        case 1: text += "- " + pick(keys) + ": " + pick(values); break;
        case 2: text += pick(keys) + ":"; break;
        case 3: text += "# " + pick(values); break;
        default: text += pick(keys) + ": " + pick(values); break;
      }
      text += '\n';
    }
    Parsed fast = with_simple(text);
    if (!fast.ok) continue;
    ++taken;
    CAPTURE(text);
    Parsed ref = with_libyaml(text);
    REQUIRE_MESSAGE(ref.ok, "the fast path took a text libyaml rejects");
    REQUIRE_MESSAGE(difference(fast, ref).empty(), difference(fast, ref));
  }
  CHECK(taken > kTexts / 20);  // the property is tested on a good number of taken texts
}

TEST_CASE("parse_yaml gives the same tree whichever parser reads the text") {
  // The fast path's tree and libyaml's, as YamlNodes: same values, tags and marks.
  const char* text = "title: T\nlist:\n  - at: 1\n    by: \"x\"\nflow: [a, 'b']\n";
  YamlNode n;
  YamlError e;
  REQUIRE(parse_yaml(text, n, e));
  TreeBuilder b;
  REQUIRE(parse_with_libyaml(text, b, e));
  YamlNode ref = b.finish();
  CHECK(n["list"][0]["by"].Scalar() == ref["list"][0]["by"].Scalar());
  CHECK(n["list"][0]["by"].Tag() == "!");
  CHECK(n["flow"][1].Mark().column == ref["flow"][1].Mark().column);
  CHECK(n["list"][0].Mark().line == 2);
  CHECK(n["list"][0].Mark().column == 4);
}
