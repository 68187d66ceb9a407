#include "vcs/history.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <queue>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "util/text.h"
#include "vcs/repository.h"
#include "vcs/tree_diff.h"

namespace fb {

const char* change_kind_name(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::Added: return "added";
    case ChangeKind::Modified: return "modified";
    case ChangeKind::Deleted: return "deleted";
    case ChangeKind::Renamed: return "renamed";
  }
  return "modified";
}

const FileHistory* SiteHistory::find(const std::string& path) const {
  auto it = files.find(path);
  return it == files.end() ? nullptr : &it->second;
}

std::vector<ChangeEvent> SiteHistory::changes_since(int64_t since) const {
  std::vector<ChangeEvent> out;
  for (const auto& e : events)
    if (e.date >= since) out.push_back(e);
  return out;
}

namespace {

struct OidHash {
  size_t operator()(const git_oid& id) const {
    size_t h;
    std::memcpy(&h, id.id, sizeof h);
    return h;
  }
};
struct OidEq {
  bool operator()(const git_oid& a, const git_oid& b) const { return git_oid_equal(&a, &b); }
};

/// One commit of the walk, with what the walk needs from it.
struct CommitNode {
  git_oid id{};
  git_oid tree{};
  int64_t time = 0;                 ///< committer time
  std::string author, email, subject;
  std::vector<git_oid> parent_ids;  ///< as recorded in the commit
  std::vector<size_t> parents;      ///< node indices of all parents (empty for a root or boundary)
  bool boundary = false;            ///< shallow boundary: parents are not in the repository
  bool in_walk = false;             ///< within max_commits (popped from the date-ordered queue)
  size_t children = 0;              ///< in-walk children not yet processed (topological order)
  size_t order = 0;                 ///< discovery order, the deterministic tie-breaker
};

/// Per line of descent: names (site-relative, valid in that commit's tree) that do not resolve to
/// themselves, mapped to the current path they are the history of ("" = no current file). Shared
/// copy-on-write between commits; almost always empty (only renames put entries here).
using Aliases = std::map<std::string, std::string>;
using AliasesPtr = std::shared_ptr<const Aliases>;

/// The single history walk.
class Walker {
 public:
  Walker(git::SiteRepository& site, const HistoryOptions& options, SiteHistory& out)
      : repo_(site.repo.get()), site_(site), options_(options), out_(out),
        scope_(git::make_scope(site.prefix, options.content_dirs, options.is_content)) {}

  /// Runs the walk from `start`. Returns false (with `error`) on a libgit2 failure.
  bool run(git_commit* start, std::string& error) {
    if (!list_current_files(start, error)) return false;
    if (!collect(start, error)) return false;
    std::vector<size_t> order = topological_order();
    if (!compute_diffs(order, error)) return false;
    process(order);
    return true;
  }

 private:
  git_repository* repo_;
  git::SiteRepository& site_;
  const HistoryOptions& options_;
  SiteHistory& out_;
  git::DiffScope scope_;
  std::vector<CommitNode> nodes_;
  std::unordered_map<git_oid, size_t, OidHash, OidEq> index_;
  std::unordered_set<std::string> current_;   ///< content paths at the start commit
  std::unordered_set<std::string> dead_;      ///< names whose creation the walk has passed
  std::unordered_map<std::string, std::set<std::string>> authors_;  ///< current path -> e-mails
  std::vector<std::vector<AliasesPtr>> pending_;  ///< per node: states handed down by its children
  /// Per node, per parent: what changed from that parent (one entry against the empty tree for a root).
  std::vector<std::vector<std::vector<git::PathChange>>> diffs_;

  bool list_current_files(git_commit* start, std::string& error) {
    std::vector<git::PathChange> all;
    git::TreeDiffer differ(repo_, scope_);
    if (!differ.diff(nullptr, *git_commit_tree_id(start), all, error)) return false;
    for (auto& c : all) current_.insert(std::move(c.path));
    return true;
  }

  static bool fail(std::string& error) {
    error = git::last_error();
    return false;
  }

