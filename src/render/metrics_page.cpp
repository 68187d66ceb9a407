// Context of /metrics/: summary figures, four SVG charts each with its data table, and tables per
// severity, month and service.
#include <fmt/format.h>

#include "render/charts_svg.h"
#include "render/lessons_pages.h"
#include "render/present.h"
#include "util/time.h"

namespace fb {
namespace {

constexpr const char* kUnknownColor = "#6b7280";
constexpr const char* kOpenColor = "#2563eb";
constexpr const char* kOverdueColor = "#dc2626";

std::string pct(std::optional<double> v) { return v ? fmt::format("{:.0f}%", *v * 100) : std::string{}; }
std::string dur(const Distribution& d, double v) {
  return d.n ? format_duration(static_cast<int64_t>(v + 0.5)) : std::string{};
}

/// The severity level of bucket `s` (by_severity order: the scale, then "unknown"), or nullptr.
const SeverityLevel* level_of(const RenderContext& rc, size_t s) {
  return s < rc.config.severities.size() ? &rc.config.severities[s] : nullptr;
}
std::string color_of(const RenderContext& rc, size_t s) {
  const SeverityLevel* l = level_of(rc, s);
  return charts::safe_color(l ? l->color : kUnknownColor, kUnknownColor);
}
std::string label_of(const RenderContext& rc, size_t s, const MetricsBucket& b) {
  const SeverityLevel* l = level_of(rc, s);
  return l && !l->label.empty() ? l->label : b.key;
}

/// Every figure of one bucket as display strings ("" when unknown, so templates can show "—").
Data bucket_data(const MetricsBucket& b) {
  Data d;
  d["key"] = Data(b.key);
  d["incidents"] = Data(std::to_string(b.incidents));
  for (auto [name, dist] : {std::pair<const char*, const Distribution*>{"tta", &b.tta}, {"ttr", &b.ttr}}) {
    Data x;
    x["n"] = Data(std::to_string(dist->n));
    set_text(x, "mean", dur(*dist, dist->mean));
    set_text(x, "median", dur(*dist, dist->median));
    set_text(x, "p90", dur(*dist, dist->p90));
    set_text(x, "min", dur(*dist, dist->min));
    set_text(x, "q1", dur(*dist, dist->q1));
    set_text(x, "q3", dur(*dist, dist->q3));
    set_text(x, "max", dur(*dist, dist->max));
    d[name] = std::move(x);
  }
  set_text(d, "sla_compliance", pct(b.sla_compliance()));
  d["sla_met"] = Data(std::to_string(b.sla_met));
  d["sla_evaluated"] = Data(std::to_string(b.sla_evaluated));
  d["ack_met"] = Data(std::to_string(b.ack_met));
  d["ack_evaluated"] = Data(std::to_string(b.ack_evaluated));
  d["resolve_met"] = Data(std::to_string(b.resolve_met));
  d["resolve_evaluated"] = Data(std::to_string(b.resolve_evaluated));
  d["actions"] = Data(std::to_string(b.actions));
  d["actions_completed"] = Data(std::to_string(b.actions_completed));
  d["actions_on_time"] = Data(std::to_string(b.actions_on_time));
  d["actions_completed_with_due"] = Data(std::to_string(b.actions_completed_with_due));
  set_text(d, "actions_on_time_rate", pct(b.action_on_time_rate()));
  d["actions_overdue"] = Data(std::to_string(b.actions_overdue));
  d["pirs_published"] = Data(std::to_string(b.pirs_published));
  d["pirs_due"] = Data(std::to_string(b.pirs_due));
  d["pirs_on_time"] = Data(std::to_string(b.pirs_on_time));
  set_text(d, "pir_on_time_rate", pct(b.pir_on_time_rate()));
  d["recurrences"] = Data(std::to_string(b.recurrences));
  d["recurrence_eligible"] = Data(std::to_string(b.recurrence_eligible));
  set_text(d, "recurrence_rate", pct(b.recurrence_rate()));
  return d;
}

void months_chart(const RenderContext& rc, const Metrics& m, Data& d) {
  std::vector<std::string> labels;
  for (const auto& b : m.by_month) labels.push_back(b.key);
  std::vector<charts::Series> series;
  Data heads = make_list(m.by_severity.size());
  for (size_t s = 0; s < m.by_severity.size(); ++s) {
    charts::Series ser{m.by_severity[s].key, color_of(rc, s), {}};
    for (const auto& row : m.by_month_severity) ser.values.push_back(static_cast<double>(s < row.size() ? row[s] : 0));
    series.push_back(std::move(ser));
    Data h;
    h["id"] = Data(m.by_severity[s].key);
    push(heads, std::move(h));
  }
  d["chart_months"] = Data(charts::stacked_bars(
      {"chart-incidents-per-month", "Incidents per month by severity",
       fmt::format("Stacked bars: incidents per month from {} to {}, one colour per severity. The table below has "
                   "the same numbers.",
                   labels.empty() ? "" : labels.front(), labels.empty() ? "" : labels.back())},
      labels, series));
  set_list(d, "severity_heads", std::move(heads));
  Data rows = make_list(m.by_month.size());
  for (size_t i = 0; i < m.by_month.size(); ++i) {
    Data r;
    r["month"] = Data(m.by_month[i].key);
    r["total"] = Data(std::to_string(m.by_month[i].incidents));
    Data counts = make_list(m.by_severity.size());
    for (size_t s = 0; s < m.by_severity.size(); ++s) {
      Data c;
      c["n"] = Data(std::to_string(s < m.by_month_severity[i].size() ? m.by_month_severity[i][s] : 0));
      push(counts, std::move(c));
    }
    r["counts"] = std::move(counts);
    push(rows, std::move(r));
  }
  set_list(d, "month_counts", std::move(rows));
}

void severity_charts(const RenderContext& rc, const Metrics& m, Data& d) {
  std::vector<charts::Box> boxes;
  std::vector<charts::Bar> bars;
  Data rows = make_list(m.by_severity.size());
  for (size_t s = 0; s < m.by_severity.size(); ++s) {
    const MetricsBucket& b = m.by_severity[s];
    const SeverityLevel* l = level_of(rc, s);
    std::optional<double> target;
    if (l && l->resolve_within) target = static_cast<double>(*l->resolve_within);
    boxes.push_back({b.key, color_of(rc, s), b.ttr, target});
    bars.push_back({b.key, color_of(rc, s), b.sla_compliance()});
    Data r = bucket_data(b);
    r["label"] = Data(label_of(rc, s, b));
    set_text(r, "resolve_target", target ? format_duration(static_cast<int64_t>(*target)) : std::string{});
    set_text(r, "ack_target", l && l->acknowledge_within ? format_duration(*l->acknowledge_within) : std::string{});
    push(rows, std::move(r));
  }
  d["chart_ttr"] = Data(charts::box_plots(
      {"chart-time-to-resolve", "Time to resolve by severity",
       "Box plots on a logarithmic time axis: whiskers from the fastest to the slowest resolution, the box from the "
       "first to the third quartile, a thick line at the median, a dashed line at the severity's resolution "
       "target. The table below has the same numbers."},
      boxes));
  d["chart_sla"] = Data(charts::percent_bars(
      {"chart-sla-compliance", "SLA compliance by severity",
       "Horizontal bars: the share of incidents of each severity that met every acknowledgement and resolution "
       "target that applies. The table below has the same numbers."},
      bars));
  set_list(d, "severities", std::move(rows));
}

void burndown_chart(const Metrics& m, Data& d) {
  std::vector<std::string> labels;
  charts::Series open{"open", kOpenColor, {}}, overdue{"overdue", kOverdueColor, {}};
  Data rows = make_list(m.burndown.size());
  for (const auto& p : m.burndown) {
    labels.push_back(p.month);
    open.values.push_back(static_cast<double>(p.open));
    overdue.values.push_back(static_cast<double>(p.overdue));
    Data r;
    r["month"] = Data(p.month);
    r["open"] = Data(std::to_string(p.open));
    r["overdue"] = Data(std::to_string(p.overdue));
    push(rows, std::move(r));
  }
  d["chart_burndown"] = Data(charts::lines(
      {"chart-action-burndown", "Action items open at the end of each month",
       "Two lines: action items open at each month's end, and how many of those were past their due date. The "
       "table below has the same numbers."},
      labels, {open, overdue}));
  set_list(d, "burndown", std::move(rows));
}

}  // namespace

PageData metrics_page(const RenderContext& rc) {
  PageData page;
  page.data = page_base("metrics/index.html", "Metrics", "metrics");
  Data& d = page.data;
  d["nav_metrics"] = Data(true);
  const Metrics& m = rc.lessons->result.metrics;
  d["overall"] = bucket_data(m.overall);
  d["undated"] = Data(std::to_string(m.undated));
  d["has_undated"] = Data(m.undated > 0);
  d["window"] = Data(format_duration(rc.config.patterns.window));
  d["as_of"] = Data(format_date(rc.now));
  months_chart(rc, m, d);
  severity_charts(rc, m, d);
  burndown_chart(m, d);
  Data months = make_list(m.by_month.size());
  for (const auto& b : m.by_month) push(months, bucket_data(b));
  set_list(d, "months", std::move(months));
  Data services = make_list(m.services.size());
  for (const auto& s : m.services) {
    Data r;
    r["name"] = Data(s.service);
    r["link"] = term_link(rc, rc.index.services, s.service);
    r["incidents"] = Data(std::to_string(s.incidents));
    set_text(r, "mtbf", s.mtbf ? format_duration(static_cast<int64_t>(*s.mtbf)) : std::string{});
    r["mtbf_sort"] = Data(s.mtbf ? fmt::format("{:.0f}", *s.mtbf) : std::string("-1"));
    set_text(r, "first", s.first ? format_date(*s.first) : std::string{});
    set_text(r, "last", s.last ? format_date(*s.last) : std::string{});
    push(services, std::move(r));
  }
  set_list(d, "services", std::move(services));
  return page;
}

}  // namespace fb
