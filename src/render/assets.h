#pragma once
/// Static assets: the theme's `assets/` and the site's own `assets/` (the site wins by relative path)
/// are published under `assets/`, together with `assets/severities.css`, generated from the severity
/// scale's colours so badges match site.yaml without inline styles.
#include <filesystem>
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

/// Appends the asset files to `out`: theme assets, then the generated `assets/severities.css`, then the
/// site's assets (each later file replaces an earlier one of the same path). An unreadable asset is
/// FB603.
void collect_assets(const std::filesystem::path& theme_dir, const std::filesystem::path& site_dir,
                    std::string generated_css, OutputFiles& out, Diagnostics& diags);

/// True when `color` is plain CSS colour syntax: `#rgb[a]`/`#rrggbb[aa]`, a colour name, or
/// rgb()/rgba()/hsl()/hsla()/hwb()/lab()/lch()/oklab()/oklch() of numbers (never url() or anything else).
bool is_plain_css_color(std::string_view color);

}  // namespace fb
