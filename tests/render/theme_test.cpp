// Theme lookup: site layouts/ overriding the theme by file name, partials, FB601/FB602, white space.
#include <doctest/doctest.h>

#include <fstream>

#include "render/theme.h"
#include "sample_site.h"

namespace fs = std::filesystem;
using fbtest::TestSite;

namespace {

/// A copy of the default theme in a temp dir, so a test can break it.
fs::path copy_theme(const std::string& name) {
  fs::path dir = fbtest::temp_dir(name) / "theme";
  fs::copy(fbtest::default_theme(), dir, fs::copy_options::recursive);
  return dir;
}

const fb::Diagnostic* find(const fb::Diagnostics& d, const std::string& code) {
  for (const auto& x : d.items)
    if (x.code == code) return &x;
  return nullptr;
}

}  // namespace

TEST_CASE("a site's layouts/ file overrides the theme's by name and other templates still come from the theme") {
  fs::path site_dir = fbtest::temp_dir("override");
  fb::write_file(site_dir / "layouts/runbook.mustache", "SITE RUNBOOK {{title}} {{> footer}}");
  fb::write_file(site_dir / "layouts/partials/footer.mustache", "<p>site footer for {{site_title}}</p>");
  auto files = fbtest::render_sample(site_dir);
  CHECK(files["runbooks/disk-full/index.html"] == "SITE RUNBOOK Disk full <p>site footer for Firebreak</p>");
  // The PIR page still uses the theme's template, with the site's footer partial.
  const std::string& pir = files["postmortems/2026-03-04-outage/index.html"];
  CHECK(pir.find("<h1>Checkout outage</h1>") != std::string::npos);
  CHECK(pir.find("<p>site footer for Firebreak</p>") != std::string::npos);
}

TEST_CASE("a missing page template is FB601 naming the file, and only its pages are left out") {
  fs::path theme = copy_theme("missing");
  fs::remove(theme / "layouts/postmortem.mustache");
  TestSite site;
  site.theme_dir = theme;
  fbtest::add_sample(site).load();
  auto r = site.render();
  const fb::Diagnostic* d = find(r.diags, "FB601");
  REQUIRE(d != nullptr);
  CHECK(d->level == fb::Level::Error);
  CHECK(d->file.find("layouts/postmortem.mustache") != std::string::npos);
  CHECK(d->message.find("postmortem.mustache") != std::string::npos);
  auto files = fbtest::by_path(r);
  CHECK(files.count("postmortems/2026-03-04-outage/index.html") == 0);
  CHECK(files.count("runbooks/disk-full/index.html") == 1);
}

TEST_CASE("a missing partial is FB601 at the {{> tag}}") {
  fs::path site_dir = fbtest::temp_dir("missing-partial");
  fb::write_file(site_dir / "layouts/404.mustache", "<p>x</p>\n  {{> nowhere}}\n");
  fb::Diagnostics diags;
  fb::Theme theme = fb::load_theme(fbtest::default_theme(), site_dir, {"404"}, diags);
  const fb::Diagnostic* d = find(diags, "FB601");
  REQUIRE(d != nullptr);
  CHECK(d->file == "layouts/404.mustache");
  CHECK(d->line == 2);
  CHECK(d->col == 3);
  CHECK(d->message.find("nowhere") != std::string::npos);
  CHECK_FALSE(theme.has("404"));
}

TEST_CASE("a template syntax error is FB602 with the file and position and the page is not rendered") {
  fs::path site_dir = fbtest::temp_dir("syntax");
  fb::write_file(site_dir / "layouts/runbooks.mustache", "<ul>\n{{#runbooks}}<li>{{title}}</li>\n</ul>\n");
  TestSite site;
  site.site_dir = site_dir;
  fbtest::add_sample(site).load();
  auto r = site.render();
  const fb::Diagnostic* d = find(r.diags, "FB602");
  REQUIRE(d != nullptr);
  CHECK(d->file == "layouts/runbooks.mustache");
  CHECK(d->line == 2);
  CHECK(d->col == 1);
  CHECK(d->message.find("layouts/runbooks.mustache") != std::string::npos);
  CHECK(d->message.find("Unclosed section \"runbooks\"") != std::string::npos);
  CHECK(d->message.find(" at ") == std::string::npos);  // the byte offset became line:col
  auto files = fbtest::by_path(r);
  CHECK(files.count("runbooks/index.html") == 0);
  CHECK(files.count("index.html") == 1);
}

