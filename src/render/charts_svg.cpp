#include "render/charts_svg.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "util/text.h"
#include "util/time.h"

namespace fb::charts {
namespace {

constexpr double kWidth = 720;
constexpr double kLeft = 56, kRight = 16, kTop = 16;
constexpr size_t kMaxXLabels = 12;

std::string num(double v) { return fmt::format("{:.1f}", v); }

/// `<svg ...><title/><desc/>` opening shared by every chart.
std::string open_svg(const ChartText& t, double height) {
  std::string id = slugify(t.id);
  return fmt::format(
      "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{0}-title {0}-desc\" viewBox=\"0 0 {1} {2}\" "
      "width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\" "
      "font-family=\"system-ui, sans-serif\" font-size=\"12\">"
      "<title id=\"{0}-title\">{3}</title><desc id=\"{0}-desc\">{4}</desc>",
      id, num(kWidth), num(height), xml_escape(t.title), xml_escape(t.desc));
}

std::string text_at(double x, double y, std::string_view anchor, std::string_view text, std::string_view extra = "") {
  return fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\" fill=\"currentColor\"{}>{}</text>", num(x), num(y),
                     anchor, extra, xml_escape(text));
}

std::string hline(double x1, double x2, double y, std::string_view extra) {
  return fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"currentColor\"{}/>", num(x1), num(x2),
                     num(y), num(y), extra);
}

/// Every k-th label so that at most kMaxXLabels are drawn.
bool show_label(size_t i, size_t n) {
  size_t step = (n + kMaxXLabels - 1) / kMaxXLabels;
  return step <= 1 || i % step == 0;
}

std::string format_count(double v) { return v == std::floor(v) ? fmt::format("{:.0f}", v) : fmt::format("{:.1f}", v); }

/// Y axis with gridlines for linear ticks; returns the SVG.
std::string y_axis(const std::vector<double>& ticks, double top, double bottom, double right) {
  std::string out;
  double hi = ticks.back();
  for (double t : ticks) {
    double y = bottom - (hi > 0 ? t / hi : 0) * (bottom - top);
    out += hline(kLeft, right, y, " stroke-opacity=\"0.15\"");
    out += text_at(kLeft - 6, y + 4, "end", format_count(t));
  }
  return out;
}

std::string legend(const std::vector<Series>& series, double y) {
  std::string out;
  double x = kLeft;
  for (const Series& s : series) {
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/>", num(x), num(y - 9),
                       safe_color(s.color));
    out += text_at(x + 14, y, "start", s.name);
    x += 24 + 7.5 * static_cast<double>(s.name.size());
  }
  return out;
}

}  // namespace

std::string safe_color(std::string_view c, std::string_view fallback) {
  auto all = [&](size_t from, auto pred) {
    for (size_t i = from; i < c.size(); ++i)
      if (!pred(static_cast<unsigned char>(c[i]))) return false;
    return true;
  };
  if (!c.empty() && c[0] == '#' && (c.size() == 4 || c.size() == 5 || c.size() == 7 || c.size() == 9) &&
      all(1, [](unsigned char ch) { return std::isxdigit(ch) != 0; }))
    return std::string(c);
  if (!c.empty() && c.size() <= 20 && all(0, [](unsigned char ch) { return std::isalpha(ch) != 0; }))
    return std::string(c);
  return std::string(fallback);
}

std::vector<double> nice_ticks(double max, int count, bool whole) {
  if (!(max > 0)) return {0, 1};
  double raw = max / std::max(1, count);
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * mag >= raw) {
      step = m * mag;
      break;
    }
  if (whole) step = std::max(step, 1.0);
  // k·step computed as an integer over a power of ten, so 3 × 0.2 is 0.6 and not 0.6000000000000001.
  double scale = step < 1 ? std::round(1 / mag) : 1;
  double units = std::round(step * scale);
  std::vector<double> ticks;
  for (int k = 0;; ++k) {
    double t = k * units / scale;
    ticks.push_back(t);
    if (t >= max) break;
  }
  return ticks;
}

