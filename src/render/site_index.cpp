#include "render/site_index.h"

#include <algorithm>
#include <set>

#include "util/hash.h"
#include "util/text.h"

namespace fb {

namespace {

/// Terms keyed by name while collecting; turned into a sorted Taxonomy with slugs at the end.
using TermMap = std::map<std::string, Term, std::less<>>;

Term& term(TermMap& map, const std::string& name) {
  auto it = map.find(name);
  if (it == map.end()) {
    it = map.emplace(name, Term{}).first;
    it->second.name = name;
  }
  return it->second;
}

void add_runbook(TermMap& map, const std::string& name, const Runbook* rb) {
  if (name.empty()) return;
  Term& t = term(map, name);
  if (t.runbooks.empty() || t.runbooks.back() != rb) t.runbooks.push_back(rb);
}

void add_postmortem(TermMap& map, const std::string& name, const Postmortem* pm) {
  if (name.empty()) return;
  Term& t = term(map, name);
  if (t.postmortems.empty() || t.postmortems.back() != pm) t.postmortems.push_back(pm);
}

/// A slug for `name` not yet in `used`.
std::string unique_slug(const std::string& name, std::set<std::string>& used) {
  std::string base = slugify(name);
  if (base.empty()) base = "t-" + hash_hex(content_hash(name)).substr(0, 8);
  std::string slug = base;
  for (int i = 2; used.count(slug); ++i) slug = base + "-" + std::to_string(i);
  used.insert(slug);
  return slug;
}

Taxonomy make_taxonomy(std::string key, std::string singular, std::string title, std::vector<Term> terms) {
  Taxonomy tax{std::move(key), std::move(singular), std::move(title), std::move(terms), {}};
  std::set<std::string> used;
  for (size_t i = 0; i < tax.terms.size(); ++i) {
    tax.terms[i].slug = unique_slug(tax.terms[i].name, used);
    tax.terms[i].page_url = tax.key + "/" + tax.terms[i].slug + "/index.html";
    tax.by_name.emplace(tax.terms[i].name, i);
  }
  return tax;
}

Taxonomy from_map(std::string key, std::string singular, std::string title, TermMap map) {
  std::vector<Term> terms;
  terms.reserve(map.size());
  for (auto& [name, t] : map) terms.push_back(std::move(t));
  return make_taxonomy(std::move(key), std::move(singular), std::move(title), std::move(terms));
}

}  // namespace

std::string Term::url(std::string_view taxonomy_key) const {
  if (!page_url.empty()) return page_url;
  std::string u(taxonomy_key);
  u += '/';
  u += slug;
  u += "/index.html";
  return u;
}

const Term* Taxonomy::find(std::string_view name) const {
  auto it = by_name.find(name);
  return it == by_name.end() ? nullptr : &terms[it->second];
}

std::string Taxonomy::url_of(std::string_view name) const {
  const Term* t = find(name);
  return t ? t->url(key) : std::string{};
}

bool newer_first(const Postmortem* a, const Postmortem* b) {
  auto ta = a->occurred_at(), tb = b->occurred_at();
  if (ta.has_value() != tb.has_value()) return ta.has_value();
  if (ta && *ta != *tb) return *ta > *tb;
  return a->doc->path < b->doc->path;
}

SiteIndex build_site_index(const Config& config, const SiteModel& model, int64_t now) {
  SiteIndex ix;
  // Runbooks sorted by title (case-insensitive), then path; keys computed once.
  std::vector<std::pair<std::string, const Runbook*>> keyed;
  keyed.reserve(model.runbooks.size());
  for (const Runbook& rb : model.runbooks) keyed.emplace_back(to_lower_ascii(rb.doc->title), &rb);
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second->doc->path < b.second->doc->path;
  });
  for (auto& [key, rb] : keyed) ix.runbooks.push_back(rb);
  for (const Postmortem& pm : model.postmortems) ix.postmortems.push_back(&pm);
  std::sort(ix.postmortems.begin(), ix.postmortems.end(), newer_first);

  // model.runbooks is in path order, so "first by path wins" for ids and alerts.
  for (const Runbook& rb : model.runbooks) {
    ix.runbook_by_id.emplace(rb.doc->id, &rb);
    for (const std::string& alert : rb.alerts) {
      auto& list = ix.runbooks_by_alert[alert];
      if (list.empty() || list.back() != &rb) list.push_back(&rb);
    }
  }

  TermMap services, tags, owners;
  std::map<std::string, Term, std::less<>> sev;  // by level id
  for (const Runbook* rb : ix.runbooks) {
    add_runbook(services, rb->service, rb);
    for (const std::string& t : rb->tags) add_runbook(tags, t, rb);
    add_runbook(owners, rb->owner, rb);
    if (rb->severity.level) add_runbook(sev, rb->severity.level->id, rb);
    if (auto due = rb->review_due(config); due && *due < now) ++ix.reviews_overdue;
  }
  for (const Postmortem* pm : ix.postmortems) {
    for (const std::string& s : pm->services) add_postmortem(services, s, pm);
    for (const std::string& t : pm->tags) add_postmortem(tags, t, pm);
    if (pm->severity.level) add_postmortem(sev, pm->severity.level->id, pm);
    for (const std::string& id : pm->runbooks) {
      auto& list = ix.postmortems_by_runbook[id];
      if (list.empty() || list.back() != pm) list.push_back(pm);
    }
    for (const ActionItem& ai : pm->action_items) {
      if (!ai.done()) ++ix.open_actions;
      if (ai.overdue(now)) ++ix.overdue_actions;
      if (!ai.owner.empty()) term(owners, ai.owner).actions.push_back({pm, &ai});
    }
  }

  ix.services = from_map("services", "service", "Services", std::move(services));
  ix.tags = from_map("tags", "tag", "Tags", std::move(tags));
  ix.owners = from_map("owners", "owner", "Owners", std::move(owners));
  // Severities: every configured level, in scale order, even when nothing carries it yet.
  std::vector<Term> levels;
  for (const SeverityLevel& level : config.severities) {
    Term t;
    if (auto it = sev.find(level.id); it != sev.end()) t = std::move(it->second);
    t.name = level.id;
    t.level = &level;
    levels.push_back(std::move(t));
  }
  ix.severities = make_taxonomy("severities", "severity", "Severities", std::move(levels));
  return ix;
}

}  // namespace fb