  /// Adds the commit `id` as a node (reading it once); returns its index or SIZE_MAX when missing.
  size_t node_for(const git_oid& id, std::string& error) {
    if (auto it = index_.find(id); it != index_.end()) return it->second;
    git_commit* raw = nullptr;
    int rc = git_commit_lookup(&raw, repo_, &id);
    if (rc == GIT_ENOTFOUND) return SIZE_MAX;
    if (rc < 0) {
      fail(error);
      return SIZE_MAX - 1;
    }
    git::CommitPtr c(raw);
    CommitNode n;
    n.id = id;
    n.tree = *git_commit_tree_id(c.get());
    n.time = git_commit_time(c.get());
    const git_signature* a = git_commit_author(c.get());
    n.author = git::valid_utf8(a ? a->name : "");
    n.email = git::valid_utf8(a ? a->email : "");
    n.subject = git::valid_utf8(git_commit_summary(c.get()));
    for (unsigned k = 0, np = git_commit_parentcount(c.get()); k < np; ++k)
      n.parent_ids.push_back(*git_commit_parent_id(c.get(), k));
    n.order = nodes_.size();
    n.boundary = site_.grafts.count(git_oid_tostr_s(&id)) > 0;
    index_.emplace(id, nodes_.size());
    nodes_.push_back(std::move(n));
    return nodes_.size() - 1;
  }

  /// Newest-first (committer date) traversal from `start`, bounded by max_commits. Not git_revwalk:
  /// libgit2 1.5 predates shallow-clone support and its revwalk fails on the missing parents of a
  /// shallow boundary ("object not found"); this walk reads .git/shallow and stops there instead.
  bool collect(git_commit* start, std::string& error) {
    auto newer = [this](size_t a, size_t b) {
      return std::tie(nodes_[a].time, nodes_[b].order) < std::tie(nodes_[b].time, nodes_[a].order);
    };
    std::priority_queue<size_t, std::vector<size_t>, decltype(newer)> queue(newer);
    size_t first = node_for(*git_commit_id(start), error);
    if (first >= SIZE_MAX - 1) return false;
    queue.push(first);
    size_t walked = 0;
    while (!queue.empty()) {
      if (walked >= static_cast<size_t>(options_.max_commits)) {
        out_.truncated = true;
        break;
      }
      size_t i = queue.top();
      queue.pop();
      nodes_[i].in_walk = true;
      ++walked;
      if (nodes_[i].boundary) continue;
      std::vector<size_t> parents;
      const std::vector<git_oid> ids = nodes_[i].parent_ids;
      for (const git_oid& id : ids) {
        size_t p = node_for(id, error);
        if (p == SIZE_MAX - 1) return false;
        if (p == SIZE_MAX) {  // parent object absent (shallow or partial clone without a graft entry)
          out_.shallow = true;
          nodes_[i].boundary = true;
          parents.clear();
          break;
        }
        parents.push_back(p);
      }
      nodes_[i].parents = parents;
      for (size_t p : parents)
        if (!nodes_[p].in_walk && nodes_[p].children++ == 0) queue.push(p);
    }
    out_.commits_walked = walked;
    // Children counts must only count in-walk children: recount.
    for (auto& n : nodes_) n.children = 0;
    for (const auto& n : nodes_)
      if (n.in_walk)
        for (size_t p : n.parents) ++nodes_[p].children;
    return true;
  }

  std::string resolve(const Aliases* lane, const std::string& name) const {
    if (lane)
      if (auto it = lane->find(name); it != lane->end()) return it->second;
    if (dead_.count(name)) return {};
    return current_.count(name) ? name : std::string{};
  }

  static AliasesPtr merge_states(std::vector<AliasesPtr>& states) {
    if (states.empty()) return nullptr;
    AliasesPtr first = states[0];
    std::shared_ptr<Aliases> merged;
    for (size_t k = 1; k < states.size(); ++k) {
      if (states[k] == first || !states[k]) continue;
      if (!merged) merged = std::make_shared<Aliases>(first ? *first : Aliases{});
      for (const auto& [name, target] : *states[k]) {
        auto [it, inserted] = merged->emplace(name, target);
        if (!inserted && it->second.empty()) it->second = target;
      }
    }
    return merged ? AliasesPtr(merged) : first;
  }

