#include "render/feeds.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "render/present.h"
#include "util/fs.h"
#include "util/hash.h"
#include "util/text.h"
#include "util/time.h"

namespace fb {

namespace {

/// The time an entry last changed: published, else resolved, else when it happened.
std::optional<int64_t> entry_updated(const Postmortem& pm) {
  if (pm.published) return pm.published->epoch;
  if (pm.resolved) return pm.resolved->epoch;
  return pm.occurred_at();
}

/// A stable id for something on a site without base_url.
std::string urn(const Config& config, std::string_view what) {
  return "urn:firebreak:" + hash_hex(content_hash(config.title + "\n" + std::string(what)));
}

void append_entry(std::string& out, const Config& config, const Postmortem& pm) {
  const Document& doc = *pm.doc;
  std::string site_path = url_encode_path(doc.url);
  // Relative links are relative to the feed, which lives in postmortems/.
  std::string rel = site_path.rfind("postmortems/", 0) == 0 ? site_path.substr(12) : "../" + site_path;
  std::string href = config.base_url.empty() ? rel : absolute_url(config.base_url, site_path);
  std::string id = config.base_url.empty() ? urn(config, doc.url) : href;
  std::string title = pm.incident_id.empty() || pm.incident_id == doc.title ? doc.title : pm.incident_id + ": " + doc.title;
  if (pm.severity.level) title = "[" + pm.severity.level->id + "] " + title;
  auto updated = entry_updated(pm);

  out += fmt::format("  <entry xml:base=\"{}\">\n", xml_escape(href));
  out += fmt::format("    <title>{}</title>\n", xml_escape(title));
  out += fmt::format("    <id>{}</id>\n", xml_escape(id));
  out += fmt::format("    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml_escape(href));
  if (pm.published) out += fmt::format("    <published>{}</published>\n", format_rfc3339_utc(pm.published->epoch));
  out += fmt::format("    <updated>{}</updated>\n", format_rfc3339_utc(updated.value_or(0)));
  for (const std::string& a : pm.authors) out += fmt::format("    <author><name>{}</name></author>\n", xml_escape(a));
  if (pm.severity.level)
    out += fmt::format("    <category term=\"{}\" label=\"{}\"/>\n", xml_escape(pm.severity.level->id),
                       xml_escape(pm.severity.level->label));
  for (const std::string& s : pm.services) out += fmt::format("    <category term=\"{}\"/>\n", xml_escape(s));
  std::string summary = !pm.root_cause_summary.empty() ? pm.root_cause_summary : pm.customer_impact;
  if (!summary.empty()) out += fmt::format("    <summary>{}</summary>\n", xml_escape(summary));
  if (!doc.md.html.empty()) out += fmt::format("    <content type=\"html\">{}</content>\n", xml_escape(doc.md.html));
  out += "  </entry>\n";
}

}  // namespace

std::string atom_feed(const Config& config, const SiteIndex& index) {
  size_t n = std::min(kFeedEntries, index.postmortems.size());
  int64_t updated = 0;
  for (size_t i = 0; i < n; ++i)
    if (auto t = entry_updated(*index.postmortems[i])) updated = std::max(updated, *t);
  std::string self = config.base_url.empty() ? "index.xml" : absolute_url(config.base_url, "postmortems/index.xml");
  std::string html = config.base_url.empty() ? "index.html" : absolute_url(config.base_url, "postmortems/index.html");
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += fmt::format("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
                     xml_escape(config.language.empty() ? "en" : config.language));
  out += fmt::format("  <title>{}</title>\n", xml_escape(config.title + " — Post-incident reviews"));
  if (!config.description.empty()) out += fmt::format("  <subtitle>{}</subtitle>\n", xml_escape(config.description));
  out += fmt::format("  <id>{}</id>\n", xml_escape(config.base_url.empty() ? urn(config, "postmortems/index.xml") : self));
  out += fmt::format("  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n", xml_escape(self));
  out += fmt::format("  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml_escape(html));
  out += fmt::format("  <updated>{}</updated>\n", format_rfc3339_utc(updated));
  out += fmt::format("  <author><name>{}</name></author>\n", xml_escape(config.title));
  out += "  <generator>Firebreak</generator>\n";
  for (size_t i = 0; i < n; ++i) append_entry(out, config, *index.postmortems[i]);
  out += "</feed>\n";
  return out;
}

std::string sitemap_xml(const Config& config, const SiteIndex& index, std::vector<std::string> pages) {
  std::map<std::string_view, std::string> lastmod;
  for (const Runbook* rb : index.runbooks)
    if (rb->last_reviewed) lastmod[rb->doc->url] = format_date(*rb->last_reviewed);
  for (const Postmortem* pm : index.postmortems)
    if (auto t = entry_updated(*pm)) lastmod[pm->doc->url] = format_date(*t);
  std::sort(pages.begin(), pages.end());
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const std::string& page : pages) {
    std::string loc = url_encode_path(page);
    if (!config.base_url.empty()) loc = absolute_url(config.base_url, loc);
    out += fmt::format("  <url><loc>{}</loc>", xml_escape(loc));
    if (auto it = lastmod.find(page); it != lastmod.end()) out += fmt::format("<lastmod>{}</lastmod>", it->second);
    out += "</url>\n";
  }
  out += "</urlset>\n";
  return out;
}

}  // namespace fb