std::string stacked_bars(const ChartText& text, const std::vector<std::string>& labels, const std::vector<Series>& series) {
  const double height = 300, bottom = height - 60, right = kWidth - kRight;
  std::vector<double> totals(labels.size(), 0);
  for (const Series& s : series)
    for (size_t i = 0; i < labels.size() && i < s.values.size(); ++i) totals[i] += s.values[i];
  double max = totals.empty() ? 0 : *std::max_element(totals.begin(), totals.end());
  std::vector<double> ticks = nice_ticks(max, 5, true);
  double hi = ticks.back();
  std::string out = open_svg(text, height) + y_axis(ticks, kTop, bottom, right);
  double slot = labels.empty() ? 0 : (right - kLeft) / static_cast<double>(labels.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    double x = kLeft + slot * static_cast<double>(i) + slot * 0.15, y = bottom;
    for (const Series& s : series) {
      double v = i < s.values.size() ? s.values[i] : 0;
      if (v <= 0) continue;
      double h = v / hi * (bottom - kTop);
      y -= h;
      out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}</title></rect>",
                         num(x), num(y), num(slot * 0.7), num(h), safe_color(s.color),
                         xml_escape(fmt::format("{} {}: {}", labels[i], s.name, format_count(v))));
    }
    if (show_label(i, labels.size())) out += text_at(x + slot * 0.35, bottom + 16, "middle", labels[i]);
  }
  out += hline(kLeft, right, bottom, "");
  out += legend(series, height - 12);
  return out + "</svg>";
}

std::string box_plots(const ChartText& text, const std::vector<Box>& boxes) {
  const double height = 300, bottom = height - 40, right = kWidth - kRight;
  double lo = 0, hi = 0;
  for (const Box& b : boxes) {
    if (b.dist.n > 0) {
      lo = lo == 0 ? std::max(1.0, b.dist.min) : std::min(lo, std::max(1.0, b.dist.min));
      hi = std::max(hi, b.dist.max);
    }
    if (b.target && *b.target > 0) {
      lo = lo == 0 ? *b.target : std::min(lo, *b.target);
      hi = std::max(hi, *b.target);
    }
  }
  std::string out = open_svg(text, height);
  if (hi <= 0) return out + text_at(kWidth / 2, height / 2, "middle", "No durations recorded") + "</svg>";
  static const double kTicks[] = {1, 10, 60, 300, 900, 3600, 4 * 3600, 86400, 3 * 86400, 7 * 86400, 30 * 86400, 365 * 86400};
  double llo = std::log10(lo), lhi = std::log10(hi);
  for (double t : kTicks) {  // widen to the neighbouring ticks
    if (t <= lo) llo = std::log10(t);
  }
  for (double t : kTicks) {
    if (t >= hi) {
      lhi = std::log10(t);
      break;
    }
  }
  if (lhi <= llo) lhi = llo + 1;
  auto y_of = [&](double v) { return bottom - (std::log10(std::max(v, 1.0)) - llo) / (lhi - llo) * (bottom - kTop); };
  for (double t : kTicks) {
    double l = std::log10(t);
    if (l < llo - 1e-9 || l > lhi + 1e-9) continue;
    out += hline(kLeft, right, y_of(t), " stroke-opacity=\"0.15\"");
    out += text_at(kLeft - 6, y_of(t) + 4, "end", format_duration(static_cast<int64_t>(t)));
  }
  double slot = boxes.empty() ? 0 : (right - kLeft) / static_cast<double>(boxes.size());
  for (size_t i = 0; i < boxes.size(); ++i) {
    const Box& b = boxes[i];
    double cx = kLeft + slot * (static_cast<double>(i) + 0.5), w = std::min(60.0, slot * 0.5);
    std::string color = safe_color(b.color);
    if (b.dist.n > 0) {
      const Distribution& d = b.dist;
      out += fmt::format("<g><title>{}</title>",
                         xml_escape(fmt::format("{}: n={}, min {}, Q1 {}, median {}, Q3 {}, max {}", b.label, d.n,
                                                format_duration(static_cast<int64_t>(d.min)),
                                                format_duration(static_cast<int64_t>(d.q1)),
                                                format_duration(static_cast<int64_t>(d.median)),
                                                format_duration(static_cast<int64_t>(d.q3)),
                                                format_duration(static_cast<int64_t>(d.max)))));
      out += fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"currentColor\"/>", num(cx),
                         num(y_of(d.max)), num(y_of(d.min)));
      out += hline(cx - w / 4, cx + w / 4, y_of(d.max), "");
      out += hline(cx - w / 4, cx + w / 4, y_of(d.min), "");
      double top = y_of(d.q3), bot = y_of(d.q1);
      out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" fill-opacity=\"0.75\" "
                         "stroke=\"currentColor\"/>",
                         num(cx - w / 2), num(top), num(w), num(std::max(1.0, bot - top)), color);
      out += hline(cx - w / 2, cx + w / 2, y_of(d.median), " stroke-width=\"3\"");
      out += "</g>";
    } else {
      out += text_at(cx, bottom - 8, "middle", "no data", " fill-opacity=\"0.6\"");
    }
    if (b.target)
      out += fmt::format("<line x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\" stroke=\"{3}\" stroke-dasharray=\"4 3\" "
                         "stroke-width=\"2\"><title>{4}</title></line>",
                         num(cx - slot * 0.45), num(cx + slot * 0.45), num(y_of(*b.target)), color,
                         xml_escape(fmt::format("{} target: {}", b.label, format_duration(static_cast<int64_t>(*b.target)))));
    out += text_at(cx, bottom + 18, "middle", b.label);
  }
  out += hline(kLeft, right, bottom, "");
  return out + "</svg>";
}

