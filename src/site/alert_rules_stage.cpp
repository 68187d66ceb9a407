// The alert-rules stage of load_site(): which rule files, read, covered by the runbooks, checked.
#include <fmt/format.h>

#include "check/check.h"
#include "site/pipeline.h"
#include "util/fs.h"

namespace fb {
namespace fs = std::filesystem;

void load_alert_rules(const BuildOptions& options, LoadedSite& site) {
  std::vector<fs::path> paths;
  Diagnostics diags;
  if (!options.alert_rules.empty()) {
    std::error_code ec;  // absolute, so a file outside the site is named the same from every directory
    for (const std::string& p : options.alert_rules) paths.push_back(fs::absolute(p, ec).lexically_normal());
  } else if (options.rev.empty()) {  // a --rev build reads nothing from the working tree
    for (const std::string& p : site.config.alert_rules) {
      fs::path path = options.site_dir / p;
      if (!resolves_within(path, options.site_dir)) {
        diags.add("FB314", Level::Error, "site.yaml", {},
                  fmt::format("alert_rules: {} resolves outside the site: not read", p),
                  "Keep the rule files inside the site (a copy or a git submodule), or pass them with --alert-rules.");
        continue;
      }
      paths.push_back(std::move(path));
    }
  }
  site.has_alert_rules = !paths.empty();
  if (site.has_alert_rules) {
    site.alert_rules = read_alert_rules(paths, options.site_dir, diags);
    site.alert_coverage = alert_coverage(site.config, site.alert_rules, site.model);
    diags.merge(check_alert_coverage(site.config, site.alert_coverage));
  }
  site.diags.merge(diags);
  site.diags.sort();
}

}  // namespace fb
