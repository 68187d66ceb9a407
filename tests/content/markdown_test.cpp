#include <doctest/doctest.h>

#include <filesystem>
#include <optional>
#include <string>

#include "content/frontmatter.h"
#include "content/markdown.h"
#include "util/fs.h"

using namespace fb;

TEST_CASE("headings get stable, unique anchor ids in the HTML") {
  MarkdownOptions o;
  auto f = render_markdown("# Title\n\n## Diagnosis\n\ntext\n\n## Diagnosis\n\n### Check `pg_stat_activity`\n", o);
  REQUIRE(f.headings.size() == 4);
  CHECK(f.headings[1].anchor == "diagnosis");
  CHECK(f.headings[2].anchor == "diagnosis-1");
  CHECK(f.headings[3].anchor == "check-pg_stat_activity");
  CHECK(f.headings[3].text == "Check pg_stat_activity");
  CHECK(f.html.find("<h2 id=\"diagnosis\">Diagnosis<a class=\"anchor\" href=\"#diagnosis\"") != std::string::npos);
  CHECK(f.html.find("<h3 id=\"check-pg_stat_activity\">Check <code>pg_stat_activity</code>") != std::string::npos);
  CHECK(f.first_h1 == "Title");
}

TEST_CASE("heading lines account for the front-matter offset") {
  MarkdownOptions o;
  o.line_offset = 10;
  auto f = render_markdown("intro\n\n## Mitigation\n", o);
  REQUIRE(f.headings.size() == 1);
  CHECK(f.headings[0].line == 13);
}

TEST_CASE("GFM extensions: tables, task lists, strikethrough, autolinks, footnotes") {
  MarkdownOptions o;
  auto f = render_markdown(
      "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~old~~\n\nsee https://example.com\n\nNote[^1]\n\n[^1]: foot\n",
      o);
  CHECK(f.html.find("<table>") != std::string::npos);
  CHECK(f.html.find("type=\"checkbox\"") != std::string::npos);
  CHECK(f.html.find("<del>old</del>") != std::string::npos);
  CHECK(f.html.find("<a href=\"https://example.com\">") != std::string::npos);
  CHECK(f.html.find("footnote") != std::string::npos);
}

TEST_CASE("raw HTML is omitted unless unsafe_html is on") {
  MarkdownOptions o;
  auto safe = render_markdown("<script>alert(1)</script>\n\ntext <b>bold</b>\n", o);
  CHECK(safe.html.find("<script>") == std::string::npos);
  CHECK(safe.html.find("<b>") == std::string::npos);
  o.unsafe_html = true;
  auto unsafe = render_markdown("text <b>bold</b>\n", o);
  CHECK(unsafe.html.find("<b>bold</b>") != std::string::npos);
  // tagfilter still neutralises <script> even when raw HTML is allowed.
  auto filtered = render_markdown("<script>alert(1)</script>\n", o);
  CHECK(filtered.html.find("<script>") == std::string::npos);
}

TEST_CASE("links, code blocks and sections are collected") {
  MarkdownOptions o;
  o.line_offset = 4;
  auto f = render_markdown("## Diagnosis\n\nSee [pool](../runbooks/pool.md#mitigation).\n\n```bash\nkubectl get pods\n```\n", o);
  REQUIRE(f.links.size() == 1);
  CHECK(f.links[0].url == "../runbooks/pool.md#mitigation");
  CHECK(f.links[0].line == 7);
  REQUIRE(f.code_blocks.size() == 1);
  CHECK(f.code_blocks[0].info == "bash");
  CHECK(f.code_blocks[0].code == "kubectl get pods\n");
  REQUIRE(f.sections.size() == 1);
  CHECK(f.sections[0].heading == "Diagnosis");
  CHECK(f.text_of(f.sections[0]).find("See pool.") != std::string::npos);
  CHECK(f.html.find("class=\"language-bash\"") != std::string::npos);
}

