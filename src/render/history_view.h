#pragma once
/// Git history in the site: "last changed <date> by <author>" on document pages, edit / history /
/// commit links built from `repo_url` and `edit_path`, the git fields of the JSON API, and the
/// "what changed" page (`changes/index.html`) and its JSON (`api/changes.json`).
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "render/page_context.h"
#include "vcs/history.h"

namespace fb {

/// Days the /changes/ page and `firebreak changes` look back by default.
inline constexpr int64_t kChangesDefaultDays = 7;

/// Link to edit `path` (site-relative) in the repository's web UI: repo_url/edit_path/<site prefix><path>;
/// "" without repo_url.
std::string edit_url(const Config& config, const SiteHistory* history, const std::string& path);
/// Link to the file's history: like edit_url with the `edit` segment of edit_path replaced by `commits`
/// (GitHub `edit/main` -> `commits/main`, GitLab `-/edit/main` -> `-/commits/main`); "" when edit_path
/// has no `edit` segment or there is no repo_url.
std::string history_url(const Config& config, const SiteHistory* history, const std::string& path);
/// Link to one commit: repo_url/<part of edit_path before `edit`>commit/<id>; "" without repo_url.
std::string commit_url(const Config& config, const std::string& commit);

/// `git` of a document page: false when the file has no history, else `{date, iso, author, commit,
/// commit_short, subject, commit_url, changes, one_change, contributors, one_contributor, created,
/// history_url}` (absent values false).
Data page_git_data(const RenderContext& rc, const std::string& path);

/// Adds `last_changed`, `last_author`, `last_commit`, `last_subject`, `created`, `changes`,
/// `contributors` (null when unknown), `edit_url` and `history_url` (null without repo_url) to `j`.
void add_git_json(nlohmann::json& j, const Config& config, const SiteHistory* history, const std::string& path);

/// One change of the "what changed" list, with the document it concerns.
struct ChangeItem {
  const ChangeEvent* event = nullptr;
  const Document* doc = nullptr;  ///< the current document (nullptr when removed since or unparsable)
  std::string kind_label;         ///< "Added", "Changed", "Removed", "Renamed"
};

/// Events since `since`, newest first, with their documents (`docs` are the site's documents).
std::vector<ChangeItem> change_items(const SiteHistory& history, const std::vector<Document>& docs, int64_t since);

/// `changes/index.html`: changes of the last kChangesDefaultDays days before `rc.now`, grouped by day.
PageData changes_page(const RenderContext& rc, const std::vector<Document>& docs);
/// The changes since `since` as JSON: `{since, until, in_repository, count, changes: [{date, commit,
/// author, email, subject, change (added|modified|deleted|renamed), path, old_path, kind, id, title, url,
/// commit_url}]}` (used by `api/changes.json` and `firebreak changes --format json`).
nlohmann::json changes_json(const Config& config, const SiteHistory* history, const std::vector<Document>& docs,
                            int64_t since, int64_t now);
/// `api/changes.json`: `{since, until, generated, changes: [{date, commit, author, email, subject,
/// change, path, old_path, kind, id, title, url}]}` for the same window.
std::string api_changes(const Config& config, const SiteHistory* history, const std::vector<Document>& docs,
                        int64_t now);

}  // namespace fb
