// Diagrams: a ```mermaid block stays readable code in the HTML; a page with one loads diagrams.js; the
// mermaid bundle (assets/vendor/) is published only when some page has a diagram; a missing bundle is
// FB604 and the page shows the code without loading anything.
#include <doctest/doctest.h>

#include "render/assets.h"
#include "render/diagrams.h"
#include "sample_site.h"

namespace fs = std::filesystem;
using fbtest::TestSite;

namespace {

const char* kFlowRunbook = R"(---
title: API triage
service: api
owner: team-api
---
## Decide

```mermaid title
graph TD
  A[Alert] --> B{"5xx & <b>up</b>?"}
```

## Other

```bash
curl -s localhost
```
)";

/// A copy of the default theme without its installed vendor files, with a stand-in bundle when `bundle`.
fs::path theme_copy(const std::string& name, bool bundle) {
  fs::path theme = fbtest::temp_dir(name) / "theme";
  fs::copy(fbtest::default_theme(), theme, fs::copy_options::recursive);
  fs::remove_all(theme / "assets/vendor");
  if (bundle) {
    fb::write_file(theme / "assets/vendor/mermaid.min.js", "/* mermaid stand-in */");
    fb::write_file(theme / "assets/vendor/mermaid.LICENSE.txt", "MIT");
    fb::write_file(theme / "assets/vendor/other.js", "/* a package no page uses */");
  }
  return theme;
}

fb::RenderResult render_with(const fs::path& theme, bool with_diagram) {
  TestSite site;
  site.theme_dir = theme;
  fbtest::add_sample(site);
  if (with_diagram) site.add("content/runbooks/api-triage.md", kFlowRunbook);
  site.load();
  return site.render();
}

const std::string kScript = "<script src=\"../../assets/diagrams.js\" defer></script>";

}  // namespace

TEST_CASE("a mermaid block is a readable code block, and only its page loads diagrams.js") {
  auto r = render_with(theme_copy("diagram-markup", true), true);
  CHECK_FALSE(r.diags.has_errors());
  CHECK_FALSE(fbtest::has_code(r.diags, "FB604"));
  auto files = fbtest::by_path(r);
  const std::string& page = files["runbooks/api-triage/index.html"];
  CHECK(page.find("<pre><code class=\"language-mermaid\">graph TD\n  A[Alert] --&gt; B{&quot;5xx &amp; &lt;b&gt;up&lt;/b&gt;?&quot;}\n"
                  "</code></pre>") != std::string::npos);
  CHECK(page.find("<pre><code class=\"language-bash\">") != std::string::npos);
  CHECK(page.find(kScript) != std::string::npos);
  // Pages without a diagram load nothing more.
  for (const char* other : {"runbooks/db/pool/index.html", "runbooks/index.html", "index.html",
                            "postmortems/2026-03-04-outage/index.html"}) {
    INFO(other);
    CHECK(files[other].find("diagrams.js") == std::string::npos);
    CHECK(files[other].find("mermaid") == std::string::npos);
  }
}

TEST_CASE("the mermaid bundle and its licence are published only when a page has a diagram") {
  fs::path theme = theme_copy("diagram-bundle", true);
  auto used = fbtest::by_path(render_with(theme, true));
  CHECK(used["assets/vendor/mermaid.min.js"] == "/* mermaid stand-in */");
  CHECK(used["assets/vendor/mermaid.LICENSE.txt"] == "MIT");
  CHECK(used.count("assets/vendor/other.js") == 0);
  CHECK(used.count("assets/diagrams.js") == 1);

  auto unused = fbtest::by_path(render_with(theme, false));
  CHECK(unused.count("assets/vendor/mermaid.min.js") == 0);
  CHECK(unused.count("assets/vendor/mermaid.LICENSE.txt") == 0);
  CHECK(unused.count("assets/vendor/other.js") == 0);
  CHECK(unused.count("assets/style.css") == 1);
}

TEST_CASE("a site's own assets/vendor bundle is used when the theme has none") {
  fs::path site_dir = fbtest::temp_dir("diagram-site-bundle");
  fb::write_file(site_dir / "assets/vendor/mermaid.min.js", "/* the site's */");
  TestSite site;
  site.site_dir = site_dir;
  site.theme_dir = theme_copy("diagram-site-bundle-theme", false);
  fbtest::add_sample(site).add("content/runbooks/api-triage.md", kFlowRunbook).load();
  auto r = site.render();
  CHECK_FALSE(fbtest::has_code(r.diags, "FB604"));
  auto files = fbtest::by_path(r);
  CHECK(files["assets/vendor/mermaid.min.js"] == "/* the site's */");
  CHECK(files["runbooks/api-triage/index.html"].find(kScript) != std::string::npos);
}

TEST_CASE("without the bundle: FB604 at the first mermaid block, the page shows code and loads nothing") {
  auto r = render_with(theme_copy("diagram-missing", false), true);
  CHECK_FALSE(r.diags.has_errors());
  REQUIRE(fbtest::has_code(r.diags, "FB604"));
  size_t count = 0;
  for (const fb::Diagnostic& d : r.diags.items) {
    if (d.code != "FB604") continue;
    ++count;
    CHECK(d.level == fb::Level::Warning);
    CHECK(d.file == "content/runbooks/api-triage.md");
    CHECK(d.line == 8);  // the ```mermaid line
    CHECK(d.message.find("assets/vendor/mermaid.min.js") != std::string::npos);
    CHECK(d.hint.find("scripts/install-theme-vendor.sh") != std::string::npos);
  }
  CHECK(count == 1);
  auto files = fbtest::by_path(r);
  const std::string& page = files["runbooks/api-triage/index.html"];
  CHECK(page.find("<pre><code class=\"language-mermaid\">graph TD") != std::string::npos);
  CHECK(page.find("diagrams.js") == std::string::npos);
  CHECK(files.count("assets/vendor/mermaid.min.js") == 0);
  // A site without diagrams needs no bundle: no warning.
  CHECK_FALSE(fbtest::has_code(render_with(theme_copy("diagram-missing-unused", false), false).diags, "FB604"));
}

TEST_CASE("a diagram is a block whose info string's first word is mermaid") {
  fb::Document doc;
  doc.md.code_blocks = {{"bash", "ls", 3}, {"mermaidjs", "x", 5}, {"mermaid  title=\"Flow\"", "graph TD", 9}};
  const fb::CodeBlock* block = fb::first_diagram(doc);
  REQUIRE(block);
  CHECK(block->line == 9);
  CHECK(block->language() == "mermaid");
  doc.md.code_blocks.pop_back();
  CHECK(fb::first_diagram(doc) == nullptr);
  CHECK(fb::vendor_package("vendor/mermaid.min.js") == "mermaid");
  CHECK(fb::vendor_package("vendor/mermaid/chunk.js") == "mermaid");
  CHECK(fb::vendor_package("site.js") == "");
}
