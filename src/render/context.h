#pragma once
/// Building blocks of template contexts: the site-wide context every page sees, and the small objects
/// (document links, severity badges, term links, table rows) that several page kinds share.
/// Conventions (documented in docs/themes.md): every `url` is relative to the site root and percent-
/// encoded, so templates write `href="{{root}}{{url}}"`; an optional value is `false` when empty so
/// `{{#x}}…{{/x}}` shows a block only when there is something to show (absent values are set to `false`
/// rather than left out, so a lookup never falls through to an enclosing context's key of that name).
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include <kainjow/mustache.hpp>

#include "config/config.h"
#include "model/alert_coverage.h"
#include "model/model.h"
#include "render/site_index.h"
#include "vcs/history.h"

namespace fb {

/// A Mustache value (object, list, string or bool).
using Data = kainjow::mustache::data;

struct RowStore;
struct PageData;
struct LessonsView;  // render/lessons_pages.h
struct SharedValues;

/// What every context builder may read: configuration, the site index, the injected clock and the
/// shared per-document rows (nullptr while the rows themselves are being built).
struct RenderContext {
  const Config& config;
  const SiteIndex& index;
  int64_t now = 0;
  const RowStore* rows = nullptr;
  const SiteHistory* history = nullptr;  ///< git history of the content; nullptr when not computed
  const LessonsView* lessons = nullptr;   ///< metrics, patterns, similar incidents; nullptr when not computed
  const SharedValues* shared = nullptr;   ///< objects many pages show, built once; nullptr builds them anew
  bool diagrams = false;  ///< mermaid's bundle is published: a page with a ```mermaid block loads it (diagrams.h)
  const AlertCoverage* alerts = nullptr;  ///< alert-rule coverage; nullptr when no rules were given (no /alerts/)
};

/// Objects that appear on many pages, built once per render and put on pages as shared_ref()s instead
/// of copies: severity badges, term links and pattern references.
struct SharedValues {
  /// severity_data() of every (level, written) pair the documents use.
  std::map<std::pair<const SeverityLevel*, std::string>, Data> severities;
  std::vector<Data> services, tags, owners;  ///< term_link() of each term, by index into Taxonomy::terms
  std::vector<Data> patterns;                ///< the lessons' pattern references, by pattern index
};

/// Builds the shared objects for the documents of `model` (rc.shared must still be nullptr).
SharedValues build_shared_values(const RenderContext& rc, const SiteModel& model);

/// A value standing for `*target` (which must outlive every page): pages hold this small reference
/// instead of a copy, and PageContext (like the context of the shared rows) looks through it, so a
/// template sees exactly `*target`. Only for objects and lists (a reference renders no text itself).
Data shared_ref(const Data* target);
/// The value `v` stands for when it is a shared_ref() (out of line: the rare case).
const Data* resolve_shared_ref(const Data* v);
/// The value `v` stands for when it is a shared_ref(), else `v`.
inline const Data* resolve_shared(const Data* v) { return v && v->is_partial() ? resolve_shared_ref(v) : v; }

/// Sets `key` to `value`, or to `false` when `value` is empty (so `{{#key}}` works as "if present",
/// and a lookup never falls through to a same-named key of an enclosing context).
void set_text(Data& d, const std::string& key, std::string value);
/// Sets `key` to a list, plus `has_<key>` = whether it is non-empty.
void set_list(Data& d, const std::string& key, Data list);
/// A new empty list with room for `reserve` items (kainjow's data has no noexcept move, so a list that
/// grows past its capacity deep-copies its items: pass the size whenever it is known).
Data make_list(size_t reserve = 0);
/// Appends `item` to `list` (moving it in).
void push(Data& list, Data item);

/// Values every page sees (site title, description, nav, severity legend, generated date...).
/// Shared by all pages: rendered below each page's own context, never copied.
Data site_context(const RenderContext& rc);
/// The per-page basics: `root` (prefix to the site root), `page_url`, `page_title`, `page_kind`,
/// and `is_<kind>` = true for nav highlighting.
Data page_base(std::string_view page_url, std::string_view title, std::string_view kind);

/// `{id, label, slug, url, known, written}` for a document's severity (`known` false when unknown/absent);
/// the shared object of rc.shared when there is one.
Data severity_data(const RenderContext& rc, const Severity& sev);
/// `{name, url, linked}` for a term of `tax`; url "" and linked false when the term has no page (the
/// shared object of rc.shared when there is one).
Data term_link(const RenderContext& rc, const Taxonomy& tax, const std::string& name);
/// A list of term links for `names`, in the given order.
Data term_links(const RenderContext& rc, const Taxonomy& tax, const std::vector<std::string>& names);
/// A list of `{name}` objects.
Data name_list(const std::vector<std::string>& names);

/// One runbook as a row of a runbook table (title, url, id, service, owner, severity, alerts, tags,
/// review state with sortable keys).
Data runbook_row(const RenderContext& rc, const Runbook& rb);
/// One PIR as a row of an incident table (date, incident id, title, url, severity, services, status,
/// time to resolve with SLA verdict, open/total action items).
Data postmortem_row(const RenderContext& rc, const Postmortem& pm);
/// A table of runbooks for `page`: the shared rows of rc.rows, rendered once and reused (see
/// page_context.h); `page.data` must already hold `root`.
Data runbook_rows(const RenderContext& rc, const std::vector<const Runbook*>& rbs, PageData& page);
/// A table of PIRs for `page`: the shared rows of rc.rows (as runbook_rows()).
Data postmortem_rows(const RenderContext& rc, const std::vector<const Postmortem*>& pms, PageData& page);
/// One action item as a table row (`overdue` relative to now); `with_pir` adds `pir_title`, `pir_url`
/// and `pir_incident_id` naming its PIR (for lists outside the PIR's own page).
Data action_row(const RenderContext& rc, const Postmortem& pm, const ActionItem& ai, bool with_pir = false);

/// Site-relative, percent-encoded URL of a document page.
std::string doc_url(const Document& doc);

}  // namespace fb
