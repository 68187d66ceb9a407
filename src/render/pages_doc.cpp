// Contexts of the per-document pages: runbook and PIR.
#include <fmt/format.h>

#include "render/diagrams.h"
#include "render/escalation_view.h"
#include "render/history_view.h"
#include "render/lessons_pages.h"
#include "render/pages.h"
#include "render/present.h"
#include "util/text.h"
#include "util/time.h"

namespace fb {

namespace {

/// Fields every document page has: body HTML, table of contents, source and edit links.
void set_document_basics(const RenderContext& rc, const Document& doc, Data& d) {
  d["title"] = Data(doc.title);
  d["id"] = Data(doc.id);
  d["source_path"] = Data(doc.path);
  // Edit link (with the site's place in the repository) and the git facts of the file.
  set_text(d, "edit_url", edit_url(rc.config, rc.history, doc.path));
  d["git"] = page_git_data(rc, doc.path);
  // cmark-gfm's HTML: the one value templates emit unescaped ({{{content}}}).
  d["content"] = Data(doc.md.html);
  d["has_content"] = Data(!doc.md.html.empty());
  d["has_diagrams"] = Data(rc.diagrams && first_diagram(doc) != nullptr);
  Data toc = make_list(doc.md.headings.size());
  for (const Heading& h : doc.md.headings) {
    if (h.level < 2 || h.level > 3) continue;
    Data e;
    e["text"] = Data(h.text);
    e["anchor"] = Data(h.anchor);
    e["level"] = Data(std::to_string(h.level));
    e["sub"] = Data(h.level == 3);
    push(toc, std::move(e));
  }
  set_list(d, "toc", std::move(toc));
  d["word_count"] = Data(std::to_string(doc.md.word_count));
  d["reading_minutes"] = Data(std::to_string(std::max<size_t>(1, (doc.md.word_count + 199) / 200)));
}

/// `{id, title, url, linked}` for a runbook id (linked false when no runbook has that id).
Data runbook_ref(const RenderContext& rc, const std::string& id) {
  Data d;
  d["id"] = Data(id);
  auto it = rc.index.runbook_by_id.find(id);
  bool found = it != rc.index.runbook_by_id.end();
  d["title"] = Data(found ? it->second->doc->title : id);
  d["url"] = Data(found ? doc_url(*it->second->doc) : std::string{});
  d["linked"] = Data(found);
  return d;
}

Data runbook_refs(const RenderContext& rc, const std::vector<std::string>& ids) {
  Data list = make_list(ids.size());
  for (const std::string& id : ids) push(list, runbook_ref(rc, id));
  return list;
}

/// `{label, actual, target, status, has_target}` for one measured interval.
Data duration_row(const char* label, const char* key, std::optional<int64_t> actual, const SlaResult* sla) {
  Data d;
  d["label"] = Data(label);
  d["key"] = Data(key);
  set_text(d, "actual", actual ? format_duration(*actual) : std::string{});
  bool has_target = sla && sla->target;
  d["has_target"] = Data(has_target);
  set_text(d, "target", has_target ? format_duration(*sla->target) : std::string{});
  d["status"] = Data(has_target ? sla_status_name(sla->status) : "no-target");
  return d;
}

void set_instant(Data& d, const char* key, const std::optional<Timestamp>& t, Data& lifecycle, const char* label) {
  if (!t) {
    d[key] = Data(false);
    return;
  }
  std::string text = format_time_utc(t->epoch), iso = format_rfc3339_utc(t->epoch);
  Data row;
  row["label"] = Data(label);
  row["text"] = Data(text);
  row["iso"] = Data(iso);
  push(lifecycle, std::move(row));
  Data v;
  v["text"] = Data(std::move(text));
  v["iso"] = Data(std::move(iso));
  d[key] = std::move(v);
}

Data timeline_rows(const Postmortem& pm) {
  Data list = make_list(pm.timeline.size());
  std::string prev_date;
  for (const TimelineEvent& ev : pm.timeline) {
    Data r;
    if (ev.at) {
      std::string iso = format_rfc3339_utc(ev.at->epoch);
      std::string date = iso.substr(0, 10);
      set_text(r, "date", date != prev_date ? date : std::string{});
      prev_date = date;
      r["time"] = Data(iso.substr(11, 5));
      r["iso"] = Data(iso);
    } else {
      r["date"] = Data(false);
      r["time"] = Data(ev.at_text);
      r["iso"] = Data(false);
    }
    r["event"] = Data(ev.event);
    r["action"] = Data(ev.action);
    r["by"] = Data(ev.by);
    push(list, std::move(r));
  }
  return list;
}

/// Alerts of a PIR, each linked to the runbook that handles it (the first by path), if any.
Data alert_links(const RenderContext& rc, const std::vector<std::string>& alerts) {
  Data list = make_list(alerts.size());
  for (const std::string& a : alerts) {
    Data d;
    d["name"] = Data(a);
    auto it = rc.index.runbooks_by_alert.find(a);
    bool found = it != rc.index.runbooks_by_alert.end() && !it->second.empty();
    d["url"] = Data(found ? doc_url(*it->second.front()->doc) : std::string{});
    d["runbook_title"] = Data(found ? it->second.front()->doc->title : std::string{});
    d["linked"] = Data(found);
    push(list, std::move(d));
  }
  return list;
}

}  // namespace

PageData runbook_page(const RenderContext& rc, const Runbook& rb) {
  const SiteIndex& ix = rc.index;
  PageData page;
  page.data = page_base(rb.doc->url, rb.doc->title, "runbook");
  Data& d = page.data;
  d["nav_runbooks"] = Data(true);
  set_document_basics(rc, *rb.doc, d);
  page.size_hint = rb.doc->md.html.size();
  d["service"] = rb.service.empty() ? Data(false) : term_link(rc, ix.services, rb.service);
  d["owner"] = rb.owner.empty() ? Data(false) : term_link(rc, ix.owners, rb.owner);
  d["severity"] = severity_data(rc, rb.severity);
  set_list(d, "alerts", name_list(rb.alerts));
  set_list(d, "tags", term_links(rc, ix.tags, rb.tags));
  set_list(d, "dependencies", term_links(rc, ix.services, rb.dependencies));

  ReviewState rs = review_state(rb, rc.config, rc.now);
  Data review;
  review["state"] = Data(rs.state);
  review["note"] = Data(rs.note);
  set_text(review, "last_reviewed", rs.last_reviewed);
  set_text(review, "due", rs.due);
  review["interval"] = Data(format_duration(rb.review_interval(rc.config)));
  review["overdue"] = Data(rs.state == "overdue");
  review["attention"] = Data(rs.state != "ok");
  d["review"] = std::move(review);

  Data esc = make_list(rb.escalation.size());
  for (const EscalationStep& s : rb.escalation) {
    Data e;
    e["level"] = Data(s.level);
    e["contact"] = Data(s.contact);
    set_text(e, "after", s.after ? format_duration(*s.after) : std::string{});
    push(esc, std::move(e));
  }
  set_list(d, "escalation", std::move(esc));
  d["policy_escalation"] = runbook_policy_escalation(rc.config, rb);
  set_list(d, "related", runbook_refs(rc, rb.related));
  auto pirs = ix.postmortems_by_runbook.find(rb.doc->id);
  set_list(d, "incidents", pirs == ix.postmortems_by_runbook.end() ? make_list() : postmortem_rows(rc, pirs->second, page));
  return page;
}

PageData postmortem_page(const RenderContext& rc, const Postmortem& pm) {
  const SiteIndex& ix = rc.index;
  PageData page;
  page.data = page_base(pm.doc->url, pm.doc->title, "postmortem");
  Data& d = page.data;
  d["nav_postmortems"] = Data(true);
  set_document_basics(rc, *pm.doc, d);
  page.size_hint = pm.doc->md.html.size();
  d["incident_id"] = Data(pm.incident_id);
  d["severity"] = severity_data(rc, pm.severity);
  d["status"] = Data(pm.status);
  d["status_slug"] = Data(slugify(pm.status));
  set_list(d, "services", term_links(rc, ix.services, pm.services));
  d["policy_escalation"] = postmortem_policy_escalation(rc.config, pm);

  Data lifecycle = make_list(6);
  set_instant(d, "started", pm.started, lifecycle, "Started");
  set_instant(d, "detected", pm.detected, lifecycle, "Detected");
  set_instant(d, "acknowledged", pm.acknowledged, lifecycle, "Acknowledged");
  set_instant(d, "mitigated", pm.mitigated, lifecycle, "Mitigated");
  set_instant(d, "resolved", pm.resolved, lifecycle, "Resolved");
  set_instant(d, "published", pm.published, lifecycle, "Published");
  set_list(d, "lifecycle", std::move(lifecycle));

  SlaResult ack = pm.acknowledge_sla(), res = pm.resolve_sla();
  Data durations = make_list(4);
  push(durations, duration_row("Time to detect", "detect", pm.time_to_detect(), nullptr));
  push(durations, duration_row("Time to acknowledge", "acknowledge", pm.time_to_acknowledge(), &ack));
  push(durations, duration_row("Time to mitigate", "mitigate", pm.time_to_mitigate(), nullptr));
  push(durations, duration_row("Time to resolve", "resolve", pm.time_to_resolve(), &res));
  set_list(d, "durations", std::move(durations));
  set_text(d, "declared_duration", pm.declared_duration ? format_duration(*pm.declared_duration) : std::string{});

  set_text(d, "users_impacted", pm.users_impacted ? format_count(*pm.users_impacted) : std::string{});
  set_text(d, "customer_impact", pm.customer_impact);
  set_text(d, "detection_method", pm.detection_method);
  set_list(d, "authors", name_list(pm.authors));
  if (pm.root_cause_category.empty() && pm.root_cause_summary.empty()) {
    d["root_cause"] = Data(false);
  } else {
    Data rcd;
    set_text(rcd, "category", pm.root_cause_category);
    set_text(rcd, "summary", pm.root_cause_summary);
    d["root_cause"] = std::move(rcd);
  }
  set_list(d, "contributing_factors", name_list(pm.contributing_factors));
  set_list(d, "triggers", name_list(pm.triggers));
  set_list(d, "tags", term_links(rc, ix.tags, pm.tags));
  set_list(d, "alerts", alert_links(rc, pm.alerts));
  set_list(d, "timeline", timeline_rows(pm));

  Data actions = make_list(pm.action_items.size());
  size_t open = 0, overdue = 0;
  for (const ActionItem& ai : pm.action_items) {
    open += !ai.done();
    overdue += ai.overdue(rc.now);
    push(actions, action_row(rc, pm, ai));
  }
  set_list(d, "action_items", std::move(actions));
  d["actions_total"] = Data(std::to_string(pm.action_items.size()));
  d["actions_open"] = Data(std::to_string(open));
  d["actions_overdue"] = Data(std::to_string(overdue));
  d["has_overdue_actions"] = Data(overdue > 0);
  set_list(d, "runbooks", runbook_refs(rc, pm.runbooks));
  add_postmortem_lessons(rc, pm, d);
  return page;
}

}  // namespace fb
