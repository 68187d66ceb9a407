#include <doctest/doctest.h>

#include "content/document.h"

using namespace fb;

namespace {
Document parse(const std::string& path, const std::string& text, Diagnostics& d, const Config& c = default_config()) {
  Document doc;
  bool ok = parse_document(c, SourceFile{path, text}, doc, d);
  doc.data_file = doc.data_file && ok;
  return doc;
}
}  // namespace

TEST_CASE("paths map to kinds, ids and page URLs") {
  Diagnostics d;
  auto doc = parse("content/runbooks/orders-db/pool.md", "# Pool exhausted\n", d);
  CHECK(d.items.empty());
  CHECK(doc.kind == DocKind::Runbook);
  CHECK(doc.id == "pool");
  CHECK(doc.folder == "orders-db");
  CHECK(doc.url == "runbooks/orders-db/pool/index.html");
  CHECK(doc.title == "Pool exhausted");
  DocKind k;
  CHECK(kind_of_path("content/postmortems/2026/x.yaml", k));
  CHECK(k == DocKind::Postmortem);
  CHECK_FALSE(kind_of_path("content/runbooks/x.txt", k));
}

TEST_CASE("front matter title and id win, key positions are file positions") {
  Diagnostics d;
  auto doc = parse("content/runbooks/a.md", "---\ntitle: Real title\nid: custom\nalerts:\n  - A\n---\n# H1\n", d);
  CHECK(d.items.empty());
  CHECK(doc.title == "Real title");
  CHECK(doc.id == "custom");
  CHECK(doc.fm.key("alerts").line == 4);
  CHECK(doc.fm.pos(doc.fm.get("alerts")[0]).line == 5);
  CHECK(doc.fm.pos(doc.fm.get("alerts")[0]).col == 5);
  CHECK(doc.md.headings.at(0).line == 7);
}

TEST_CASE("relative links to content become page links") {
  Diagnostics d;
  auto doc = parse("content/runbooks/db/pool.md",
                   "See [PIR](../../postmortems/2026-03-04-outage.md#timeline) and [x](other.md).\n", d);
  CHECK(doc.md.html.find("href=\"../../../postmortems/2026-03-04-outage/index.html#timeline\"") != std::string::npos);
  CHECK(doc.md.html.find("href=\"../../../runbooks/db/other/index.html\"") != std::string::npos);
}

TEST_CASE("field mapping renames foreign keys and keeps positions") {
  Config c = default_config();
  c.fields = {{"start_time", "started_at"}, {"summary", "root_cause.summary"}};
  Diagnostics d;
  auto doc = parse("content/postmortems/x.md", "---\nstart_time: 2026-01-01T00:00:00Z\nsummary: boom\n---\n", d, c);
  CHECK(doc.fm.str("started_at") == "2026-01-01T00:00:00Z");
  CHECK(doc.fm.key("started_at").line == 2);
  CHECK(doc.fm.written_as.at("started_at") == "start_time");
  CHECK(doc.fm.get("root_cause")["summary"].Scalar() == "boom");
}

TEST_CASE("bad input gives file:line:col diagnostics") {
  Diagnostics d;
  Document doc;
  CHECK_FALSE(parse_document(default_config(), {"content/runbooks/a.md", "---\ntitle: [oops\n---\n"}, doc, d));
  REQUIRE(d.items.size() == 1);
  CHECK(d.items[0].code == "FB503");
  CHECK(d.items[0].line >= 2);

  Diagnostics u;
  CHECK_FALSE(parse_document(default_config(), {"content/runbooks/b.md", "# ok\n\ncaf\xe9\n"}, doc, u));
  REQUIRE(u.items.size() == 1);
  CHECK(u.items[0].code == "FB502");
  CHECK(u.items[0].line == 3);
  CHECK(u.items[0].col == 4);

  Diagnostics t;
  CHECK_FALSE(parse_document(default_config(), {"content/runbooks/c.md", "---\ntitle: x\n# Body\n"}, doc, t));
  REQUIRE(t.items.size() == 1);
  CHECK(t.items[0].code == "FB504");
  CHECK(t.items[0].hint.find("---") != std::string::npos);

  Diagnostics m;
  CHECK_FALSE(parse_document(default_config(), {"content/runbooks/d.md", "---\n- a\n- b\n---\n"}, doc, m));
  REQUIRE(m.items.size() == 1);
  CHECK(m.items[0].code == "FB505");
}

TEST_CASE("front matter behind lone-CR line endings or two BOMs is FB508, never body text") {
  for (const char* text : {"---\rtitle: Hidden\rservice: s\r---\r## Symptoms\r", "---\r",
                           "\xEF\xBB\xBF\xEF\xBB\xBF---\ntitle: Hidden\n---\n# x\n",
                           "\xEF\xBB\xBF\xEF\xBB\xBF\xEF\xBB\xBF---\ntitle: Hidden\n---\n"}) {
    Diagnostics d;
    Document doc;
    CHECK_FALSE(parse_document(default_config(), {"content/runbooks/a.md", text}, doc, d));
    REQUIRE(d.items.size() == 1);
    CHECK(d.items[0].code == "FB508");
    CHECK(d.items[0].line == 1);
    CHECK(d.items[0].hint.find("LF") != std::string::npos);
  }
  // What stays fine: CRLF, one BOM, a body that only mentions `---` later, a CR inside the body.
  for (const char* text : {"---\r\ntitle: Ok\r\n---\r\n# x\r\n", "\xEF\xBB\xBF---\ntitle: Ok\n---\n",
                           "# Title\r\n\r---\rx\n", "---\ntitle: Ok\n---\nline\rline\n"}) {
    Diagnostics d;
    Document doc;
    CHECK(parse_document(default_config(), {"content/runbooks/a.md", text}, doc, d));
    CHECK(d.items.empty());
  }
}