  void record(const CommitNode& n, const git::PathChange& c, const std::string& current) {
    ChangeEvent e{fmt::format("{}", git_oid_tostr_s(&n.id)), n.time, n.author, n.email, n.subject,
                  c.kind, c.path, c.old_path, current};
    out_.events.push_back(std::move(e));
    if (current.empty()) return;
    FileHistory& h = out_.files[current];
    if (h.changes == 0 || n.time > h.last_changed) {
      h.last_changed = n.time;
      h.last_author = n.author;
      h.last_email = n.email;
      h.last_commit = out_.events.back().commit;
      h.last_subject = n.subject;
    }
    ++h.changes;
    if (c.kind == ChangeKind::Added && (!h.created || n.time < *h.created)) h.created = n.time;
    authors_[current].insert(to_lower_ascii(n.email.empty() ? n.author : n.email));
  }

  void process_node(size_t i) {
    CommitNode& n = nodes_[i];
    AliasesPtr lane = merge_states(pending_[i]);
    pending_[i].clear();
    pending_[i].shrink_to_fit();
    if (n.boundary) return;
    const size_t np = n.parents.size();
    const auto& diffs = diffs_[i];
    // A merge changes a file only when the file differs from every parent (diffs are sorted by path).
    auto by_path = [](const git::PathChange& a, const git::PathChange& b) { return a.path < b.path; };
    std::vector<const git::PathChange*> counted;
    for (const auto& c : diffs[0]) {
      bool everywhere = true;
      for (size_t k = 1; k < np && everywhere; ++k)
        everywhere = std::binary_search(diffs[k].begin(), diffs[k].end(), c, by_path);
      if (everywhere) counted.push_back(&c);
    }
    std::vector<std::string> created_here;
    for (const auto* c : counted) {
      record(n, *c, resolve(lane.get(), c->path));
      if (c->kind == ChangeKind::Added) created_here.push_back(c->path);
    }
    for (size_t k = 0; k < np; ++k) {
      std::vector<std::pair<std::string, std::string>> mods;
      for (const auto& c : diffs[k]) {
        if (c.kind != ChangeKind::Renamed) continue;
        mods.emplace_back(c.old_path, resolve(lane.get(), c.path));
        mods.emplace_back(c.path, std::string{});
      }
      if (lane)
        for (const auto& p : created_here)
          if (lane->count(p)) mods.emplace_back(p, std::string{});
      AliasesPtr next = lane;
      if (!mods.empty()) {
        auto copy = std::make_shared<Aliases>(lane ? *lane : Aliases{});
        // Old names first so that a rename chain a->b->a resolves to the newest meaning.
        for (auto it = mods.rbegin(); it != mods.rend(); ++it) (*copy)[it->first] = it->second;
        next = copy;
      }
      if (nodes_[n.parents[k]].in_walk) pending_[n.parents[k]].push_back(std::move(next));
    }
    for (auto& p : created_here) dead_.insert(std::move(p));
    diffs_[i].clear();
    diffs_[i].shrink_to_fit();
  }

  /// Children before parents; among commits that are ready, newest committer date first.
  std::vector<size_t> topological_order() {
    auto newer = [this](size_t a, size_t b) {
      return std::tie(nodes_[a].time, nodes_[b].order) < std::tie(nodes_[b].time, nodes_[a].order);
    };
    std::priority_queue<size_t, std::vector<size_t>, decltype(newer)> ready(newer);
    std::vector<size_t> waiting(nodes_.size());
    for (size_t i = 0; i < nodes_.size(); ++i) {
      waiting[i] = nodes_[i].children;
      if (nodes_[i].in_walk && waiting[i] == 0) ready.push(i);
    }
    std::vector<size_t> order;
    order.reserve(out_.commits_walked);
    while (!ready.empty()) {
      size_t i = ready.top();
      ready.pop();
      order.push_back(i);
      for (size_t p : nodes_[i].parents)
        if (nodes_[p].in_walk && --waiting[p] == 0) ready.push(p);
    }
    return order;
  }

