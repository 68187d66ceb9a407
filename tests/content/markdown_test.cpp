#include <doctest/doctest.h>

#include "content/markdown.h"

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
