#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <string>

#include "content/cmark_arena.h"
#include "content/markdown.h"

using namespace fb;

TEST_CASE("cmark arena: aligned, zeroed, growing blocks, memory reused after a rewind") {
  cmark_mem* mem = cmark_arena::allocator();
  cmark_arena::rewind();
  auto* a = static_cast<unsigned char*>(mem->calloc(3, 7));
  REQUIRE(a);
  CHECK(reinterpret_cast<uintptr_t>(a) % 16 == 0);
  for (int i = 0; i < 21; ++i) CHECK(a[i] == 0);
  std::memset(a, 'x', 21);
  // The latest block grows in place; an older one moves, keeping its bytes.
  auto* b = static_cast<char*>(mem->realloc(nullptr, 10));
  std::memcpy(b, "0123456789", 10);
  auto* b2 = static_cast<char*>(mem->realloc(b, 100));
  CHECK(b2 == b);
  auto* a2 = static_cast<unsigned char*>(mem->realloc(a, 4000));
  CHECK(a2 != a);
  for (int i = 0; i < 21; ++i) REQUIRE(a2[i] == 'x');
  CHECK(std::memcmp(b2, "0123456789", 10) == 0);
  // A block larger than a chunk.
  auto* big = static_cast<char*>(mem->calloc(1, 5u << 20));
  REQUIRE(big);
  big[(5u << 20) - 1] = 1;
  mem->free(big);  // nothing to do: a rewind releases everything
  cmark_arena::rewind();
  // The same memory again, zeroed by calloc although it was written before.
  auto* c = static_cast<unsigned char*>(mem->calloc(1, 21));
  CHECK(c == a);
  for (int i = 0; i < 21; ++i) CHECK(c[i] == 0);
  cmark_arena::rewind();
}

TEST_CASE("cmark arena: documents larger than a chunk, one after another") {
  std::string big = "# Big\n\n| a | b |\n|---|---|\n";
  for (int i = 0; i < 40000; ++i) big += "| cell " + std::to_string(i) + " | https://example.com/" + std::to_string(i) + " |\n";
  MarkdownOptions o;
  for (int round = 0; round < 2; ++round) {
    MarkdownFacts f = render_markdown(big, o);
    CHECK(f.html.find("<td>cell 39999</td>") != std::string::npos);
    CHECK(f.links.size() == 40000);
    MarkdownFacts small = render_markdown("## After\n\ntext\n", o);
    CHECK(small.html == "<h2 id=\"after\">After<a class=\"anchor\" href=\"#after\" aria-label=\"Link to this section\">#</a></h2>\n<p>text</p>\n");
  }
}