TEST_CASE("a PIR may be a pure YAML data file") {
  Diagnostics d;
  auto doc = parse("content/postmortems/2026-08-19-dns.yaml", "title: DNS outage\nseverity: SEV2\n", d);
  CHECK(d.items.empty());
  CHECK(doc.kind == DocKind::Postmortem);
  CHECK(doc.title == "DNS outage");
  CHECK(doc.fm.key("severity").line == 2);
}

TEST_CASE("empty front-matter values are not set: an empty title falls back to the first H1") {
  Diagnostics d;
  auto doc = parse("content/runbooks/pool.md", "---\ntitle: \"\"\nservice:\nowner: team-data\n---\n# Pool exhausted\n", d);
  CHECK(d.items.empty());
  CHECK(doc.title == "Pool exhausted");
  CHECK_FALSE(doc.fm.get("title").IsDefined());
  CHECK_FALSE(doc.fm.get("service").IsDefined());
  CHECK(doc.fm.str("owner") == "team-data");
}

TEST_CASE("Hugo ref and relref shortcodes in links become content links") {
  Diagnostics d;
  auto doc = parse("content/runbooks/node/disk.md",
                   "# Disk\n\nSee [files]({{< ref \"./files.md\" >}}), [raid]({{< relref raid.md >}}#fix) and "
                   "[clock]({{% ref path=\"../time/clock.md\" %}}).\n\nKeep {{< youtube abc >}} and `{{< ref >}}`.\n",
                   d);
  CHECK(d.items.empty());
  REQUIRE(doc.md.links.size() == 3);
  CHECK(doc.md.links[0].url == "./files.md");
  CHECK(doc.md.links[1].url == "raid.md#fix");
  CHECK(doc.md.links[2].url == "../time/clock.md");
  CHECK(doc.md.html.find("href=\"../../../runbooks/node/files/index.html\"") != std::string::npos);
  CHECK(doc.md.html.find("href=\"../../../runbooks/node/raid/index.html#fix\"") != std::string::npos);
  CHECK(doc.md.html.find("href=\"../../../runbooks/time/clock/index.html\"") != std::string::npos);
  // Other shortcodes, and a ref without a target, are left as written.
  CHECK(doc.md.html.find("{{&lt; youtube abc &gt;}}") != std::string::npos);
  CHECK(doc.md.html.find("<code>{{&lt; ref &gt;}}</code>") != std::string::npos);
}

TEST_CASE("a key written twice is FB005 at the second place, naming the first line") {
  Diagnostics d;
  auto doc = parse("content/runbooks/a.md",
                   "---\nowner: team-storage\ntitle: Disk full\nowner: team-dba\nescalation:\n  - after: 5m\n"
                   "    contact: a\n    after: 10m\n---\n# Body\n",
                   d);
  REQUIRE(d.items.size() == 2);
  CHECK(d.items[0].code == "FB005");
  CHECK(d.items[0].line == 4);
  CHECK(d.items[0].col == 1);
  CHECK(d.items[0].message.find("`owner`") != std::string::npos);
  CHECK(d.items[0].message.find("first at line 2") != std::string::npos);
  CHECK(d.items[1].code == "FB005");  // nested mappings too
  CHECK(d.items[1].line == 8);
  CHECK(d.items[1].col == 5);
  CHECK(d.items[1].message.find("first at line 6") != std::string::npos);
  CHECK(doc.fm.str("owner") == "team-dba");  // the document is still read (last value, as YAML does)

  Diagnostics q;  // a quoted twin is the same key; flow mappings go through libyaml
  parse("content/runbooks/b.md", "---\ntags: {a: 1, \"a\": 2}\n---\n", q);
  REQUIRE(q.items.size() == 1);
  CHECK(q.items[0].code == "FB005");
  CHECK(q.items[0].line == 2);
  CHECK(q.items[0].col == 14);

  Diagnostics y;  // a PIR data file
  parse("content/postmortems/p.yaml", "title: x\nseverity: SEV2\nseverity: SEV1\n", y);
  REQUIRE(y.items.size() == 1);
  CHECK(y.items[0].code == "FB005");
  CHECK(y.items[0].file == "content/postmortems/p.yaml");
  CHECK(y.items[0].line == 3);

  Diagnostics ok;  // the same key in two different mappings is not a duplicate
  parse("content/runbooks/c.md", "---\na:\n  x: 1\nb:\n  x: 2\n---\n", ok);
  CHECK(ok.items.empty());
}

TEST_CASE("an unclosed flow sequence is placed where it opened") {
  Diagnostics d;
  Document doc;
  CHECK_FALSE(parse_document(default_config(), {"content/runbooks/a.md", "---\na: 1\ntitle: [unclosed\nb: 2\n---\n"}, doc, d));
  REQUIRE(d.items.size() == 1);
  CHECK(d.items[0].code == "FB503");
  CHECK(d.items[0].line == 3);
  CHECK(d.items[0].col == 8);
  CHECK(d.items[0].message.find("flow sequence") != std::string::npos);
  CHECK(d.items[0].message.find("stopped at line 4") != std::string::npos);
}