TEST_CASE("a leading H1 is dropped only when it repeats the title") {
  MarkdownOptions o;
  o.drop_leading_h1 = true;
  auto same = render_markdown("# Disk full\n\ntext\n", o);
  CHECK(same.html.find("<h1") == std::string::npos);
  o.title = "Node disk almost full";
  auto differs = render_markdown("# NodeDiskFull\n\ntext\n", o);
  CHECK(differs.html.find("<h1 id=\"nodediskfull\">") != std::string::npos);
}

TEST_CASE("link rewriting hook") {
  MarkdownOptions o;
  o.rewrite_link = [](std::string_view url, const void*) -> std::string {
    return url == "x.md" ? "../x/index.html" : "";
  };
  auto f = render_markdown("[x](x.md) [y](https://y.example)\n", o);
  CHECK(f.html.find("href=\"../x/index.html\"") != std::string::npos);
  CHECK(f.html.find("href=\"https://y.example\"") != std::string::npos);
  CHECK(f.links[0].url == "x.md");
}

TEST_CASE("table cells and rows are separated in the plain text (search and lessons see words, not run-ons)") {
  MarkdownOptions opt;
  auto f = render_markdown("## Actions\n\n| ID | Owner | Due |\n|---|---|---|\n| AI-1 | arjun.rossi | 2025-05-15 |\n"
                           "| AI-2 | lena | 2025-06-01 |\n",
                           opt);
  CHECK(f.plain_text.find("ID Owner Due") != std::string::npos);
  CHECK(f.plain_text.find("AI-1 arjun.rossi 2025-05-15") != std::string::npos);
  CHECK(f.plain_text.find("2025-05-15 \nAI-2") != std::string::npos);
  CHECK(f.plain_text.find("arjun.rossi2025") == std::string::npos);
  REQUIRE(f.sections.size() == 1);
  CHECK(f.text_of(f.sections[0]).find("lena 2025-06-01") != std::string::npos);
  CHECK(f.word_count == 10);
}

TEST_CASE("markdown: each section's text is its own body, read from the one plain text") {
  MarkdownFacts f = render_markdown("Intro words.\n\n# Title\n\n## Symptoms\n\nErrors rise.\n\n### Detail\n\nPool full.\n\n"
                                    "## Mitigation\n\n- Restart pgbouncer\n",
                                    {});
  REQUIRE(f.sections.size() == 5);
  CHECK(f.sections[0].heading.empty());
  CHECK(f.text_of(f.sections[0]) == "Intro words.\n");
  CHECK(f.text_of(f.sections[1]).empty());  // "# Title" has no body of its own
  CHECK(f.sections[2].heading == "Symptoms");
  CHECK(f.text_of(f.sections[2]) == "Errors rise.\n");  // not the sub-heading's text
  CHECK(f.text_of(f.sections[3]) == "Pool full.\n");
  CHECK(f.sections[4].anchor == "mitigation");
  CHECK(f.text_of(f.sections[4]) == "Restart pgbouncer\n\n");
  // The bodies and headings together are the plain text, in order.
  CHECK(f.plain_text == "Intro words.\nTitle\nSymptoms\nErrors rise.\nDetail\nPool full.\nMitigation\nRestart pgbouncer\n\n");
}

namespace {
/// Every fact of two renderings, as one comparable string.
std::string facts_text(const MarkdownFacts& f) {
  std::string s = f.html + "\n--\n" + f.plain_text + "\n--\n" + f.first_h1 + "\n" + std::to_string(f.word_count);
  for (const auto& h : f.headings) s += "\nH" + std::to_string(h.level) + h.text + "#" + h.anchor + "@" + std::to_string(h.line);
  for (const auto& x : f.sections)
    s += "\nS" + x.heading + "#" + x.anchor + std::to_string(x.text_begin) + "-" + std::to_string(x.text_end);
  for (const auto& l : f.links) s += "\nL" + l.url + "@" + std::to_string(l.line) + ":" + std::to_string(l.col) + (l.image ? "i" : "");
  for (const auto& c : f.code_blocks) s += "\nC" + c.info + ":" + c.code + "@" + std::to_string(c.line);
  return s;
}

/// Renders `body` as the build does (extensions attached when the text may use them) and with every
/// extension attached; the facts must be the same.
void check_same_as_every_extension(const std::string& body) {
  CAPTURE(body);
  MarkdownOptions lazy;
  MarkdownOptions every;
  every.every_extension = true;
  CHECK(facts_text(render_markdown(body, lazy)) == facts_text(render_markdown(body, every)));
}
}  // namespace

