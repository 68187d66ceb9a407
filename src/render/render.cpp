// render_site(): plans every page, feed, sitemap and JSON file, renders them in parallel (each worker
// with its own parsed templates), then adds the assets.
#include "render/render.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include <fmt/format.h>

#include "content/document_codec.h"
#include "render/api.h"
#include "render/assets.h"
#include "render/diagrams.h"
#include "render/feeds.h"
#include "render/history_view.h"
#include "render/lessons_pages.h"
#include "render/page_context.h"
#include "render/pages.h"
#include "render/theme.h"
#include "util/hash.h"
#include "util/parallel.h"

namespace fb {

namespace {

/// One output file: a page (template name + how to build its context) or, when `tmpl` is empty, a
/// file written by `produce` (feed, sitemap, JSON API).
struct PageJob {
  std::string tmpl;
  std::string path;
  std::function<PageData()> build;
  bool in_sitemap = true;
  std::function<std::string()> produce = {};
};

/// Every page of the site, the big listings first so the parallel loop ends evenly.
std::vector<PageJob> plan_pages(const RenderContext& rc, const RenderInput& in) {
  std::vector<PageJob> jobs;
  jobs.push_back({"runbooks", "runbooks/index.html", [&rc] { return runbooks_page(rc); }});
  jobs.push_back({"postmortems", "postmortems/index.html", [&rc] { return postmortems_page(rc); }});
  jobs.push_back({"home", "index.html", [&rc] { return home_page(rc); }});
  for (const Taxonomy* tax : rc.index.taxonomies()) {
    jobs.push_back({"taxonomy", tax->index_url(), [&rc, tax] { return taxonomy_page(rc, *tax); }});
    for (const Term& t : tax->terms)
      jobs.push_back({"term", t.url(tax->key), [&rc, tax, &t] { return term_page(rc, *tax, t); }});
  }
  jobs.push_back({"404", "404.html", [&rc] { return plain_page(rc, "404.html", "Page not found", "404"); }, false});
  jobs.push_back({"changes", "changes/index.html", [&rc, &in] { return changes_page(rc, *in.docs); }});
  jobs.push_back({"search", "search/index.html",
                  [&rc] { return plain_page(rc, "search/index.html", "Search", "search"); }, false});
  if (rc.alerts) jobs.push_back({"alerts", "alerts/index.html", [&rc] { return alerts_page(rc); }});
  if (rc.lessons) {
    jobs.push_back({"patterns", "patterns/index.html", [&rc] { return patterns_page(rc); }, true, {}});
    jobs.push_back({"metrics", "metrics/index.html", [&rc] { return metrics_page(rc); }, true, {}});
  }

  // Two documents at one URL are reported by check (FB406); the first by path keeps the page.
  std::set<std::string_view> seen;
  for (const Runbook& rb : in.model->runbooks)
    if (seen.insert(rb.doc->url).second)
      jobs.push_back({"runbook", rb.doc->url, [&rc, &rb] { return runbook_page(rc, rb); }});
  for (const Postmortem& pm : in.model->postmortems)
    if (seen.insert(pm.doc->url).second)
      jobs.push_back({"postmortem", pm.doc->url, [&rc, &pm] { return postmortem_page(rc, pm); }});
  return jobs;
}

/// XXH3 of a sequence of 64-bit values.
struct KeyHasher {
  std::string bytes;
  KeyHasher& add(uint64_t v) {
    for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>(v >> (8 * i)));
    return *this;
  }
  KeyHasher& add(std::string_view s) { return add(content_hash(s)).add(s.size()); }
  uint64_t done() const { return content_hash(bytes); }
};

/// The inputs every file of the site depends on: site.yaml and the binary (the salt), the clock, the
/// templates, whether mermaid's bundle is there (a page with a diagram loads it or shows code), the git history, what every document shows beyond its own page (listing_fingerprint:
/// title, front matter) and the PIRs' whole bytes (the lessons and the feed read their text). A
/// runbook's body is the one input that only its own page reads. The alert rules (their files' names
/// and bytes) are an input of every page: the nav links /alerts/ when there are rules.
uint64_t site_key(const RenderInput& in, const Theme& theme, const DiagramPlan& diagrams) {
  KeyHasher k;
  k.add(in.memo_salt).add(static_cast<uint64_t>(in.now)).add(in.lessons ? 1 : 0).add(diagrams.bundle ? 1 : 0);
  k.add(in.alert_rules ? 1 : 0).add(in.alert_rules ? in.alert_rules->hash : 0);
  for (const auto* templates : {&theme.layouts, &theme.partials})
    for (const auto& [name, src] : *templates) k.add(name).add(src.file).add(src.text);
  if (in.history) {
    k.add(in.history->in_repository ? 1 : 0).add(in.history->prefix).add(in.history->start_commit);
    k.add(in.history->files.size()).add(in.history->events.size());
  }
  for (const Document& d : *in.docs) {
    k.add(listing_fingerprint(d));
    if (d.kind == DocKind::Postmortem) k.add(d.hash);
  }
  return k.done();
}

}  // namespace

