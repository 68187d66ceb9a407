#include "site/pipeline.h"

#include <algorithm>
#include <chrono>
#include <tuple>
#include <future>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "check/check.h"
#include "content/document_codec.h"
#include "lessons/database.h"
#include "lessons/lessons.h"
#include "render/render.h"
#include "search/search.h"
#include "site/document_cache.h"
#include "site/publish.h"
#include "util/exit_code.h"
#include "util/fs.h"
#include "util/text.h"
#include "util/hash.h"
#include "util/parallel.h"
#include "util/time.h"
#include "vcs/revision.h"

namespace fb {
namespace fs = std::filesystem;

SourceSet discover_sources(const fs::path& site_dir) {
  SourceSet set;
  FileListing found = discover_content(site_dir);
  for (std::string& path : found.files) set.files.push_back(SourceFile{std::move(path), {}});
  for (const std::string& path : found.outside)
    set.diags.add("FB506", Level::Error, path, {}, "symlink leads outside the site: refused, nothing is read from it",
                  "Content must live inside the site directory: copy the file in, or point the link at a file "
                  "inside the site.");
  for (const std::string& path : found.unreadable)
    set.diags.add("FB507", Level::Error, path, {}, "folder cannot be read: the files in it are not built",
                  fmt::format("Give the user running firebreak read and search permission (chmod a+rx {}), or "
                              "move the folder out of content/.", path));
  set.read_from = site_dir;
  return set;
}

std::vector<std::pair<std::string, uint64_t>> content_hashes(const fs::path& site_dir) {
  std::vector<std::string> paths = discover_content(site_dir).files;
  std::vector<std::optional<uint64_t>> hashes(paths.size());
  parallel_for(paths.size(), [&](size_t i) {
    if (std::optional<std::string> bytes = read_file(site_dir / paths[i])) hashes[i] = content_hash(*bytes);
  });
  std::vector<std::pair<std::string, uint64_t>> out;
  out.reserve(paths.size());
  for (size_t i = 0; i < paths.size(); ++i)
    if (hashes[i]) out.emplace_back(std::move(paths[i]), *hashes[i]);
  return out;
}

void load_documents(LoadedSite& site, SourceSet sources, DocumentCache* cache) {
  site.diags.merge(sources.diags);
  const size_t n = sources.files.size();
  std::vector<Document> docs(n);
  std::vector<Diagnostics> diags(n);
  std::vector<char> ok(n, 0);
  const std::string dir = sources.read_from.empty() ? std::string{} : sources.read_from.string() + "/";
  parallel_for(n, [&](size_t i) {
    SourceFile& file = sources.files[i];
    if (!dir.empty()) {
      std::string error;
      std::optional<std::string> bytes = read_file(dir + file.path, &error);
      if (!bytes) {
        diags[i].add("FB501", Level::Error, file.path, {}, fmt::format("cannot read file: {}", error),
                     "Check the file's permissions.");
        return;
      }
      file.bytes = std::move(*bytes);
    }
    ParsedFile parsed;
    if (cache) cache->key(i, file.path, file.bytes);
    if (!cache || !cache->lookup(i, parsed)) {
      parsed.usable = parse_document(site.config, file, parsed.doc, parsed.diags);
      if (cache) cache->remember(i, parsed);
    }
    ok[i] = parsed.usable;
    docs[i] = std::move(parsed.doc);
    diags[i] = std::move(parsed.diags);
    std::string().swap(file.bytes);  // parsed: nothing keeps the bytes
  });
  site.docs.clear();
  site.docs.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    site.diags.merge(diags[i]);
    if (!ok[i]) continue;
    site.docs.push_back(std::move(docs[i]));
    if (cache) cache->bind(i, &site.docs.back());  // reserved: the vector never moves
  }
  // Model: typed views pointing into site.docs (which no longer moves).
  const size_t m = site.docs.size();
  std::vector<Diagnostics> mdiags(m);
  std::vector<Runbook> rbs(m);
  std::vector<Postmortem> pms(m);
  parallel_for(m, [&](size_t i) {
    const Document& d = site.docs[i];
    if (d.kind == DocKind::Runbook) rbs[i] = make_runbook(site.config, d, mdiags[i]);
    else pms[i] = make_postmortem(site.config, d, mdiags[i]);
  });
  for (size_t i = 0; i < m; ++i) {
    site.diags.merge(mdiags[i]);
    if (site.docs[i].kind == DocKind::Runbook) site.model.runbooks.push_back(std::move(rbs[i]));
    else site.model.postmortems.push_back(std::move(pms[i]));
  }
  // Drop infos/warnings silenced by rules configuration.
  auto& items = site.diags.items;
  items.erase(std::remove_if(items.begin(), items.end(), [](const Diagnostic& d) { return d.level == Level::Off; }),
              items.end());
  site.diags.sort();
}