std::string percent_bars(const ChartText& text, const std::vector<Bar>& bars) {
  const double row = 30, label_w = 120, right = kWidth - kRight - 48;
  const double height = kTop + row * static_cast<double>(bars.size()) + 28;
  const double x0 = kLeft + label_w - 56;
  std::string out = open_svg(text, height);
  for (int pct = 0; pct <= 100; pct += 25) {
    double x = x0 + (right - x0) * pct / 100.0;
    out += fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"currentColor\" "
                       "stroke-opacity=\"0.15\"/>",
                       num(x), num(kTop - 4), num(height - 24));
    out += text_at(x, height - 8, "middle", fmt::format("{}%", pct));
  }
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    double y = kTop + row * static_cast<double>(i);
    out += text_at(x0 - 8, y + 15, "end", b.label);
    if (!b.value) {
      out += text_at(x0 + 4, y + 15, "start", "no data", " fill-opacity=\"0.6\"");
      continue;
    }
    double w = (right - x0) * std::clamp(*b.value, 0.0, 1.0);
    std::string value = fmt::format("{:.0f}%", *b.value * 100);
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"20\" fill=\"{}\"><title>{}</title></rect>",
                       num(x0), num(y + 2), num(w), safe_color(b.color), xml_escape(b.label + ": " + value));
    out += text_at(x0 + w + 6, y + 16, "start", value);
  }
  return out + "</svg>";
}

std::string lines(const ChartText& text, const std::vector<std::string>& labels, const std::vector<Series>& series) {
  const double height = 280, bottom = height - 60, right = kWidth - kRight;
  double max = 0;
  for (const Series& s : series)
    for (double v : s.values) max = std::max(max, v);
  std::vector<double> ticks = nice_ticks(max, 5, true);
  double hi = ticks.back();
  std::string out = open_svg(text, height) + y_axis(ticks, kTop, bottom, right);
  double step = labels.size() > 1 ? (right - kLeft - 20) / static_cast<double>(labels.size() - 1) : 0;
  auto x_of = [&](size_t i) { return kLeft + 10 + step * static_cast<double>(i); };
  auto y_of = [&](double v) { return bottom - (hi > 0 ? v / hi : 0) * (bottom - kTop); };
  for (size_t i = 0; i < labels.size(); ++i)
    if (show_label(i, labels.size())) out += text_at(x_of(i), bottom + 16, "middle", labels[i]);
  for (const Series& s : series) {
    std::string color = safe_color(s.color), points;
    for (size_t i = 0; i < labels.size() && i < s.values.size(); ++i)
      points += fmt::format("{}{},{}", points.empty() ? "" : " ", num(x_of(i)), num(y_of(s.values[i])));
    out += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>", points, color);
    for (size_t i = 0; i < labels.size() && i < s.values.size(); ++i)
      out += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{}\"><title>{}</title></circle>", num(x_of(i)),
                         num(y_of(s.values[i])), color,
                         xml_escape(fmt::format("{} {}: {}", labels[i], s.name, format_count(s.values[i]))));
  }
  out += hline(kLeft, right, bottom, "");
  out += legend(series, height - 12);
  return out + "</svg>";
}

}  // namespace fb::charts
