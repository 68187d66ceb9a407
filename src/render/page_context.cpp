#include "render/page_context.h"

#include <functional>

#include "util/parallel.h"

namespace fb {

Data PageData::shared_list(std::vector<const Data*> rows) {
  Data list = make_list(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) push(list, Data(true));  // a bool allocates nothing
  if (!rows.empty()) {
    const Data* first = &list.list_value().front();
    shared.push_back(SharedList{first, first + rows.size(), std::move(rows)});
  }
  return list;
}

RowStore build_rows(const RenderContext& rc, const SiteModel& model) {
  RowStore store;
  store.runbooks.resize(model.runbooks.size());
  store.postmortems.resize(model.postmortems.size());
  store.runbook_base = model.runbooks.data();
  store.postmortem_base = model.postmortems.data();
  const size_t nr = model.runbooks.size();
  parallel_for(nr + model.postmortems.size(), [&](size_t i) {
    if (i < nr) store.runbooks[i] = runbook_row(rc, model.runbooks[i]);
    else store.postmortems[i - nr] = postmortem_row(rc, model.postmortems[i - nr]);
  });
  return store;
}

PageContext::PageContext(const Data* site, const PageData* page) : page_(page), root_(page->data.get("root")) {
  frames_.reserve(16);
  frames_.push_back(site);
  frames_.push_back(&page->data);
}

void PageContext::push(const Data* data) {
  std::less<const Data*> before;
  for (const PageData::SharedList& s : page_->shared) {
    if (!before(data, s.begin) && before(data, s.end)) {
      frames_.push_back(s.rows[static_cast<size_t>(data - s.begin)]);
      return;
    }
  }
  frames_.push_back(data);
}

void PageContext::pop() { frames_.pop_back(); }

const Data* PageContext::get(const std::string& name) const {
  if (name == ".") return frames_.back();
  // `root` is a page constant that no inner value defines: skip the walk through the sections
  // (it is the most frequent lookup, in every link of every table row).
  if (root_ && name.size() == 4 && name == "root") return root_;
  size_t dot = name.find('.');
  for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
    if (dot == std::string::npos) {
      if (const Data* v = (*it)->get(name)) return v;
      continue;
    }
    // a.b.c: resolve the first part here, the rest inside it; on a miss try the next frame out.
    const Data* v = *it;
    size_t start = 0;
    while (v) {
      size_t end = name.find('.', start);
      v = v->get(name.substr(start, end == std::string::npos ? std::string::npos : end - start));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    if (v) return v;
  }
  return nullptr;
}

const Data* PageContext::get_partial(const std::string& name) const { return get(name); }

}  // namespace fb
