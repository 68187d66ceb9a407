#pragma once
/// Whole-site lookups built once before rendering (so no page does a scan over all documents):
/// runbooks by id and by alert, PIRs by runbook, and the four taxonomies (services, tags, severities,
/// owners) with collision-free URL slugs.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.h"
#include "model/model.h"

namespace fb {

/// An action item together with the PIR it belongs to.
struct OwnedAction {
  const Postmortem* pir = nullptr;
  const ActionItem* item = nullptr;
};

/// One term of a taxonomy ("orders-db" in services) and what carries it.
struct Term {
  std::string name;                           ///< as written in front matter
  std::string slug;                           ///< unique within its taxonomy, never empty
  const SeverityLevel* level = nullptr;       ///< severities only: the configured level
  std::vector<const Runbook*> runbooks;       ///< sorted by title, then path
  std::vector<const Postmortem*> postmortems; ///< newest first
  std::vector<OwnedAction> actions;           ///< owners only: action items assigned to this owner
  std::string page_url;                       ///< "services/orders-db/index.html" (set with the slug)

  /// "services/orders-db/index.html"-style page URL given the taxonomy key (page_url once it is set).
  std::string url(std::string_view taxonomy_key) const;
};

/// A taxonomy: its key (URL folder), labels and terms.
struct Taxonomy {
  std::string key;       ///< "services": the URL folder
  std::string singular;  ///< "service"
  std::string title;     ///< "Services"
  std::vector<Term> terms;                    ///< sorted by name (severities: scale order)
  std::map<std::string, size_t, std::less<>> by_name;  ///< name -> index into terms

  /// The term named `name`, or nullptr.
  const Term* find(std::string_view name) const;
  /// Site-relative URL of the term page for `name`, or "" when there is no such term.
  std::string url_of(std::string_view name) const;
  /// Site-relative URL of the taxonomy's list page ("services/index.html").
  std::string index_url() const { return key + "/index.html"; }
};

/// Everything a page needs to find other documents without scanning.
struct SiteIndex {
  std::map<std::string, const Runbook*, std::less<>> runbook_by_id;  ///< first by path wins
  std::map<std::string, std::vector<const Postmortem*>, std::less<>> postmortems_by_runbook;  ///< newest first
  std::map<std::string, std::vector<const Runbook*>, std::less<>> runbooks_by_alert;  ///< path order
  std::vector<const Runbook*> runbooks;        ///< sorted by title, then path
  std::vector<const Postmortem*> postmortems;  ///< newest first (occurred_at), then path
  Taxonomy services, tags, severities, owners;
  size_t open_actions = 0;      ///< action items not done
  size_t overdue_actions = 0;   ///< open and past due at `now`
  size_t reviews_overdue = 0;   ///< runbooks whose review is past due at `now`

  /// The four taxonomies in display order.
  std::vector<const Taxonomy*> taxonomies() const { return {&services, &tags, &severities, &owners}; }
};

/// Builds the index in O(n log n). Slugs come from slugify(); an empty slug becomes `t-<hash>` and a
/// slug already taken within the taxonomy gets `-2`, `-3`, ... (names are assigned in sorted order, so
/// the result is deterministic).
SiteIndex build_site_index(const Config& config, const SiteModel& model, int64_t now);

/// Newest-first ordering of PIRs: occurred_at descending (unknown last), then source path.
bool newer_first(const Postmortem* a, const Postmortem* b);

}  // namespace fb
