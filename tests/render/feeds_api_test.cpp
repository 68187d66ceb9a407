// Machine-readable outputs: Atom feed, sitemap and JSON API are well-formed, deterministic and shaped
// as documented.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "render/api.h"
#include "sample_site.h"

using fbtest::TestSite;
using json = nlohmann::json;

namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == ':' || c == '-' || c == '_' || c == '.' ||
         static_cast<unsigned char>(c) >= 0x80;
}

/// Checks `&...;` references in text or attribute values.
bool entities_ok(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') return false;
    if (s[i] != '&') continue;
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos) return false;
    std::string_view ent = s.substr(i + 1, semi - i - 1);
    bool ok = ent == "amp" || ent == "lt" || ent == "gt" || ent == "quot" || ent == "apos" ||
              (ent.size() > 1 && ent[0] == '#');
    if (!ok) return false;
    i = semi;
  }
  return true;
}

/// A small XML 1.0 well-formedness check: balanced, properly nested elements with one root, quoted
/// attributes, only the predefined entities, no stray `<` or `&`.
bool well_formed_xml(std::string_view x) {
  std::vector<std::string> stack;
  size_t i = 0, roots = 0;
  if (x.substr(0, 5) == "<?xml") i = x.find("?>") + 2;
  while (i < x.size()) {
    size_t lt = x.find('<', i);
    std::string_view text = x.substr(i, lt == std::string_view::npos ? std::string_view::npos : lt - i);
    if (!entities_ok(text)) return false;
    if (stack.empty() && text.find_first_not_of(" \n\r\t") != std::string_view::npos) return false;
    if (lt == std::string_view::npos) break;
    size_t gt = x.find('>', lt);
    if (gt == std::string_view::npos) return false;
    std::string_view tag = x.substr(lt + 1, gt - lt - 1);
    i = gt + 1;
    if (tag.substr(0, 3) == "!--") continue;
    if (!tag.empty() && tag[0] == '/') {
      if (stack.empty() || stack.back() != tag.substr(1)) return false;
      stack.pop_back();
      continue;
    }
    bool empty = !tag.empty() && tag.back() == '/';
    if (empty) tag.remove_suffix(1);
    size_t n = 0;
    while (n < tag.size() && is_name_char(tag[n])) ++n;
    if (n == 0) return false;
    std::string name(tag.substr(0, n));
    // attributes: name="value"
    size_t p = n;
    while (p < tag.size()) {
      while (p < tag.size() && std::isspace(static_cast<unsigned char>(tag[p]))) ++p;
      if (p >= tag.size()) break;
      size_t a = p;
      while (p < tag.size() && is_name_char(tag[p])) ++p;
      if (p == a || p + 1 >= tag.size() || tag[p] != '=' || tag[p + 1] != '"') return false;
      size_t close = tag.find('"', p + 2);
      if (close == std::string_view::npos || !entities_ok(tag.substr(p + 2, close - p - 2))) return false;
      p = close + 1;
    }
    if (stack.empty()) ++roots;
    if (!empty) stack.push_back(name);
  }
  return stack.empty() && roots == 1;
}

}  // namespace

TEST_CASE("the XML checker itself rejects what it should") {
  CHECK(well_formed_xml("<?xml version=\"1.0\"?>\n<a x=\"1 &amp; 2\"><b/>t &lt; u</a>\n"));
  CHECK_FALSE(well_formed_xml("<a><b></a></b>"));
  CHECK_FALSE(well_formed_xml("<a>x & y</a>"));
  CHECK_FALSE(well_formed_xml("<a x=1></a>"));
  CHECK_FALSE(well_formed_xml("<a></a><b></b>"));
  CHECK_FALSE(well_formed_xml("<a>&nbsp;</a>"));
}

