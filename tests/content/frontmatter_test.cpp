#include <doctest/doctest.h>

#include "content/frontmatter.h"

using namespace fb;

TEST_CASE("no front matter: the whole text is the body") {
  auto s = split_front_matter("# Title\n\nBody\n");
  CHECK_FALSE(s.present);
  CHECK(s.body == "# Title\n\nBody\n");
}

TEST_CASE("front matter is split with line numbers") {
  auto s = split_front_matter("---\ntitle: x\nowner: y\n---\n# Body\n");
  CHECK(s.present);
  CHECK(s.terminated);
  CHECK(s.yaml == "title: x\nowner: y\n");
  CHECK(s.body == "# Body\n");
  CHECK(s.yaml_line == 2);
  CHECK(s.body_line == 5);
}

TEST_CASE("CRLF line endings and a BOM are accepted") {
  auto s = split_front_matter("\xEF\xBB\xBF---\r\ntitle: x\r\n---\r\nBody\r\n");
  CHECK(s.present);
  CHECK(s.terminated);
  CHECK(s.yaml == "title: x\r\n");
  CHECK(s.body == "Body\r\n");
}

TEST_CASE("--- inside a code block in the body does not end anything") {
  auto s = split_front_matter("---\ntitle: x\n---\n```yaml\n---\nkey: v\n---\n```\n");
  CHECK(s.yaml == "title: x\n");
  CHECK(s.body == "```yaml\n---\nkey: v\n---\n```\n");
}

TEST_CASE("a thematic break later in a file without front matter is not front matter") {
  auto s = split_front_matter("# T\n\n---\n\ntext\n");
  CHECK_FALSE(s.present);
}

TEST_CASE("unterminated front matter is detected") {
  auto s = split_front_matter("---\ntitle: x\n# Body\n");
  CHECK(s.present);
  CHECK_FALSE(s.terminated);
  CHECK(s.yaml.empty());
}

TEST_CASE("empty front matter and the ... terminator") {
  auto e = split_front_matter("---\n---\nBody");
  CHECK(e.present);
  CHECK(e.terminated);
  CHECK(e.yaml.empty());
  CHECK(e.body == "Body");
  auto d = split_front_matter("---\na: 1\n...\nBody");
  CHECK(d.yaml == "a: 1\n");
  CHECK(d.body == "Body");
}
