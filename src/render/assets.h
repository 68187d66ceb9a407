#pragma once
/// Static assets: the theme's `assets/` and the site's own `assets/` (the site wins by relative path)
/// are published under `assets/`, together with `assets/severities.css`, generated from the severity
/// scale's colours so badges match site.yaml without inline styles.
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.h"
#include "util/diagnostic.h"
#include "util/output.h"

namespace fb {

/// CSS classes `.sev-<slug>` (slug of each level id, as the severities taxonomy assigns them) setting
/// `--sev-bg` and `--sev-fg` (black or white, whichever contrasts more). Colours that are not plain CSS
/// colour syntax are replaced by grey, so site.yaml cannot inject other CSS.
std::string severity_css(const Config& config, const std::vector<std::pair<std::string, std::string>>& slug_by_id);

/// The asset files a build may publish, by path below `assets/` ("style.css", "vendor/mermaid.min.js"):
/// the theme's, then the site's, a site file replacing the theme's of the same path. Nothing is read
/// yet. A symlink leading out of the site (or out of an installed theme) is FB506 and left out.
struct AssetList {
  std::map<std::string, std::filesystem::path> files;  ///< relative path -> the file to read
  /// True when `rel` (below assets/) is listed.
  bool has(const std::string& rel) const { return files.count(rel) != 0; }
};

/// Lists the assets of `theme_dir` and `site_dir` (an empty site_dir, or the theme itself, adds none).
AssetList list_assets(const std::filesystem::path& theme_dir, const std::filesystem::path& site_dir,
                      Diagnostics& diags);

/// The package a vendor asset belongs to: "mermaid" for `vendor/mermaid.min.js` or
/// `vendor/mermaid/x.js`; "" when `rel` is not below vendor/.
std::string vendor_package(std::string_view rel);

/// Appends the assets of `list` to `out` as `assets/<path>`, with the generated `assets/severities.css`
/// (which replaces a listed one). Files below `vendor/` (third-party bundles that
/// scripts/install-theme-vendor.sh installs) are published only when their package is in
/// `vendor_used`, so a site that draws no diagram carries no diagram library. An unreadable asset is
/// FB603.
void collect_assets(const AssetList& list, const std::filesystem::path& site_dir, std::string generated_css,
                    const std::set<std::string>& vendor_used, OutputFiles& out, Diagnostics& diags);

/// True when `color` is plain CSS colour syntax: `#rgb[a]`/`#rrggbb[aa]`, a colour name, or
/// rgb()/rgba()/hsl()/hsla()/hwb()/lab()/lch()/oklab()/oklch() of numbers (never url() or anything else).
bool is_plain_css_color(std::string_view color);

}  // namespace fb
