// `firebreak search`: the site's search from the terminal, with the same index format and ranking as
// the browser. Uses the published index under <output>/search when it was built from the current
// content (same fingerprint), else builds the index in memory from the content.
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "search/index.h"
#include "search/query.h"
#include "search/search.h"
#include "search/snippet.h"
#include "search/source.h"
#include "util/fs.h"
#include "util/text.h"

namespace fb::cli {
namespace {

struct SearchOptions {
  CommonOptions common;
  std::string query;
  std::string out;
  std::vector<std::string> kind, severity, service, tag, owner;
  size_t limit = 10;
  bool json = false;
};

/// Where the results come from: the published files or an index built now.
struct OpenIndex {
  std::unique_ptr<search::PublishedIndex> published;
  std::unique_ptr<LoadedSite> site;
  std::unique_ptr<search::SearchIndex> built;
  std::unique_ptr<search::MemoryIndex> memory;
  search::IndexSource* source() { return published ? static_cast<search::IndexSource*>(published.get()) : memory.get(); }
};

/// Builds the index in memory from the site's content. Returns false (with `fatal`) on usage errors.
bool build_in_memory(const SearchOptions& o, OpenIndex& idx, std::string& fatal) {
  idx.published.reset();
  idx.site = std::make_unique<LoadedSite>();
  BuildOptions bo = build_options(o.common);
  bo.git_history = false;  // search never shows history
  if (!load_site(bo, *idx.site, fatal)) return false;
  idx.built = std::make_unique<search::SearchIndex>(
      search::build_index(idx.site->docs, idx.site->model, idx.site->config));
  idx.memory = std::make_unique<search::MemoryIndex>(*idx.built);
  return true;
}

/// Opens the published index when it matches the content, else builds one.
bool open_index(const SearchOptions& o, OpenIndex& idx, std::string& fatal) {
  namespace fs = std::filesystem;
  if (!o.common.rev.empty()) return build_in_memory(o, idx, fatal);  // the published index is of the working tree
  const fs::path site_dir = o.common.site;
  Diagnostics cfg_diags;
  Config config = load_config(site_dir, cfg_diags);
  fs::path out_dir = o.out.empty() ? site_dir / config.output_dir : fs::path(o.out);
  std::string why;
  idx.published = search::PublishedIndex::open(out_dir, why);
  if (idx.published) {
    std::string fp =
        search::content_fingerprint(content_hashes(site_dir), read_file(site_dir / "site.yaml").value_or(""));
    if (fp == idx.published->fingerprint()) {
      if (o.common.verbose) fmt::print(stderr, "Using the published index in {}.\n", (out_dir / "search").string());
      return true;
    }
    why = "the content changed since the last build";
  }
  if (o.common.verbose) fmt::print(stderr, "Building the index in memory ({}).\n", why);
  return build_in_memory(o, idx, fatal);
}

std::string kind_label(DocKind k) { return k == DocKind::Runbook ? "runbook" : "postmortem"; }

void print_text(search::IndexSource& src, const search::Results& res, bool color) {
  const std::string bold = color ? "\033[1m" : "", mark = color ? "\033[1;33m" : "", off = color ? "\033[0m" : "";
  const std::string dim = color ? "\033[2m" : "";
  size_t rank = 0;
  for (const auto& h : res.hits) {
    const search::DocRecord& d = src.doc(h.doc);
    std::string meta = kind_label(d.kind);
    if (!d.severity.empty()) meta += " · " + d.severity;
    if (!d.services.empty()) meta += " · " + join(d.services, ", ");
    fmt::print("{:>2}. {}{}{}  {}[{}]{}\n", ++rank, bold,
               search::to_text(search::highlight(d.title, res.matched), mark, off + bold), off, dim, meta, off);
    fmt::print("    {}{}{}\n", dim, d.url, off);
    std::string snippet = search::to_text(search::make_snippet(d.excerpt, res.matched), mark, off);
    if (!snippet.empty()) fmt::print("    {}\n", snippet);
  }
  if (res.total > res.hits.size())
    fmt::print(stderr, "{} of {} results (--limit to see more)\n", res.hits.size(), res.total);
  else if (res.total == 0)
    fmt::print(stderr, "No results.\n");
}

void print_json(search::IndexSource& src, const search::Results& res) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& h : res.hits) {
    const search::DocRecord& d = src.doc(h.doc);
    out.push_back({{"url", d.url},
                   {"title", d.title},
                   {"kind", kind_label(d.kind)},
                   {"score", h.score},
                   {"snippet", search::to_html(search::make_snippet(d.excerpt, res.matched))}});
  }
  fmt::print("{}\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
}

int run_search(const SearchOptions& o) {
  search::Query q = search::parse_query(o.query);
  auto add = [](std::vector<std::string>& to, const std::vector<std::string>& from) {
    to.insert(to.end(), from.begin(), from.end());
  };
  add(q.filters.kind, o.kind);
  add(q.filters.severity, o.severity);
  add(q.filters.service, o.service);
  add(q.filters.tag, o.tag);
  add(q.filters.owner, o.owner);
  OpenIndex idx;
  std::string fatal;
  if (!open_index(o, idx, fatal)) {
    if (!fatal.empty()) fmt::print(stderr, "error: {}\n", fatal);
    return kExitUsage;
  }
  search::Results res = search::run_query(*idx.source(), q, o.limit);
  if (idx.published) {
    for (const auto& h : res.hits) idx.published->doc(h.doc);
    if (!idx.published->error().empty()) {  // damaged files: answer from the content instead
      if (o.common.verbose) fmt::print(stderr, "{}; building the index in memory.\n", idx.published->error());
      if (!build_in_memory(o, idx, fatal)) {
        if (!fatal.empty()) fmt::print(stderr, "error: {}\n", fatal);
        return kExitUsage;
      }
      res = search::run_query(*idx.source(), q, o.limit);
    }
  }
  if (o.json) print_json(*idx.source(), res);
  else print_text(*idx.source(), res, ::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR"));
  return kExitOk;
}

}  // namespace

void register_search(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<SearchOptions>();
  CLI::App* cmd = app.add_subcommand(
      "search", "Search runbooks and post-incident reviews with the site's index and ranking");
  add_common_options(*cmd, o->common);
  cmd->add_option("query", o->query,
                  "What to look for: alert names, symptoms, services, incident ids. Words like "
                  "`tag:postgres` or `sev:SEV1` filter; a last word without a trailing space matches as a prefix")
      ->required();
  cmd->add_option("--kind", o->kind, "Only runbooks or only post-incident reviews")
      ->check(CLI::IsMember({"runbook", "postmortem", "pir"}));
  cmd->add_option("--severity", o->severity, "Only this severity (id, alias or label; repeatable)");
  cmd->add_option("--service", o->service, "Only this service (repeatable)");
  cmd->add_option("--tag", o->tag, "Only documents with this tag (repeatable)");
  cmd->add_option("--owner", o->owner, "Only runbooks of this owner (repeatable)");
  cmd->add_option("--limit", o->limit, "Most results to print")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_flag("--json", o->json, "Print [{url, title, kind, score, snippet}] (snippet: HTML, matches in <mark>)");
  cmd->add_option("--out", o->out, "Built site holding search/ (default: output_dir from site.yaml)");
  cmd->callback([o, &exit_code] { exit_code = run_search(*o); });
}

}  // namespace fb::cli
