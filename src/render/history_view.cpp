#include "render/history_view.h"

#include <map>

#include "render/present.h"
#include "util/time.h"

namespace fb {

namespace {

using json = nlohmann::json;

/// repo_url with exactly one trailing '/'.
std::string repo_base(const Config& config) {
  std::string base = config.repo_url;
  if (!base.empty() && base.back() != '/') base += '/';
  return base;
}

/// edit_path split around its `edit` segment: ("-/", "/main") for "-/edit/main"; false when none.
bool split_edit_path(const std::string& edit_path, std::string& before, std::string& after) {
  std::string p = "/" + edit_path + "/";
  size_t at = p.find("/edit/");
  if (at == std::string::npos) return false;
  before = p.substr(1, at);                 // "" or "-/"
  after = p.substr(at + 5);                 // "/main/"
  if (after.size() > 1) after.pop_back();   // "/main"
  else after.clear();
  return true;
}

std::string site_prefix(const SiteHistory* history) { return history ? history->prefix : std::string{}; }

const FileHistory* find(const SiteHistory* history, const std::string& path) {
  return history ? history->find(path) : nullptr;
}

}  // namespace

std::string edit_url(const Config& config, const SiteHistory* history, const std::string& path) {
  if (config.repo_url.empty()) return {};
  std::string url = repo_base(config);
  if (!config.edit_path.empty()) url += config.edit_path + (config.edit_path.back() == '/' ? "" : "/");
  return url + url_encode_path(site_prefix(history) + path);
}

std::string history_url(const Config& config, const SiteHistory* history, const std::string& path) {
  std::string before, after;
  if (config.repo_url.empty() || !split_edit_path(config.edit_path, before, after)) return {};
  return repo_base(config) + before + "commits" + after + "/" + url_encode_path(site_prefix(history) + path);
}

std::string commit_url(const Config& config, const std::string& commit) {
  if (config.repo_url.empty() || commit.empty()) return {};
  std::string before, after;
  split_edit_path(config.edit_path, before, after);
  return repo_base(config) + before + "commit/" + commit;
}

Data page_git_data(const RenderContext& rc, const std::string& path) {
  const FileHistory* h = find(rc.history, path);
  if (!h) return Data(false);
  Data d;
  d["date"] = Data(format_date(h->last_changed));
  d["iso"] = Data(format_rfc3339_utc(h->last_changed));
  set_text(d, "author", h->last_author);
  d["commit"] = Data(h->last_commit);
  d["commit_short"] = Data(h->last_commit.substr(0, 10));
  set_text(d, "subject", h->last_subject);
  set_text(d, "commit_url", commit_url(rc.config, h->last_commit));
  d["changes"] = Data(std::to_string(h->changes));
  d["one_change"] = Data(h->changes == 1);
  d["contributors"] = Data(std::to_string(h->contributors));
  d["one_contributor"] = Data(h->contributors == 1);
  set_text(d, "created", h->created ? format_date(*h->created) : std::string{});
  set_text(d, "history_url", history_url(rc.config, rc.history, path));
  return d;
}

void add_git_json(json& j, const Config& config, const SiteHistory* history, const std::string& path) {
  const FileHistory* h = find(history, path);
  j["last_changed"] = h ? json(format_rfc3339_utc(h->last_changed)) : json(nullptr);
  j["last_author"] = h ? json(h->last_author) : json(nullptr);
  j["last_commit"] = h ? json(h->last_commit) : json(nullptr);
  j["last_subject"] = h ? json(h->last_subject) : json(nullptr);
  j["created"] = h && h->created ? json(format_rfc3339_utc(*h->created)) : json(nullptr);
  j["changes"] = h ? json(h->changes) : json(nullptr);
  j["contributors"] = h ? json(h->contributors) : json(nullptr);
  std::string edit = edit_url(config, history, path), hist = history_url(config, history, path);
  j["edit_url"] = edit.empty() ? json(nullptr) : json(edit);
  j["history_url"] = hist.empty() ? json(nullptr) : json(hist);
}

std::vector<ChangeItem> change_items(const SiteHistory& history, const std::vector<Document>& docs, int64_t since) {
  std::map<std::string_view, const Document*> by_path;
  for (const Document& d : docs) by_path.emplace(d.path, &d);
  std::vector<ChangeItem> out;
  for (const ChangeEvent& e : history.events) {
    if (e.date < since) break;  // events are newest first
    ChangeItem item;
    item.event = &e;
    if (!e.current.empty())
      if (auto it = by_path.find(e.current); it != by_path.end()) item.doc = it->second;
    switch (e.kind) {
      case ChangeKind::Added: item.kind_label = "Added"; break;
      case ChangeKind::Modified: item.kind_label = "Changed"; break;
      case ChangeKind::Deleted: item.kind_label = "Removed"; break;
      case ChangeKind::Renamed: item.kind_label = "Renamed"; break;
    }
    out.push_back(std::move(item));
  }
  return out;
}

PageData changes_page(const RenderContext& rc, const std::vector<Document>& docs) {
  const int64_t since = rc.now - kChangesDefaultDays * 86400;
  PageData page;
  page.data = page_base("changes/index.html", "What changed", "changes");
  Data& d = page.data;
  d["nav_changes"] = Data(true);
  d["since"] = Data(format_date(since));
  d["until"] = Data(format_date(rc.now));
  d["days"] = Data(std::to_string(kChangesDefaultDays));
  d["in_repository"] = Data(rc.history && rc.history->in_repository);
  std::vector<ChangeItem> items =
      rc.history ? change_items(*rc.history, docs, since) : std::vector<ChangeItem>{};
  size_t added = 0, changed = 0, removed = 0;
  Data days = make_list();
  Data day;
  Data events = make_list();
  std::string current_day;
  auto flush = [&] {
    if (current_day.empty()) return;
    day["date"] = Data(current_day);
    set_list(day, "events", std::move(events));
    push(days, std::move(day));
    day = Data();
    events = make_list();
  };
  for (const ChangeItem& it : items) {
    const ChangeEvent& e = *it.event;
    std::string date = format_date(e.date);
    if (date != current_day) {
      flush();
      current_day = date;
    }
    added += e.kind == ChangeKind::Added;
    changed += e.kind == ChangeKind::Modified || e.kind == ChangeKind::Renamed;
    removed += e.kind == ChangeKind::Deleted;
    Data r;
    r["kind"] = Data(change_kind_name(e.kind));
    r["kind_label"] = Data(it.kind_label);
    DocKind dk;
    bool known_kind = kind_of_path(e.path, dk);
    r["doc_kind"] = Data(known_kind ? (dk == DocKind::Runbook ? "Runbook" : "PIR") : "File");
    r["title"] = Data(it.doc ? it.doc->title : e.path);
    set_text(r, "url", it.doc ? doc_url(*it.doc) : std::string{});
    r["linked"] = Data(it.doc != nullptr);
    r["path"] = Data(e.path);
    set_text(r, "old_path", e.old_path);
    set_text(r, "author", e.author);
    set_text(r, "subject", e.subject);
    r["time"] = Data(format_rfc3339_utc(e.date).substr(11, 5));
    r["iso"] = Data(format_rfc3339_utc(e.date));
    r["commit_short"] = Data(e.commit.substr(0, 10));
    set_text(r, "commit_url", commit_url(rc.config, e.commit));
    push(events, std::move(r));
  }
  flush();
  set_list(d, "change_days", std::move(days));
  d["added"] = Data(std::to_string(added));
  d["changed"] = Data(std::to_string(changed));
  d["removed"] = Data(std::to_string(removed));
  return page;
}

std::string api_changes(const Config& config, const SiteHistory* history, const std::vector<Document>& docs,
                        int64_t now) {
  return changes_json(config, history, docs, now - kChangesDefaultDays * 86400, now).dump(
             2, ' ', false, json::error_handler_t::replace) +
         "\n";
}

json changes_json(const Config& config, const SiteHistory* history, const std::vector<Document>& docs, int64_t since,
                  int64_t now) {
  json list = json::array();
  if (history)
    for (const ChangeItem& it : change_items(*history, docs, since)) {
      const ChangeEvent& e = *it.event;
      json j;
      j["date"] = format_rfc3339_utc(e.date);
      j["commit"] = e.commit;
      j["author"] = e.author;
      j["email"] = e.email;
      j["subject"] = e.subject;
      j["change"] = change_kind_name(e.kind);
      j["path"] = e.path;
      j["old_path"] = e.old_path.empty() ? json(nullptr) : json(e.old_path);
      DocKind dk;
      j["kind"] = kind_of_path(e.path, dk) ? json(kind_name(dk)) : json(nullptr);
      j["id"] = it.doc ? json(it.doc->id) : json(nullptr);
      j["title"] = it.doc ? json(it.doc->title) : json(nullptr);
      j["url"] = it.doc ? json(url_encode_path(it.doc->url)) : json(nullptr);
      std::string cu = commit_url(config, e.commit);
      j["commit_url"] = cu.empty() ? json(nullptr) : json(cu);
      list.push_back(std::move(j));
    }
  return json{{"since", format_rfc3339_utc(since)},
              {"until", format_rfc3339_utc(now)},
              {"in_repository", history && history->in_repository},
              {"count", list.size()},
              {"changes", std::move(list)}};
}

}  // namespace fb