RenderResult render_site(const RenderInput& in) {
  if (!in.config || !in.model || !in.docs)
    throw std::invalid_argument("render_site: config, docs and model are required");
  RenderResult result;
  // A theme needs alerts.mustache only for a site with alert rules.
  std::vector<std::string> required = kPageTemplates;
  if (in.alert_coverage) required.push_back("alerts");
  Theme theme = load_theme(in.theme_dir, in.site_dir, required, result.diags);
  const AssetList assets = list_assets(in.theme_dir, in.site_dir, result.diags);
  const DiagramPlan diagrams = plan_diagrams(*in.docs, assets, result.diags);
  SiteIndex index = build_site_index(*in.config, *in.model, in.now);
  RenderContext rc{*in.config, index, in.now, nullptr, in.history};
  rc.diagrams = diagrams.bundle;
  rc.alerts = in.alert_coverage;
  std::optional<LessonsView> lessons;
  if (in.lessons) rc.lessons = &lessons.emplace(*in.lessons, *in.model);
  SharedValues shared = build_shared_values(rc, *in.model);
  if (in.lessons) shared.patterns = shared_pattern_refs(rc);
  rc.shared = &shared;
  RowStore rows = build_rows(rc, *in.model);
  rc.rows = &rows;
  const Data site = site_context(rc);
  rows.site = &site;
  rows.literals = &theme.literals;
  std::vector<PageJob> pages_plan = plan_pages(rc, in);

  // The machine-readable files are rendered by the same workers, the largest first.
  std::vector<std::string> sitemap_pages;
  for (const PageJob& j : pages_plan)
    if (j.in_sitemap && theme.has(j.tmpl)) sitemap_pages.push_back(j.path);
  const Config& config = *in.config;
  std::vector<PageJob> jobs;
  auto file = [&jobs](std::string path, std::function<std::string()> produce) {
    jobs.push_back(PageJob{{}, std::move(path), {}, false, std::move(produce)});
  };
  file("api/postmortems.json", [&] { return api_postmortems(config, index, in.now, in.history); });
  file("api/runbooks.json", [&] { return api_runbooks(config, index, in.now, in.history); });
  file("api/alerts.json", [&] { return api_alerts(config, index, in.alert_coverage); });
  file("api/changes.json", [&] { return api_changes(config, in.history, *in.docs, in.now); });
  file("postmortems/index.xml", [&] { return atom_feed(config, index); });
  file("sitemap.xml", [&] { return sitemap_xml(config, index, sitemap_pages); });
  for (PageJob& j : pages_plan) jobs.push_back(std::move(j));

  // Every file's input key: the site's, and for a document's page also the document's own bytes.
  const size_t n = jobs.size();
  std::vector<uint64_t> keys(n, 0);
  if (in.memo && in.sink) {
    const uint64_t site = site_key(in, theme, diagrams);
    std::unordered_map<std::string_view, uint64_t> own;
    for (const Document& d : *in.docs) own.emplace(d.url, d.hash);
    for (size_t i = 0; i < n; ++i) {
      KeyHasher k;
      k.add(site).add(jobs[i].path).add(jobs[i].tmpl);
      if (auto it = own.find(jobs[i].path); it != own.end() && (jobs[i].tmpl == "runbook" || jobs[i].tmpl == "postmortem"))
        k.add(it->second);
      keys[i] = k.done();
    }
  }
  std::atomic<size_t> kept{0};
  std::vector<std::string> pages(n), errors(n);
  std::vector<char> ok(n, 0);
  std::atomic<size_t> next{0};
  std::atomic<size_t> streamed{0};
  // With a sink, a finished file is written at once and its bytes freed (ok stays set: it was produced).
  auto hand_over = [&](size_t i) {
    OutputFile f{jobs[i].path, std::move(pages[i])};
    if (in.sink(f) && in.memo) in.memo->rendered(jobs[i].path, keys[i]);
    ++streamed;
    pages[i] = std::string();
  };
  parallel_for(std::min<size_t>(worker_count(), n), [&](size_t) {
    TemplateSet templates(theme);
    for (size_t i = next.fetch_add(1, std::memory_order_relaxed); i < n; i = next.fetch_add(1, std::memory_order_relaxed)) {
      if (in.memo && in.sink && (jobs[i].produce || theme.has(jobs[i].tmpl)) && in.memo->reuse(jobs[i].path, keys[i])) {
        ok[i] = 1;
        ++kept;
        continue;
      }
      if (jobs[i].produce) {
        pages[i] = jobs[i].produce();
        ok[i] = 1;
        if (in.sink) hand_over(i);
        continue;
      }
      if (!theme.has(jobs[i].tmpl)) continue;  // FB601/FB602 already reported at load
      PageData page = jobs[i].build();
      PageContext ctx(&site, &page, &theme.literals);
      pages[i].reserve(page.size_hint + 16384);  // the page's own text plus the template around it
      ok[i] = templates.render(jobs[i].tmpl, ctx, pages[i], errors[i]);
      if (ok[i] && in.sink) hand_over(i);
    }
    clear_row_cache();
  });

  for (size_t i = 0; i < n; ++i) {
    if (!errors[i].empty())
      result.diags.add("FB602", Level::Error, theme.file_of(jobs[i].tmpl), {},
                       fmt::format("template `{}` failed while rendering {}: {}", theme.file_of(jobs[i].tmpl),
                                   jobs[i].path, errors[i]),
                       "Check the template's sections and lambdas.");
    if (!ok[i] || in.sink) continue;
    result.files.push_back(OutputFile{std::move(jobs[i].path), std::move(pages[i])});
  }
  std::vector<std::pair<std::string, std::string>> sev_slugs;
  for (const Term& t : index.severities.terms) sev_slugs.emplace_back(t.name, t.slug);
  collect_assets(assets, in.site_dir, severity_css(*in.config, sev_slugs), diagrams.vendor_used, result.files,
                 result.diags);
  if (in.sink) {
    for (const OutputFile& f : result.files) in.sink(f), ++streamed;
    result.files.clear();
  }
  result.streamed = streamed;
  result.kept = kept;
  result.rendered = n - kept;
  std::sort(result.files.begin(), result.files.end(),
            [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; });
  return result;
}

}  // namespace fb
