#pragma once
/// Rendering lists of documents without rebuilding or re-rendering them per page. A runbook or PIR
/// appears on up to a dozen pages (section list, service, tags, owner, severity, past incidents), so
/// its table row is built once (RowStore) and each row's HTML is rendered once per template section
/// (with a placeholder `root`, filled in per page), then reused: a list of shared rows is a Mustache
/// lambda section that returns the rows' HTML. Every value in that HTML was escaped by the template, exactly as in a plain section.
/// Inside such a section a row sees its own values, `root` and the site-wide values, not the rest of
/// the page (that is what makes its HTML reusable).
#include <cstdint>
#include <string>
#include <vector>

#include "render/context.h"

namespace fb {

/// Per-document table rows, built once (in parallel) before any page.
struct RowStore {
  std::vector<Data> runbooks;                ///< runbook_row() of model.runbooks[i]
  std::vector<Data> postmortems;             ///< postmortem_row() of model.postmortems[i]
  const Runbook* runbook_base = nullptr;     ///< &model.runbooks[0]
  const Postmortem* postmortem_base = nullptr;
  const Data* site = nullptr;                ///< site_context(), visible inside rows
  const std::vector<Data>* literals = nullptr;  ///< Theme::literals (folded template text), for the rows
  uint64_t generation = 0;                   ///< distinguishes renders, for the per-thread HTML cache

  /// The row of a runbook / PIR of the model the store was built from.
  const Data* row(const Runbook* rb) const { return &runbooks[static_cast<size_t>(rb - runbook_base)]; }
  const Data* row(const Postmortem* pm) const { return &postmortems[static_cast<size_t>(pm - postmortem_base)]; }
};

/// Builds every runbook and PIR row of `model` (`site` is set later, once site_context() exists).
RowStore build_rows(const RenderContext& rc, const SiteModel& model);

/// One page's context.
struct PageData {
  Data data;  ///< the page's own values (`root` first: shared_list() reads it)
  size_t size_hint = 0;  ///< bytes of large values (a document's HTML), to reserve the page's string

  /// A list section rendering `rows` (pointers into `store`) with their cached HTML: an empty list
  /// when there are none, so `{{^x}}` and `has_x` work as for any list.
  Data shared_list(const RowStore& store, std::vector<const Data*> rows) const;
};

/// Frees the calling thread's cache of row HTML (render_site calls it when done).
void clear_row_cache();

/// The Mustache context of one page: the page's values on top of the site's. Lookup is kainjow's:
/// innermost section first, `a.b` dotted names; `root` is answered without a walk.
class PageContext : public kainjow::mustache::basic_context<std::string> {
 public:
  /// `site`, `page` and `literals` (Theme::literals, the folded template text) must outlive the context.
  PageContext(const Data* site, const PageData* page, const std::vector<Data>* literals);
  /// Enters a section value.
  void push(const Data* data) override;
  /// Leaves the innermost section.
  void pop() override;
  /// The value named `name` (or `a.b.c`), searching from the innermost section out; nullptr if none.
  const Data* get(const std::string& name) const override;
  /// Same lookup for `{{> name}}` (partials are inlined at theme load, so normally unused).
  const Data* get_partial(const std::string& name) const override;

 private:
  const Data* root_;                 ///< the page's `root`
  const std::vector<Data>* literals_;  ///< Theme::literals
  std::vector<const Data*> frames_;  ///< back() is the innermost
};

}  // namespace fb
