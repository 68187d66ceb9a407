#pragma once
/// Machine-readable XML outputs: the Atom feed of PIRs and sitemap.xml. Written directly (not through
/// templates) so they are always well-formed; every value is XML-escaped, and no time comes from the
/// wall clock.
#include <string>
#include <vector>

#include "config/config.h"
#include "render/site_index.h"

namespace fb {

/// Most entries in the Atom feed (the newest PIRs).
inline constexpr size_t kFeedEntries = 50;

/// `postmortems/index.xml`: the newest PIRs, newest first. `updated` of the feed is the newest
/// published/resolved/started time among its entries (1970-01-01 when none), never the clock. Links are
/// absolute when `base_url` is set, else relative to the feed's own location.
std::string atom_feed(const Config& config, const SiteIndex& index);

/// `sitemap.xml` listing `pages` (site-relative URLs of HTML pages, sorted here). `<loc>` is absolute
/// when `base_url` is set; otherwise it is the site-relative path (not valid for search engines,
/// which need base_url, but still a complete list of pages). Runbooks carry `<lastmod>` = last
/// review, PIRs the published (else resolved) date.
std::string sitemap_xml(const Config& config, const SiteIndex& index, std::vector<std::string> pages);

}  // namespace fb