TEST_CASE("a syntax error in a partial is reported against the partial") {
  fs::path site_dir = fbtest::temp_dir("partial-syntax");
  fb::write_file(site_dir / "layouts/partials/footer.mustache", "{{/oops}}");
  fb::Diagnostics diags;
  fb::Theme theme = fb::load_theme(fbtest::default_theme(), site_dir, {"home"}, diags);
  const fb::Diagnostic* d = find(diags, "FB602");
  REQUIRE(d != nullptr);
  CHECK(d->file == "layouts/partials/footer.mustache");
  CHECK_FALSE(theme.has("home"));  // home includes the footer
}

TEST_CASE("a partial that includes itself is FB602, not a hang") {
  fs::path site_dir = fbtest::temp_dir("recursive");
  fb::write_file(site_dir / "layouts/partials/loop.mustache", "x{{> loop}}");
  fb::write_file(site_dir / "layouts/404.mustache", "{{> loop}}");
  fb::Diagnostics diags;
  fb::Theme theme = fb::load_theme(fbtest::default_theme(), site_dir, {"404"}, diags);
  CHECK(fbtest::has_code(diags, "FB602"));
  CHECK_FALSE(theme.has("404"));
}

TEST_CASE("the bundled theme loads clean") {
  fb::Diagnostics diags;
  fb::Theme theme = fb::load_theme(fbtest::default_theme(), {}, {"home", "runbook", "postmortem", "runbooks",
                                                                  "postmortems", "taxonomy", "term", "404", "search"},
                                   diags);
  CHECK(diags.items.empty());
  CHECK(theme.has("runbook"));
  CHECK(theme.composed.at("runbook").find("{{>") == std::string::npos);  // partials inlined
}

TEST_CASE("white space compaction keeps tags and <pre>/<script> content") {
  CHECK(fb::compact_whitespace("<ul>\n    <li>{{ a }}</li>   <li>b</li>\n\n</ul>") ==
        "<ul>\n<li>{{ a }}</li> <li>b</li>\n</ul>");
  CHECK(fb::compact_whitespace("<pre>  a\n    b</pre>  x") == "<pre>  a\n    b</pre> x");
  CHECK(fb::compact_whitespace("<script>\n  if (a  <  b) {}\n</script>") == "<script>\n  if (a  <  b) {}\n</script>");
  CHECK(fb::compact_whitespace("{{{content}}}   x") == "{{{content}}} x");
  CHECK(fb::compact_whitespace("<PRE class=x>  1</PRE>") == "<PRE class=x>  1</PRE>");
}

namespace {

/// kainjow's own context, plus the folded literals (what PageContext adds).
class LiteralContext : public kainjow::mustache::context<std::string> {
 public:
  LiteralContext(const kainjow::mustache::data* d, const std::vector<kainjow::mustache::data>* lits)
      : kainjow::mustache::context<std::string>(d), lits_(lits) {}
  const kainjow::mustache::data* get(const std::string& name) const override {
    if (const auto* lit = fb::find_literal(*lits_, name)) return lit;
    return kainjow::mustache::context<std::string>::get(name);
  }

 private:
  const std::vector<kainjow::mustache::data>* lits_;
};

std::string render_plain(const std::string& tmpl, const kainjow::mustache::data& d) {
  kainjow::mustache::mustache m{tmpl};
  REQUIRE(m.is_valid());
  return m.render(d);
}

std::string render_folded(const std::string& tmpl, const kainjow::mustache::data& d) {
  std::vector<kainjow::mustache::data> lits;
  kainjow::mustache::mustache m{fb::fold_text(tmpl, lits)};
  REQUIRE(m.is_valid());
  LiteralContext ctx(&d, &lits);
  return m.render(ctx);
}

}  // namespace

