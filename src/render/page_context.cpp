#include "render/page_context.h"

#include <atomic>
#include <memory>
#include <unordered_map>

#include "render/theme.h"
#include "util/parallel.h"

namespace fb {

namespace {

std::atomic<uint64_t> g_generation{0};

/// A row rendered by one section template.
struct RowKey {
  const Data* row;
  const kainjow::mustache::mustache* tmpl;
  bool operator==(const RowKey& o) const { return row == o.row && tmpl == o.tmpl; }
};
struct RowKeyHash {
  size_t operator()(const RowKey& k) const {
    size_t h = std::hash<const void*>()(k.row);
    return h ^ (std::hash<const void*>()(k.tmpl) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
  }
};

/// What a row is rendered with as its `root`, so one rendering serves every page depth: the HTML is
/// kept cut at each occurrence and joined with the page's real root. (Values are escaped, and a value
/// holding these control bytes would need YAML escapes to write; nothing in a theme does.)
const std::string kRootMark = "\x01\x02" "fb-root" "\x02\x01";

/// A row's HTML cut where its `root` goes: pieces[0] root pieces[1] root ... pieces[n-1].
struct RowHtml {
  std::vector<std::string> pieces;
  size_t bytes = 0;  ///< sum of the pieces' sizes
};

/// Per worker thread, so no locks: the parsed section templates and the rows' HTML.
struct RowCache {
  uint64_t generation = 0;
  std::unordered_map<std::string, std::unique_ptr<kainjow::mustache::mustache>> templates;
  std::unordered_map<RowKey, RowHtml, RowKeyHash> html;
  Data root_mark;  ///< {root: kRootMark}
};
thread_local RowCache t_cache;

/// `name` in the frames, innermost first; `a.b.c` resolves `a` there and the rest inside it (on a miss,
/// the next frame out). No key of ours holds a '.', so the plain lookup comes first and the common case
/// does not pay for looking for a dot.
const Data* find_in_frames(const std::vector<const Data*>& frames, const std::string& name) {
  for (auto it = frames.rbegin(); it != frames.rend(); ++it)
    if (const Data* v = (*it)->get(name)) return resolve_shared(v);
  if (name.find('.') == std::string::npos) return nullptr;
  for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
    const Data* v = *it;
    size_t start = 0;
    while (v) {
      size_t end = name.find('.', start);
      v = resolve_shared(v->get(name.substr(start, end == std::string::npos ? std::string::npos : end - start)));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    if (v) return v;
  }
  return nullptr;
}

/// The context a shared row renders in: the row on top of `root` and the site's values (what a
/// kainjow::mustache::context of those three gives), plus the theme's folded literals.
class RowContext : public kainjow::mustache::basic_context<std::string> {
 public:
  RowContext(const Data* site, const Data* root, const Data* row, const std::vector<Data>* literals)
      : literals_(literals) {
    frames_.reserve(8);
    frames_.push_back(site);
    frames_.push_back(root);
    frames_.push_back(row);
  }
  void push(const Data* data) override { frames_.push_back(resolve_shared(data)); }
  void pop() override { frames_.pop_back(); }
  const Data* get(const std::string& name) const override {
    if (name.size() == 1 && name[0] == '.') return frames_.back();
    if (literals_)
      if (const Data* lit = find_literal(*literals_, name)) return lit;
    return find_in_frames(frames_, name);
  }
  const Data* get_partial(const std::string& name) const override { return get(name); }

 private:
  const std::vector<Data>* literals_;
  std::vector<const Data*> frames_;
};

/// The HTML of `section` (a list section's inner template) for each row, from the cache or rendered
/// with the row on top of `root` and the site's values.
std::string render_rows(const std::string& section, const RowStore& store, const std::vector<const Data*>& rows,
                        const std::string& root) {
  RowCache& cache = t_cache;
  if (cache.generation != store.generation) {
    cache = RowCache{};
    cache.generation = store.generation;
  }
  auto& tmpl = cache.templates[section];
  if (!tmpl) {
    tmpl = std::make_unique<kainjow::mustache::mustache>(section);
    tmpl->set_custom_escape(escape_html);
  }
  if (cache.root_mark.is_empty_object()) cache.root_mark["root"] = Data(kRootMark);
  std::vector<const RowHtml*> parts;
  parts.reserve(rows.size());
  size_t total = 0;
  for (const Data* row : rows) {
    RowKey key{row, tmpl.get()};
    auto it = cache.html.find(key);
    if (it == cache.html.end()) {
      RowContext ctx(store.site, &cache.root_mark, row, store.literals);
      std::string html;
      StringSink sink{&html};
      tmpl->render(ctx, sink);
      RowHtml cut;
      size_t from = 0;
      for (size_t at; (at = html.find(kRootMark, from)) != std::string::npos; from = at + kRootMark.size())
        cut.pieces.push_back(html.substr(from, at - from));
      cut.pieces.push_back(html.substr(from));
      for (const std::string& p : cut.pieces) cut.bytes += p.size();
      it = cache.html.emplace(key, std::move(cut)).first;
    }
    parts.push_back(&it->second);
    total += it->second.bytes + (it->second.pieces.size() - 1) * root.size();
  }
  std::string out;
  out.reserve(total);
  for (const RowHtml* p : parts) {
    out += p->pieces[0];
    for (size_t k = 1; k < p->pieces.size(); ++k) {
      out += root;
      out += p->pieces[k];
    }
  }
  return out;
}

}  // namespace

Data PageData::shared_list(const RowStore& store, std::vector<const Data*> rows) const {
  if (rows.empty()) return make_list();
  const Data* r = data.get("root");
  std::string root = r && r->is_string() ? r->string_value() : std::string{};
  auto shared = std::make_shared<const std::vector<const Data*>>(std::move(rows));
  const RowStore* s = &store;
  return Data(kainjow::mustache::lambda2{
      [shared, s, root](const std::string& section, const kainjow::mustache::renderer&) {
        return render_rows(section, *s, *shared, root);
      }});
}

void clear_row_cache() { t_cache = RowCache{}; }

RowStore build_rows(const RenderContext& rc, const SiteModel& model) {
  RowStore store;
  store.generation = ++g_generation;
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

PageContext::PageContext(const Data* site, const PageData* page, const std::vector<Data>* literals)
    : root_(page->data.get("root")), literals_(literals) {
  frames_.reserve(16);
  frames_.push_back(site);
  frames_.push_back(&page->data);
}

void PageContext::push(const Data* data) { frames_.push_back(resolve_shared(data)); }

void PageContext::pop() { frames_.pop_back(); }

const Data* PageContext::get(const std::string& name) const {
  if (name.size() == 1 && name[0] == '.') return frames_.back();
  if (literals_)
    if (const Data* lit = find_literal(*literals_, name)) return lit;
  // `root` is a page constant that no inner value defines: skip the walk through the sections
  // (it is the most frequent lookup, in every link of every table row).
  if (root_ && name.size() == 4 && name == "root") return root_;
  return find_in_frames(frames_, name);
}

const Data* PageContext::get_partial(const std::string& name) const { return get(name); }

}  // namespace fb