TEST_CASE("Atom feed and sitemap are well-formed and byte-identical across renders") {
  TestSite site;
  site.add("content/postmortems/tricky.md",
           "---\ntitle: \"Ampersand & <angle> \\\"quotes\\\"\"\nseverity: SEV2\nstarted_at: 2026-09-01T00:00:00Z\n"
           "root_cause:\n  summary: \"a < b && c\"\n---\n## Body\n\nText with `<code>` & more.\n");
  fbtest::add_sample(site).load();
  auto a = fbtest::by_path(site.render());
  auto b = fbtest::by_path(site.render());
  for (const char* p : {"postmortems/index.xml", "sitemap.xml"}) {
    INFO(p);
    CHECK(well_formed_xml(a[p]));
    CHECK(a[p] == b[p]);
  }
  const std::string& feed = a["postmortems/index.xml"];
  CHECK(feed.find("<feed xmlns=\"http://www.w3.org/2005/Atom\"") != std::string::npos);
  CHECK(feed.find("Ampersand &amp; &lt;angle&gt;") != std::string::npos);
}

TEST_CASE("the feed's updated time is the newest published/resolved time, never the clock") {
  TestSite site;
  fbtest::add_sample(site).load();
  std::string first = fbtest::by_path(site.render())["postmortems/index.xml"];
  // Newest: the YAML PIR resolved 2026-08-19T10:54:00Z (the other was published in March).
  CHECK(first.find("  <updated>2026-08-19T10:54:00Z</updated>\n  <author>") != std::string::npos);
  site.now += 86400 * 30;
  CHECK(fbtest::by_path(site.render())["postmortems/index.xml"] == first);
  // Without base_url, entry links are relative to the feed and ids are stable URNs.
  CHECK(first.find("href=\"2026-03-04-outage/index.html\"") != std::string::npos);
  CHECK(first.find("<id>urn:firebreak:") != std::string::npos);
}

TEST_CASE("sitemap: absolute URLs with base_url, site-relative paths without") {
  TestSite site;
  fbtest::add_sample(site).load();
  std::string rel = fbtest::by_path(site.render())["sitemap.xml"];
  CHECK(rel.find("<loc>runbooks/db/pool/index.html</loc><lastmod>2026-10-01</lastmod>") != std::string::npos);
  CHECK(rel.find("<loc>index.html</loc>") != std::string::npos);
  CHECK(rel.find("404.html") == std::string::npos);
  site.config.base_url = "https://kb.example.com/sub";
  std::string abs = fbtest::by_path(site.render())["sitemap.xml"];
  CHECK(abs.find("<loc>https://kb.example.com/sub/runbooks/db/pool/index.html</loc>") != std::string::npos);
  CHECK(well_formed_xml(abs));
}

TEST_CASE("api/alerts.json maps every alert to its runbook URL") {
  TestSite site;
  fbtest::add_sample(site).load();
  json rel = json::parse(fbtest::by_path(site.render())["api/alerts.json"]);
  CHECK(rel["count"] == 3);
  CHECK(rel["alerts"]["DiskFull"]["url"] == "runbooks/disk-full/index.html");
  CHECK(rel["alerts"]["DiskFull"]["runbook"] == "disk-full");
  CHECK_FALSE(rel["alerts"]["DiskFull"].contains("absolute_url"));
  // Two runbooks list PoolExhausted: the first by path wins, the other is named in `also`.
  CHECK(rel["alerts"]["PoolExhausted"]["url"] == "runbooks/db/pool/index.html");
  CHECK(rel["alerts"]["PoolExhausted"]["also"] == json::array({"disk-full"}));
  site.config.base_url = "https://kb.example.com/";
  json abs = json::parse(fbtest::by_path(site.render())["api/alerts.json"]);
  CHECK(abs["alerts"]["TooManyConnections"]["absolute_url"] == "https://kb.example.com/runbooks/db/pool/index.html");
}

