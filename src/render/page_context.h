#pragma once
/// Rendering contexts without copying: a page's values plus lists whose items stand for rows built
/// once per document (RowStore) and shared, read-only, by every page and thread that lists them.
/// kainjow's own context copies nothing either, but its data lists own their items by value, so a
/// runbook listed on ten pages would be built ten times; PageContext swaps a placeholder item for the
/// shared row when kainjow enters it.
#include <string>
#include <vector>

#include "render/context.h"

namespace fb {

/// One page's context.
struct PageData {
  /// A list in `data` whose items are placeholders for shared rows.
  struct SharedList {
    const Data* begin = nullptr;        ///< first placeholder
    const Data* end = nullptr;          ///< one past the last placeholder
    std::vector<const Data*> rows;      ///< the row each placeholder stands for
  };
  Data data;                            ///< the page's own values
  std::vector<SharedList> shared;       ///< lists of shared rows inside `data`

  /// A list that renders as `rows` (each pointer must outlive the render). Place the returned value
  /// into `data` by move (set_list) so its items keep their addresses.
  Data shared_list(std::vector<const Data*> rows);
};

/// Per-document table rows, built once (in parallel) before any page.
struct RowStore {
  std::vector<Data> runbooks;                ///< runbook_row() of model.runbooks[i]
  std::vector<Data> postmortems;             ///< postmortem_row() of model.postmortems[i]
  const Runbook* runbook_base = nullptr;     ///< &model.runbooks[0]
  const Postmortem* postmortem_base = nullptr;

  /// The row of a runbook / PIR of the model the store was built from.
  const Data* row(const Runbook* rb) const { return &runbooks[static_cast<size_t>(rb - runbook_base)]; }
  const Data* row(const Postmortem* pm) const { return &postmortems[static_cast<size_t>(pm - postmortem_base)]; }
};

/// Builds every runbook and PIR row of `model`.
RowStore build_rows(const RenderContext& rc, const SiteModel& model);

/// The Mustache context of one page: the page's values on top of the site's, with shared-row
/// placeholders resolved on entry. Lookup is kainjow's: innermost section first, `a.b` dotted names.
class PageContext : public kainjow::mustache::basic_context<std::string> {
 public:
  /// `site` and `page` must outlive the context.
  PageContext(const Data* site, const PageData* page);
  /// Enters a section value (a placeholder enters its shared row instead).
  void push(const Data* data) override;
  /// Leaves the innermost section.
  void pop() override;
  /// The value named `name` (or `a.b.c`), searching from the innermost section out; nullptr if none.
  const Data* get(const std::string& name) const override;
  /// Same lookup for `{{> name}}` (partials are inlined at theme load, so normally unused).
  const Data* get_partial(const std::string& name) const override;

 private:
  const PageData* page_;
  const Data* root_;                 ///< the page's `root`
  std::vector<const Data*> frames_;  ///< back() is the innermost
};

}  // namespace fb