TEST_CASE("folding template text into literal tags renders exactly what the unfolded template renders") {
  using kainjow::mustache::data;
  data d;
  d["name"] = data("Orders <DB>");
  d["yes"] = data(true);
  d["no"] = data(false);
  data list(data::type::list);
  for (const char* s : {"a b", "c", ""}) {
    data item;
    item["v"] = data(std::string(s));
    list.push_back(item);
  }
  d["items"] = std::move(list);
  const char* templates[] = {
      "<p class=\"x y\">Hello {{name}} and {{{name}}}, good day</p>\n",
      // standalone section lines (dropped) next to lines with text (kept)
      "<ul>\n  {{#items}}\n  <li> {{v}} </li>\n  {{/items}}\n</ul>\n  {{#yes}}  \n yes it is \n{{/yes}}\n",
      "a\r\n  {{#no}} x y {{/no}}  \r\nb \t c\r  d\n\n  e  f  \n",
      "{{^no}}not this one{{/no}}\t{{#items}}{{v}}, {{/items}} end of list  ",
      "  leading   and trailing   ",
      "{{#yes}}\n\t\t\n{{/yes}}\nx y\n",
      "<pre>\n  keep   this\n\tand this\n</pre> <script>var a = 1;  var b = 2;</script>",
  };
  for (const char* t : templates) {
    CAPTURE(t);
    CHECK(render_folded(t, d) == render_plain(t, d));
  }
}

TEST_CASE("fold_text turns runs of several text nodes into one literal tag and keeps line breaks") {
  std::vector<kainjow::mustache::data> lits;
  std::string folded = fb::fold_text("<a class=\"tag x\">{{name}}</a> more text\nsingle\n{{x}} y", lits);
  REQUIRE(lits.size() == 3);
  CHECK(lits[0].string_value() == "<a class=\"tag x\">");
  CHECK(lits[1].string_value() == "</a> more text");
  CHECK(lits[2].string_value() == " y");
  CHECK(folded == "{{&" + fb::literal_name(0) + "}}{{name}}{{&" + fb::literal_name(1) + "}}\nsingle\n{{x}}{{&" +
                      fb::literal_name(2) + "}}");
  // Equal runs share an entry; a template with a set-delimiter tag is left alone.
  fb::fold_text("</a> more text", lits);
  CHECK(lits.size() == 3);
  CHECK(fb::fold_text("{{=<% %>=}} a b <%x%>", lits) == "{{=<% %>=}} a b <%x%>");
  CHECK(fb::find_literal(lits, fb::literal_name(1)) == &lits[1]);
  CHECK(fb::find_literal(lits, "name") == nullptr);
  CHECK(fb::find_literal(lits, fb::literal_name(3)) == nullptr);
}

TEST_CASE("fold_text maps every run to its own literal while the literal list grows (no dangling index)") {
  // Hundreds of short runs (kept inside their string objects) make the list reallocate many times;
  // each later repeat must still find its own entry, never a neighbour's.
  std::string text;
  for (int round = 0; round < 3; ++round)
    for (int i = 0; i < 300; ++i) text += "<b>a " + std::to_string(i) + "</b>{{x}}\n";
  std::vector<kainjow::mustache::data> lits;
  std::string folded = fb::fold_text(text, lits);
  CHECK(lits.size() == 300);
  // Expanding every literal tag gives the text back.
  std::string expanded;
  for (size_t at = 0; at < folded.size();) {
    size_t tag = folded.find("{{&\x01", at);
    if (tag == std::string::npos) {
      expanded += folded.substr(at);
      break;
    }
    expanded += folded.substr(at, tag - at);
    size_t end = folded.find("}}", tag);
    const auto* lit = fb::find_literal(lits, folded.substr(tag + 3, end - tag - 3));
    REQUIRE(lit);
    expanded += lit->string_value();
    at = end + 2;
  }
  CHECK(expanded == text);
}