fs::path theme_dir(const fs::path& site_dir, const std::string& name) {
  std::error_code ec;
  fs::path local = site_dir / "themes" / name;
  if (fs::is_directory(local, ec)) return local;
  if (const char* env = std::getenv("FIREBREAK_THEMES"); env && *env) {
    fs::path p = fs::path(env) / name;
    if (fs::is_directory(p, ec)) return p;
  }
  return fs::path(FIREBREAK_SOURCE_DIR) / "themes" / name;
}

std::string check_theme_dir(const fs::path& site_dir, const fs::path& dir) {
  if (resolves_within(dir, site_dir) || resolves_within(dir, fs::path(FIREBREAK_SOURCE_DIR) / "themes")) return {};
  if (const char* env = std::getenv("FIREBREAK_THEMES"); env && *env && resolves_within(dir, env)) return {};
  return fmt::format("theme folder {} resolves outside the site and the installed themes: refused (no template "
                     "or asset is read from it); put the theme in the site's themes/ folder",
                     dir.string());
}

namespace {

/// FB006 at `theme:` when the theme named in site.yaml is in none of the places themes are found.
void check_theme_exists(const fs::path& site_dir, const Config& config, Diagnostics& diags) {
  std::error_code ec;
  if (fs::is_directory(theme_dir(site_dir, config.theme), ec)) return;
  std::set<std::string> known;
  std::vector<fs::path> places{site_dir / "themes", fs::path(FIREBREAK_SOURCE_DIR) / "themes"};
  if (const char* env = std::getenv("FIREBREAK_THEMES"); env && *env) places.emplace_back(env);
  for (const fs::path& place : places)
    for (fs::directory_iterator it(place, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_directory(ec) && is_theme_name(it->path().filename().string())) known.insert(it->path().filename().string());
  std::vector<std::string> names(known.begin(), known.end());
  std::string guess = did_you_mean(config.theme, names);
  diags.add("FB006", Level::Error, "site.yaml", config.theme_at,
            fmt::format("theme `{}` not found: there is no themes/{}/ in the site{}", config.theme, config.theme,
                        std::getenv("FIREBREAK_THEMES") ? ", in FIREBREAK_THEMES or among the installed themes"
                                                        : " or among the installed themes"),
            guess.empty() ? fmt::format("Themes found: {}. Create themes/{}/ with layouts/, or remove `theme:` for "
                                        "the default theme.", names.empty() ? "none" : join(names, ", "), config.theme)
                          : fmt::format("Did you mean `{}`?", guess));
}

/// Content files as discover_content finds them (runbooks *.md, PIRs *.md/*.yaml/*.yml, no _index.md).
bool is_content_path(const std::string& path) {
  DocKind kind;
  return kind_of_path(path, kind) && !(path.size() >= 9 && path.compare(path.size() - 9, 9, "_index.md") == 0);
}

/// --rev: site.yaml and content from the object database (the working tree and index are not read).
bool load_revision(const BuildOptions& options, LoadedSite& site, SourceSet& sources, Diagnostics& cfg_diags,
                   std::string& fatal) {
  SiteRevision rev =
      read_revision(options.site_dir, options.rev, {"content/runbooks", "content/postmortems"}, is_content_path);
  if (!rev.ok) {
    fatal = rev.error;
    return false;
  }
  site.revision = rev.commit;
  if (rev.site_yaml) {
    site.site_yaml = *rev.site_yaml;
    site.config = parse_config(site.site_yaml, "site.yaml", cfg_diags);
  } else {
    cfg_diags.add("FB004", Level::Error, "site.yaml", {},
                  fmt::format("no site.yaml in {} at revision {}", options.site_dir.string(), options.rev),
                  "Pick a revision that has the site, or check --site.");
    site.config = default_config();
  }
  site.config.site_dir = options.site_dir;
  sources.files.reserve(rev.files.size());
  for (auto& f : rev.files) sources.files.push_back(SourceFile{std::move(f.path), std::move(f.bytes)});
  return true;
}

}  // namespace

bool load_site(const BuildOptions& options, LoadedSite& site, std::string& fatal) {
  std::string err;
  auto now = resolve_now(options.now_flag, err);
  if (!now) {
    fatal = err;
    return false;
  }
  site.now = *now;
  std::error_code ec;
  if (!fs::is_directory(options.site_dir, ec)) {
    fatal = fmt::format("site directory {} does not exist", options.site_dir.string());
    return false;
  }
  Diagnostics cfg_diags;
  SourceSet sources;
  if (!options.rev.empty()) {
    if (!load_revision(options, site, sources, cfg_diags, fatal)) return false;
  } else {
    site.config = load_config(options.site_dir, cfg_diags);
    site.site_yaml = read_file(options.site_dir / "site.yaml").value_or("");
  }
  if (!cfg_diags.has_errors()) check_theme_exists(options.site_dir, site.config, cfg_diags);
  site.diags.merge(cfg_diags);
  if (cfg_diags.has_errors()) {
    // A missing site.yaml is said once, by its FB004; other errors get one line saying what they stop.
    bool missing = std::any_of(cfg_diags.items.begin(), cfg_diags.items.end(), [](const Diagnostic& d) { return d.code == "FB004"; });
    fatal = missing ? "" : "site.yaml has errors: nothing was read";
    return false;
  }
  if (options.rev.empty()) sources = discover_sources(options.site_dir);
  // A --rev build promises not to touch the working tree: its cache only goes where --cache-dir says.
  if (options.use_cache && (options.rev.empty() || !options.cache_dir.empty())) {
    site.cache = std::make_unique<BuildCache>(
        options.cache_dir.empty() ? default_cache_dir(options.site_dir) : options.cache_dir, site.diags);
    site.cache->remove_stale_temporaries();
    site.doc_cache = std::make_unique<DocumentCache>(*site.cache, site.site_yaml, sources.files.size(), site.diags);
  }
  // The history walk (one thread, I/O and libgit2) overlaps the parallel parse.
  std::future<std::pair<SiteHistory, double>> history;
  if (options.git_history) {
    HistoryOptions ho;
    ho.rev = site.revision;
    ho.max_commits = site.config.git_max_commits;
    ho.is_content = is_content_path;
    history = std::async(std::launch::async, [ho = std::move(ho), dir = options.site_dir] {
      auto t0 = std::chrono::steady_clock::now();
      SiteHistory h = read_history(dir, ho);
      return std::make_pair(std::move(h),
                            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    });
  }
  load_documents(site, std::move(sources), site.doc_cache.get());
  if (site.doc_cache) {
    site.docs_reused = site.doc_cache->reused();
    site.docs_parsed = site.doc_cache->parsed();
    // The changed packs are written while the build goes on; build_site waits for them at the end.
    site.cache_saved = std::async(std::launch::async, [cache = site.doc_cache.get()] {
      Diagnostics d;
      cache->save(d);
      return d;
    });
  }
  if (history.valid()) {
    std::tie(site.history, site.history_ms) = history.get();
    site.diags.merge(site.history.diags);
    // Review staleness falls back to the last change when a runbook was never reviewed.
    for (Runbook& rb : site.model.runbooks)
      if (const FileHistory* h = site.history.find(rb.doc->path)) rb.last_changed = h->last_changed;
    site.diags.sort();
  }
  load_alert_rules(options, site);
  return true;
}

namespace {
/// The published output as RenderInput's memo: a file made from the same inputs is kept as it is.
struct PublishedPages final : PageMemo {
  Publisher& publisher;
  explicit PublishedPages(Publisher& p) : publisher(p) {}
  bool reuse(const std::string& path, uint64_t key) override { return publisher.keep_if_built_from(path, key); }
  void rendered(const std::string& path, uint64_t key) override { publisher.note_built_from(path, key); }
};

/// XXH3 over 64-bit values.
uint64_t hash_values(const std::vector<uint64_t>& values) {
  return content_hash(std::string_view(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(uint64_t)));
}

/// The inputs of lessons.db: the binary and site.yaml (`salt`), the clock, every PIR's bytes and
/// place, and of each runbook what the lessons read (its listing fingerprint and the date git last
/// changed it).
uint64_t lessons_db_key(const LoadedSite& site, uint64_t salt) {
  std::vector<uint64_t> v{salt, static_cast<uint64_t>(site.now)};
  for (const Runbook& rb : site.model.runbooks) {
    v.push_back(listing_fingerprint(*rb.doc));
    v.push_back(rb.last_changed ? static_cast<uint64_t>(*rb.last_changed) : ~uint64_t{0});
  }
  for (const Postmortem& pm : site.model.postmortems) {
    v.push_back(listing_fingerprint(*pm.doc));  // path and url too: a renamed PIR moves in lessons.db
    v.push_back(pm.doc->hash);
  }
  return hash_values(v);
}

/// The large structures of one build, freed at the end unless BuildOptions::free_memory is off.
struct BuildState {
  LoadedSite site;
  LessonsResult lessons;
  RenderResult rendered;
};
}  // namespace

BuildResult build_site(const BuildOptions& options) {
  BuildResult result;
  StageTimer timer{&result.timings};
  auto drop = [free_memory = options.free_memory](BuildState* s) {
    if (free_memory) delete s;
  };
  std::unique_ptr<BuildState, decltype(drop)> state(new BuildState, drop);
  LoadedSite& site = state->site;
  // Every return goes through here: the cache's packs are written, its warnings and the diagnostics
  // so far are the result's, and a fatal error is a usage/configuration error.
  auto finish = [&](int exit_code, std::string fatal = {}) {
    if (site.cache_saved.valid()) site.diags.merge(site.cache_saved.get());
    if (site.doc_cache)
      result.cache_report.push_back(fmt::format("documents: {} reused from the cache, {} parsed",
                                                site.docs_reused, site.docs_parsed));
    result.diags = site.diags;
    result.exit_code = exit_code;
    if (!fatal.empty()) result.fatal = std::move(fatal);
    return std::move(result);
  };
  std::string fatal;
  if (!load_site(options, site, fatal)) return finish(kExitUsage, std::move(fatal));
  result.out_dir = options.out_dir.empty() ? options.site_dir / site.config.output_dir : options.out_dir;
  result.runbooks = site.model.runbooks.size();
  result.postmortems = site.model.postmortems.size();
  const fs::path theme = theme_dir(options.site_dir, site.config.theme);
  if (!options.check_only) {
    if (OutputDirVerdict out = check_output_dir(options.site_dir, result.out_dir); !out.ok()) {
      // At the place that chose the folder: --out, or site.yaml's output_dir (or its default).
      const bool from_flag = !options.out_dir.empty();
      site.diags.add("FB007", Level::Error, from_flag ? "--out" : "site.yaml",
                     from_flag ? SourcePos{} : site.config.output_dir_at, out.reason, out.hint);
      return finish(kExitUsage);
    }
  }
  if (std::string why = check_theme_dir(options.site_dir, theme); !why.empty()) return finish(kExitUsage, std::move(why));

  timer.mark("load (discover, read, parse, model)");
  if (options.git_history) result.timings.emplace_back("git history (in parallel with parse)", site.history_ms);

  // Files are written into a temporary directory as they are produced and swapped in at the end; an
  // early return (errors) destroys the publisher, which removes the temporary directory.
  Publisher publisher;
  std::future<double> search_job;  // its wall time in ms
  std::future<LessonsResult> lessons_job;
  if (!options.check_only) {
    if (std::string err = publisher.begin(result.out_dir); !err.empty()) return finish(kExitUsage, std::move(err));
    if (site.cache && site.cache->enabled()) publisher.reuse(load_manifest(*site.cache, result.out_dir, site.diags));
    // The search index and the lessons analysis only read the loaded site: they run while the checks
    // run (and the search index on through rendering). Work wasted when the checks find errors.
    search_job = std::async(std::launch::async, [&] {
      auto t0 = std::chrono::steady_clock::now();
      OutputFiles files = search::search_files(site.docs, site.model, site.config, site.site_yaml);
      for (const OutputFile& f : files) publisher.write(f);
      return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    });
    lessons_job = std::async(std::launch::async,
                             [&site] { return analyse_lessons(site.config, site.model, site.now); });
  }

  site.diags.merge(check_site(site.config, site.docs, site.model, site.now, schema_dir(options.site_dir)));
  finalize_diagnostics(site.config, site.docs, site.diags);
  timer.mark("check");
  if (site.diags.has_errors() || options.check_only)
    return finish(site.diags.has_errors() ? kExitContentErrors : kExitOk);

  // Lessons: metrics and patterns for the pages; lessons.db is written while the pages render.
  LessonsResult& lessons = state->lessons;
  lessons = lessons_job.get();
  timer.mark("lessons (metrics, patterns; started with the checks)");
  const bool memo = site.cache && site.cache->enabled();
  const uint64_t salt = memo ? hash_values({content_hash(binary_identity()), content_hash(site.site_yaml)}) : 0;
  const uint64_t db_key = memo ? lessons_db_key(site, salt) : 0;
  const bool db_kept = memo && publisher.keep_if_built_from(kLessonsDbPath, db_key);
  auto lessons_db_job = std::async(std::launch::async, [&] {
    auto t0 = std::chrono::steady_clock::now();
    std::string error;
    if (db_kept) return std::make_pair(std::move(error), 0.0);
    publisher.write_with(kLessonsDbPath, [&](const fs::path& file) {
      write_lessons_db(site.config, site.model, lessons, site.now, file, error);
      return error;
    });
    if (error.empty()) publisher.note_built_from(kLessonsDbPath, db_key);
    return std::make_pair(std::move(error),
                          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  });

  RenderInput in;
  in.config = &site.config;
  in.docs = &site.docs;
  in.model = &site.model;
  in.now = site.now;
  in.lessons = &lessons;
  in.history = &site.history;
  if (site.has_alert_rules) {
    in.alert_rules = &site.alert_rules;
    in.alert_coverage = &site.alert_coverage;
  }
  in.site_dir = options.site_dir;
  in.theme_dir = theme;
  in.sink = [&publisher](const OutputFile& f) { return publisher.write(f); };
  PublishedPages published(publisher);
  if (memo) {
    in.memo = &published;
    in.memo_salt = salt;
  }
  RenderResult& rendered = state->rendered;
  rendered = render_site(in);
  timer.mark("render (pages written as they are rendered)");
  double search_ms = search_job.get();
  timer.mark("search index (waiting)");
  result.timings.emplace_back("search index (built in parallel with lessons and render)", search_ms);
  auto [lessons_db_error, lessons_db_ms] = lessons_db_job.get();
  result.timings.emplace_back("lessons.db (built in parallel with render)", lessons_db_ms);
  if (!lessons_db_error.empty()) return finish(kExitUsage, std::move(lessons_db_error));
  site.diags.merge(rendered.diags);
  finalize_diagnostics(site.config, site.docs, site.diags);
  if (site.diags.has_errors()) return finish(kExitContentErrors);
  result.pages = publisher.written();
  if (std::string err = publisher.commit(); !err.empty()) return finish(kExitUsage, std::move(err));
  timer.mark("publish (swap in)");
  if (publisher.stale_removed() > 0)
    result.cache_report.push_back(fmt::format("removed {} temporary output director{} left by killed builds",
                                              publisher.stale_removed(), publisher.stale_removed() == 1 ? "y" : "ies"));
  if (site.cache && site.cache->enabled()) {
    save_manifest(*site.cache, result.out_dir, publisher.manifest(), site.diags);
    result.changed_files = publisher.changed();
    result.compared = true;
    result.cache_report.push_back(fmt::format("pages and files: {} rendered, {} kept (inputs unchanged)",
                                              rendered.rendered, rendered.kept));
    result.cache_report.push_back(fmt::format("lessons.db: {}", db_kept ? "kept (inputs unchanged)" : "written"));
    result.cache_report.push_back(fmt::format("outputs: {} unchanged (kept, mtime too), {} written",
                                              publisher.reused(), publisher.written() - publisher.reused()));
  }
  return finish(kExitOk);
}

}  // namespace fb
