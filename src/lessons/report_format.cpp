// `firebreak report` as Markdown and as a standalone HTML document. Both are built from the same
// rows (a heading, then tables of cells) so they always say the same thing.
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

#include "lessons/format.h"
#include "util/text.h"
#include "util/time.h"

namespace fb {
namespace {

std::string pct(std::optional<double> v) { return v ? fmt::format("{:.0f}%", *v * 100) : "—"; }
std::string dur(const Distribution& d, double v) { return d.n ? format_duration(static_cast<int64_t>(v + 0.5)) : "—"; }
std::string of(size_t part, size_t whole) { return fmt::format("{} of {}", part, whole); }

/// A table: header cells and rows of cells (plain text; escaped by each format).
struct Table {
  std::vector<std::string> head;
  std::vector<std::vector<std::string>> rows;
};

/// A section of the report: a heading, paragraphs/bullets, and an optional table.
struct Block {
  std::string heading;
  std::vector<std::string> bullets;
  Table table;
  std::string empty_note;  ///< printed when there are neither bullets nor rows
  size_t more = 0;         ///< rows left out by cap_rows (the full list is in --format json)
};

/// Longest list a person reads in the Markdown and HTML report; `--format json` has every row.
constexpr size_t kReportListCap = 25;
/// Incident ids printed per "In this period" line.
constexpr size_t kReportIdCap = 10;

/// Keeps the first kReportListCap rows of `b`'s table and counts the rest in `b.more`.
void cap_rows(Block& b) {
  if (b.table.rows.size() <= kReportListCap) return;
  b.more = b.table.rows.size() - kReportListCap;
  b.table.rows.resize(kReportListCap);
}

std::string more_note(const Block& b) {
  return fmt::format("{} more; the full list is in `firebreak report --format json`.", b.more);
}

/// The first kReportIdCap ids, then "and N more".
std::string capped_ids(const std::vector<std::string>& ids) {
  if (ids.size() <= kReportIdCap) return join(ids, ", ");
  std::vector<std::string> head(ids.begin(), ids.begin() + kReportIdCap);
  return fmt::format("{} and {} more", join(head, ", "), ids.size() - kReportIdCap);
}

Table severity_table(const PeriodReport& r) {
  Table t{{"Severity", "Incidents", "MTTA mean", "MTTA median", "MTTA p90", "MTTR mean", "MTTR median", "MTTR p90",
           "SLA compliance", "PIRs on time"},
          {}};
  for (const auto& b : r.metrics.by_severity) {
    if (b.incidents == 0) continue;
    t.rows.push_back({b.key, std::to_string(b.incidents), dur(b.tta, b.tta.mean), dur(b.tta, b.tta.median),
                      dur(b.tta, b.tta.p90), dur(b.ttr, b.ttr.mean), dur(b.ttr, b.ttr.median), dur(b.ttr, b.ttr.p90),
                      pct(b.sla_compliance()), pct(b.pir_on_time_rate())});
  }
  return t;
}

Table month_table(const PeriodReport& r) {
  Table t{{"Month", "Incidents", "MTTR median", "SLA compliance", "Recurrences"}, {}};
  for (const auto& b : r.metrics.by_month)
    t.rows.push_back({b.key, std::to_string(b.incidents), dur(b.ttr, b.ttr.median), pct(b.sla_compliance()),
                      std::to_string(b.recurrences)});
  return t;
}

/// "+3", "−2", "0"; for rates in percentage points; "—" when either side is unknown.
std::string change(std::optional<double> now, std::optional<double> before, double scale, const char* unit) {
  if (!now || !before) return "—";
  long d = std::lround((*now - *before) * scale);
  return d == 0 ? std::string("0") : fmt::format("{}{}{}", d > 0 ? "+" : "−", std::labs(d), unit);
}

/// Each headline figure beside the previous period's and the change.
Table comparison_table(const PeriodReport& r) {
  const MetricsBucket &o = r.metrics.overall, &p = r.previous;
  Table t{{"Figure", "This period", fmt::format("Previous ({} – {})", format_date(r.previous_from), format_date(r.previous_to)),
           "Change"},
          {}};
  t.rows.push_back({"Incidents", std::to_string(o.incidents), std::to_string(p.incidents),
                    change(static_cast<double>(o.incidents), static_cast<double>(p.incidents), 1, "")});
  t.rows.push_back({"SLA compliance", pct(o.sla_compliance()), pct(p.sla_compliance()),
                    change(o.sla_compliance(), p.sla_compliance(), 100, " pp")});
  auto minutes = [](const Distribution& d) { return d.n ? std::optional<double>(d.median / 60) : std::nullopt; };
  t.rows.push_back({"Time to detect, median", dur(o.ttd, o.ttd.median), dur(p.ttd, p.ttd.median),
                    change(minutes(o.ttd), minutes(p.ttd), 1, " min")});
  t.rows.push_back({"Time to acknowledge, median", dur(o.tta, o.tta.median), dur(p.tta, p.tta.median),
                    change(minutes(o.tta), minutes(p.tta), 1, " min")});
  t.rows.push_back({"Time to resolve, median", dur(o.ttr, o.ttr.median), dur(p.ttr, p.ttr.median),
                    change(minutes(o.ttr), minutes(p.ttr), 1, " min")});
  t.rows.push_back({"Recurrence rate", pct(o.recurrence_rate()), pct(p.recurrence_rate()),
                    change(o.recurrence_rate(), p.recurrence_rate(), 100, " pp")});
  return t;
}

/// Incidents per service or category, beside the previous period.
Block count_block(const char* heading, const char* what, const std::vector<ReportCount>& list) {
  Block b{heading, {}, {}, "No incidents in this period or the previous one."};
  b.table.head = {what, "Incidents", "Previous period", "Change"};
  for (const auto& c : list)
    b.table.rows.push_back({c.key.empty() ? "(none)" : c.key, std::to_string(c.incidents), std::to_string(c.previous),
                            change(static_cast<double>(c.incidents), static_cast<double>(c.previous), 1, "")});
  cap_rows(b);
  return b;
}

std::vector<Block> blocks(const PeriodReport& r) {
  const MetricsBucket& o = r.metrics.overall;
  std::vector<Block> out;
  Block summary{"Summary", {}, {}, ""};
  summary.bullets.push_back(fmt::format("{} incidents", o.incidents));
  summary.bullets.push_back(fmt::format("SLA compliance: {} ({} incidents met every target)", pct(o.sla_compliance()),
                                        of(o.sla_met, o.sla_evaluated)));
  summary.bullets.push_back(fmt::format("Acknowledged within target: {}; resolved within target: {}",
                                        of(o.ack_met, o.ack_evaluated), of(o.resolve_met, o.resolve_evaluated)));
  summary.bullets.push_back(fmt::format("Time to detect: mean {}, median {}, p90 {}", dur(o.ttd, o.ttd.mean),
                                        dur(o.ttd, o.ttd.median), dur(o.ttd, o.ttd.p90)));
  summary.bullets.push_back(fmt::format("Time to acknowledge: mean {}, median {}, p90 {}", dur(o.tta, o.tta.mean),
                                        dur(o.tta, o.tta.median), dur(o.tta, o.tta.p90)));
  summary.bullets.push_back(fmt::format("Time to resolve: mean {}, median {}, p90 {}", dur(o.ttr, o.ttr.mean),
                                        dur(o.ttr, o.ttr.median), dur(o.ttr, o.ttr.p90)));
  summary.bullets.push_back(fmt::format("Action items: {} total, {} completed ({} on time of {} with a due date), {} overdue",
                                        o.actions, o.actions_completed, o.actions_on_time,
                                        o.actions_completed_with_due, o.actions_overdue));
  summary.bullets.push_back(fmt::format("Reviews published: {}; on time: {} ({})", of(o.pirs_published, o.incidents),
                                        of(o.pirs_on_time, o.pirs_due), pct(o.pir_on_time_rate())));
  summary.bullets.push_back(fmt::format("Recurrence rate: {} ({} repeated an incident of the same category and service)",
                                        pct(o.recurrence_rate()), of(o.recurrences, o.recurrence_eligible)));
  out.push_back(std::move(summary));
  out.push_back({"Compared with the previous period", {}, comparison_table(r), ""});
  out.push_back({"By severity", {}, severity_table(r), "No incidents in this period."});
  out.push_back({"By month", {}, month_table(r), "No incidents in this period."});
  Block burn{"Action items: burn-down", {}, {}, ""};
  burn.bullets.push_back(fmt::format("{} open at {} (any period), {} of them overdue", r.open_actions,
                                     format_date(r.now), r.overdue.size()));
  burn.table.head = {"Week ending", "Open"};
  for (const auto& [day, open] : r.burn_down) burn.table.rows.push_back({format_date(day), std::to_string(open)});
  out.push_back(std::move(burn));
  Block breaches{"SLA breaches", {}, {}, "No target was missed in this period."};
  breaches.table.head = {"Incident", "Severity", "Target", "Within", "Took", "Over by"};
  for (const auto& b : r.sla_breaches)
    breaches.table.rows.push_back({b.incident, b.severity, b.what, format_duration(b.target), format_duration(b.actual),
                                   format_duration(b.actual - b.target)});
  cap_rows(breaches);
  out.push_back(std::move(breaches));
  out.push_back(count_block("By service", "Service", r.by_service));
  out.push_back(count_block("By root-cause category", "Category", r.by_category));
  Block pats{"Top patterns", {}, {}, "No pattern has incidents in this period."};
  for (const auto& rp : r.top_patterns)
    pats.bullets.push_back(fmt::format("{}: {} — {}. In this period: {}", pattern_kind_title(rp.pattern->kind),
                                       rp.pattern->title, rp.pattern->strength_note, capped_ids(rp.members_in_period)));
  out.push_back(std::move(pats));
  Block overdue{fmt::format("Overdue action items (as of {})", format_date(r.now)), {}, {}, "No overdue action items."};
  overdue.table.head = {"Incident", "Item", "Title", "Owner", "Priority", "Due", "Days overdue"};
  for (const auto& a : r.overdue)
    overdue.table.rows.push_back(
        {a.incident, a.id, a.title, a.owner, a.priority, format_date(a.due), std::to_string(a.days_overdue)});
  cap_rows(overdue);
  out.push_back(std::move(overdue));
  Block list{"Incidents in the period", {}, {}, "None."};
  list.table.head = {"Date", "Incident", "Title", "Severity", "Category"};
  for (const auto& i : r.incidents) list.table.rows.push_back({format_date(i.at), i.id, i.title, i.severity, i.category});
  cap_rows(list);
  out.push_back(std::move(list));
  return out;
}

std::string md_cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '>' || c == '\\')
      out.push_back('\\');
    out.push_back(c == '\n' ? ' ' : c);
  }
  return out;
}

}  // namespace

