// Assets: theme assets copied, the site's own assets overriding by path, severities.css generated
// from site.yaml (sanitised), unreadable assets reported.
#include <doctest/doctest.h>

#include "render/assets.h"
#include "sample_site.h"

namespace fs = std::filesystem;
using fbtest::TestSite;

TEST_CASE("site assets override theme assets by path and add new ones") {
  fs::path site_dir = fbtest::temp_dir("assets");
  fb::write_file(site_dir / "assets/style.css", "/* mine */");
  fb::write_file(site_dir / "assets/img/logo.svg", "<svg/>");
  auto files = fbtest::render_sample(site_dir);
  CHECK(files["assets/style.css"] == "/* mine */");
  CHECK(files["assets/img/logo.svg"] == "<svg/>");
  auto theme_js = fb::read_file(fbtest::default_theme() / "assets/site.js");
  REQUIRE(theme_js);
  CHECK(files["assets/site.js"] == *theme_js);
}

TEST_CASE("an unreadable asset is FB603 and the rest are still published") {
  fs::path site_dir = fbtest::temp_dir("assets-bad");
  fs::create_directories(site_dir / "assets");
  fs::create_symlink(site_dir / "nowhere.png", site_dir / "assets/broken.png");
  TestSite site;
  site.site_dir = site_dir;
  fbtest::add_sample(site).load();
  auto r = site.render();
  REQUIRE(fbtest::has_code(r.diags, "FB603"));
  CHECK(r.diags.items.front().file == "assets/broken.png");
  CHECK(fbtest::by_path(r).count("assets/style.css") == 1);
}

TEST_CASE("severities.css: one class per level slug, contrasting text, unsafe colours replaced") {
  fb::Config config = fb::default_config();
  config.severities[0].color = "#fde047";                      // light yellow: black text
  config.severities[1].color = "#b91c1c";                      // dark red: white text
  config.severities[2].color = "red; } body { display: none";  // not a colour: grey
  std::vector<std::pair<std::string, std::string>> slugs = {
      {"SEV1", "sev1"}, {"SEV2", "sev2"}, {"SEV3", "sev3"}, {"SEV4", "sev4"}};
  std::string css = fb::severity_css(config, slugs);
  CHECK(css.find(".sev-sev1 { --sev-bg: #fde047; --sev-fg: #000; }") != std::string::npos);
  CHECK(css.find(".sev-sev2 { --sev-bg: #b91c1c; --sev-fg: #fff; }") != std::string::npos);
  CHECK(css.find(".sev-sev3 { --sev-bg: #6b7280;") != std::string::npos);
  CHECK(css.find("display") == std::string::npos);
  CHECK(fb::is_plain_css_color("rgb(10, 20, 30)"));
  CHECK(fb::is_plain_css_color("rebeccapurple"));
  CHECK(fb::is_plain_css_color("hsl(0 50% 40% / 80%)"));
  CHECK(fb::is_plain_css_color("#abcd"));
  CHECK_FALSE(fb::is_plain_css_color("url(//evil.example/x)"));  // no network fetches from site.yaml
  CHECK_FALSE(fb::is_plain_css_color("rgb(1,2,3); color: red"));
  CHECK_FALSE(fb::is_plain_css_color("#12345"));
  CHECK_FALSE(fb::is_plain_css_color("a;b"));
}