TEST_CASE("api/runbooks.json and api/postmortems.json have the documented shape, sorted keys") {
  TestSite site;
  fbtest::add_sample(site).load();
  auto files = fbtest::by_path(site.render());
  json rbs = json::parse(files["api/runbooks.json"]);
  REQUIRE(rbs["runbooks"].size() == 2);
  CHECK(rbs["count"] == 2);
  CHECK(rbs["generated"] == "2026-11-23T00:00:00Z");
  const json& pool = rbs["runbooks"][0];  // "Connection pool exhausted" sorts before "Disk full"
  CHECK(pool["id"] == "pool");
  CHECK(pool["service"] == "orders-db");
  CHECK(pool["severity"] == "SEV2");
  CHECK(pool["alerts"] == json::array({"PoolExhausted", "TooManyConnections"}));
  CHECK(pool["review_state"] == "ok");
  CHECK(pool["postmortems"] == json::array({"INC-2026-014"}));
  CHECK(rbs["runbooks"][1]["review_state"] == "overdue");
  json pms = json::parse(files["api/postmortems.json"]);
  REQUIRE(pms["postmortems"].size() == 2);
  const json& outage = pms["postmortems"][1];  // newest first
  CHECK(outage["incident_id"] == "INC-2026-014");
  CHECK(outage["acknowledge"]["status"] == "breached");
  CHECK(outage["acknowledge"]["actual_seconds"] == 540);
  CHECK(outage["acknowledge"]["target_seconds"] == 300);
  CHECK(outage["action_items"]["open"] == 1);
  CHECK(outage["action_items"]["overdue"] == 1);
  CHECK(outage["started_at"] == "2026-03-04T13:52:00Z");
  // Keys are sorted, so the bytes do not depend on insertion order.
  const std::string& text = files["api/postmortems.json"];
  CHECK(text.find("\"acknowledge\"") < text.find("\"action_items\""));
}

TEST_CASE("dump_api_json writes exactly what nlohmann's dump(2) writes") {
  using nlohmann::json;
  json j;
  j["ascii"] = "plain text with \"quotes\", a \\ backslash, /slash and\ttab\nnewline\r\b\f\x01\x1f\x7f";
  j["utf8"] = "Grüße, 数据库 and an emoji 🔥";
  j["invalid"] = std::string("bad \xff\xfe byte and a cut \xe6\x95");
  j["empty_object"] = json::object();
  j["empty_array"] = json::array();
  j["nested"] = json{{"b", {1, -2, 3.25, nullptr, true, false}}, {"a", json::array({json::object(), "x"})}};
  j["numbers"] = json{{"neg", -9223372036854775807LL}, {"big", 18446744073709551615ULL}, {"float", 0.1}};
  j["key \"with\" quotes\n"] = "v";
  j[""] = "";
  CHECK(fb::dump_api_json(j) == j.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
  CHECK(fb::dump_api_json(json::array()) == "[]\n");
  CHECK(fb::dump_api_json(json("x")) == "\"x\"\n");
}

TEST_CASE("dump_api_json escapes a special byte at any position of strings of any length") {
  using nlohmann::json;
  for (size_t len = 1; len <= 20; ++len)
    for (size_t pos = 0; pos < len; ++pos)
      for (char c : std::string("\"\\\n\x01\x1f\x7f\xc3/ ~", 11)) {
        std::string v(len, 'a');
        v[pos] = c;
        json j = json::array({v});
        REQUIRE(fb::dump_api_json(j) == j.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
      }
}

TEST_CASE("the API files are laid out exactly as nlohmann's dump(2) lays out their parsed contents") {
  // Sorted keys, two-space indent, empty arrays as [] and absent values as null, with and without
  // base_url (absolute_url fields).
  for (const char* base : {"", "https://kb.example.com/sub/"}) {
    TestSite site;
    fbtest::add_sample(site);
    site.add("content/runbooks/bare.md", "---\ntitle: \"Bare \\\"quoted\\\" \\\\ one\"\n---\n# Bare\n").load();
    site.config.base_url = base;
    auto files = fbtest::by_path(site.render());
    for (const char* path : {"api/runbooks.json", "api/postmortems.json", "api/alerts.json"}) {
      CAPTURE(path);
      const std::string& text = files[path];
      REQUIRE_FALSE(text.empty());
      nlohmann::json parsed = nlohmann::json::parse(text);
      CHECK(parsed.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n" == text);
    }
  }
}