TEST_CASE("extensions attached only where the text may use them render the same as all of them") {
  for (const char* body : {
           "plain words with w and : everywhere: www is not a link, nor is w.w.w\n",
           "a\n:-:\n", "a\n-:\n", "a\n:--\n", "a\n---\n", "| a |\n| - |\n| 1 |\n", "a | b\n--- | ---\n1 | 2\n",
           "> | a | b |\n> |---|---|\n> | 1 | 2 |\n", "- item\n\n  | a |\n  |---|\n  | 1 |\n", "> a\n> :-:\n",
           "see https://example.com and http://x.org/y?z#w\n", "visit www.example.com or WWW.EXAMPLE.ORG\n",
           "mail ops@example.com or mailto:ops@example.com, xmpp:ops@example.com, MAILTO:x@y.z\n",
           "ftp://files.example.com/a\n", "`www.code.example` and ```\nhttps://in.code\n```\n",
           "| url |\n|-----|\n| https://example.com |\n", "~~gone~~ and - [ ] task\n- [x] done\n"})
    check_same_as_every_extension(body);
  // Every body of the example site.
  size_t bodies = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(FB_SOURCE_DIR) / "content")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".md") continue;
    std::optional<std::string> bytes = read_file(entry.path());
    REQUIRE(bytes);
    check_same_as_every_extension(std::string(split_front_matter(*bytes).body));
    ++bodies;
  }
  CHECK(bodies > 10);
}

TEST_CASE("heading anchors added to the rendered HTML match headings rewritten in the tree") {
  // Without raw HTML the anchors go into cmark's output text; with unsafe_html on, headings are
  // replaced in the tree before rendering. For text without raw HTML both must give the same bytes.
  auto same = [](const std::string& body, bool drop_h1) {
    CAPTURE(body);
    MarkdownOptions safe, unsafe;
    unsafe.unsafe_html = true;
    safe.drop_leading_h1 = unsafe.drop_leading_h1 = drop_h1;
    CHECK(facts_text(render_markdown(body, safe)) == facts_text(render_markdown(body, unsafe)));
  };
  for (const char* body : {
           "# Title\n\n## A\n\ntext\n\n## A\n\n### `code` and *em* and [link](x.md)\n",
           "Setext\n======\n\nSub\n---\n\n#\n\n## \n", "> ## Quoted\n>\n> - ### In a list\n",
           "- item\n\n  ## Nested heading\n", "## Escaped &lt;h2&gt; text\n\n```\n<h2>in code</h2>\n```\n",
           "Text[^1]\n\n## After\n\n[^1]: a note\n", "## One\n# Two\n###### Six\n####### seven is text\n",
           "| a |\n|---|\n| `<h3>` |\n\n### Last\n"})
    for (bool drop : {false, true}) same(body, drop);
  // Raw heading tags in the text are omitted (safe mode) and do not take a heading's anchor.
  MarkdownOptions safe;
  MarkdownFacts raw = render_markdown("## Real\n\nA <h2>raw</h2> tag.\n\n<h3>block</h3>\n\n### Also real\n", safe);
  CHECK(raw.html.find("<h2 id=\"real\">Real<a class=\"anchor\" href=\"#real\"") != std::string::npos);
  CHECK(raw.html.find("<h3 id=\"also-real\">Also real<a class=\"anchor\"") != std::string::npos);
  CHECK(raw.html.find("<h2>") == std::string::npos);
  CHECK(raw.html.find("<h3>") == std::string::npos);
  size_t bodies = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(FB_SOURCE_DIR) / "content")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".md") continue;
    std::string body(split_front_matter(*read_file(entry.path())).body);
    if (body.find('<') != std::string::npos) continue;  // raw HTML renders differently by design
    same(body, true);
    ++bodies;
  }
  CHECK(bodies >= 8);  // the example site's bodies without raw HTML (8 of 14 when this was written)
}