std::string report_markdown(const PeriodReport& r) {
  std::string out = fmt::format("# Incident review {} – {}\n\n{} · as of {}\n", format_date(r.from), format_date(r.to),
                                md_cell(r.site_title), format_rfc3339_utc(r.now));
  for (const Block& b : blocks(r)) {
    out += fmt::format("\n## {}\n\n", md_cell(b.heading));
    for (const auto& line : b.bullets) out += "- " + md_cell(line) + "\n";
    if (!b.table.rows.empty()) {
      if (!b.bullets.empty()) out += "\n";
      std::vector<std::string> head, rule;
      for (const auto& h : b.table.head) head.push_back(md_cell(h)), rule.push_back("---");
      out += "| " + join(head, " | ") + " |\n| " + join(rule, " | ") + " |\n";
      for (const auto& row : b.table.rows) {
        std::vector<std::string> cells;
        for (const auto& c : row) cells.push_back(md_cell(c));
        out += "| " + join(cells, " | ") + " |\n";
      }
      if (b.more) out += "\n" + md_cell(more_note(b)) + "\n";
    }
    if (b.bullets.empty() && b.table.rows.empty()) out += md_cell(b.empty_note) + "\n";
  }
  return out;
}

std::string report_html(const PeriodReport& r) {
  std::string title = fmt::format("Incident review {} – {}", format_date(r.from), format_date(r.to));
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                    html_escape(title) +
                    "</title>\n<style>body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 "
                    "1rem;color:#111}table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid "
                    "#ccc;padding:.25rem .5rem;text-align:left}th{background:#f3f4f6}</style>\n</head>\n<body>\n";
  out += "<h1>" + html_escape(title) + "</h1>\n<p>" + html_escape(r.site_title) + " · as of " +
         html_escape(format_rfc3339_utc(r.now)) + "</p>\n";
  for (const Block& b : blocks(r)) {
    out += "<h2>" + html_escape(b.heading) + "</h2>\n";
    if (!b.bullets.empty()) {
      out += "<ul>\n";
      for (const auto& line : b.bullets) out += "<li>" + html_escape(line) + "</li>\n";
      out += "</ul>\n";
    }
    if (!b.table.rows.empty()) {
      out += "<table>\n<thead><tr>";
      for (const auto& h : b.table.head) out += "<th scope=\"col\">" + html_escape(h) + "</th>";
      out += "</tr></thead>\n<tbody>\n";
      for (const auto& row : b.table.rows) {
        out += "<tr>";
        for (const auto& c : row) out += "<td>" + html_escape(c) + "</td>";
        out += "</tr>\n";
      }
      out += "</tbody>\n</table>\n";
      if (b.more) out += "<p>" + html_escape(more_note(b)) + "</p>\n";
    }
    if (b.bullets.empty() && b.table.rows.empty()) out += "<p>" + html_escape(b.empty_note) + "</p>\n";
  }
  return out + "</body>\n</html>\n";
}

}  // namespace fb