  /// Diffs every commit against its parents, in walk order so that consecutive commits share trees
  /// (the differ keeps the previous commit's trees). Measured: splitting this over two threads costs
  /// 70 % more CPU (libgit2 shares one delta-base cache per pack between repository handles) for
  /// little wall-clock gain, so it stays on one thread and the build overlaps it with parsing instead.
  bool compute_diffs(const std::vector<size_t>& order, std::string& error) {
    diffs_.assign(nodes_.size(), {});
    git::TreeDiffer differ(repo_, scope_);
    for (size_t i : order) {
      const CommitNode& n = nodes_[i];
      if (n.boundary) continue;
      auto& d = diffs_[i];
      d.resize(std::max<size_t>(n.parents.size(), 1));
      for (size_t p = 0; p < d.size(); ++p) {
        const git_oid* parent_tree = n.parents.empty() ? nullptr : &nodes_[n.parents[p]].tree;
        if (!differ.diff(parent_tree, n.tree, d[p], error)) return false;
      }
    }
    return true;
  }

  void process(const std::vector<size_t>& order) {
    pending_.resize(nodes_.size());
    for (size_t i : order) process_node(i);
    for (auto& [path, emails] : authors_) out_.files[path].contributors = static_cast<int>(emails.size());
    std::sort(out_.events.begin(), out_.events.end(), [](const ChangeEvent& a, const ChangeEvent& b) {
      return std::tie(b.date, a.commit, a.path) < std::tie(a.date, b.commit, b.path);
    });
  }
};

}  // namespace

SiteHistory read_history(const std::filesystem::path& site_dir, const HistoryOptions& options) {
  SiteHistory out;
  if (options.max_commits <= 0) return out;
  git::SiteRepository site = git::open_site_repository(site_dir);
  if (!site.repo) {
    if (site.error.empty())
      out.diags.add("FB801", Level::Info, "site.yaml", {},
                    "the site is not inside a git repository: no last-changed dates, authors or change list",
                    "Run `git init` and commit the site to get per-page history; dates then come from git.");
    else
      out.diags.add("FB804", Level::Warning, "site.yaml", {},
                    fmt::format("cannot open the git repository: {}", site.error),
                    "Check the repository with `git status`; the site is built without git history.");
    return out;
  }
  out.prefix = site.prefix;
  out.shallow = site.shallow;
  std::string error;
  git::CommitPtr start = git::resolve_commit(site.repo.get(), options.rev, error);
  if (!start) {
    if (options.rev.empty() && git_repository_head_unborn(site.repo.get()) == 1) {
      out.diags.add("FB801", Level::Info, "site.yaml", {}, "the git repository has no commits yet",
                    "Commit the site to get per-page history.");
    } else {
      out.diags.add("FB804", Level::Warning, "site.yaml", {}, fmt::format("cannot read git history: {}", error),
                    "Check the repository with `git log`; the site is built without git history.");
    }
    return out;
  }
  out.in_repository = true;
  out.start_commit = git_oid_tostr_s(git_commit_id(start.get()));
  Walker walker(site, options, out);
  if (!walker.run(start.get(), error))
    out.diags.add("FB804", Level::Warning, "site.yaml", {}, fmt::format("git history is incomplete: {}", error),
                  "Check the repository with `git fsck`.");
  if (out.shallow)
    out.diags.add("FB802", Level::Info, "site.yaml", {},
                  "the repository is a shallow clone: history stops at the clone boundary, so creation dates, "
                  "change counts and authors only cover the fetched commits",
                  "Fetch the full history (`git fetch --unshallow`, or `fetch-depth: 0` in CI).");
  if (out.truncated)
    out.diags.add("FB803", Level::Info, "site.yaml", {},
                  fmt::format("git history walk stopped after git.max_commits = {} commits; older changes are "
                              "not counted",
                              options.max_commits),
                  "Raise `git.max_commits` in site.yaml to walk further back.");
  return out;
}

}  // namespace fb
