#pragma once
/// Server-side SVG charts for the metrics page: stacked bars, box plots, percentage bars and lines.
/// Each chart is a self-contained inline <svg role="img"> with <title> and <desc> (referenced by
/// aria-labelledby), scales to its container (viewBox, width 100%), uses currentColor for text and
/// axes so it follows the page's light/dark colours, and escapes every text it contains. The page
/// shows each chart's data as a table next to it (the text alternative).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lessons/metrics.h"

namespace fb::charts {

/// What every chart needs: a unique element id (prefix of the title/desc ids), a title and a one-
/// sentence description for assistive technology.
struct ChartText {
  std::string id;     ///< element id prefix (slugified): `<id>-title`, `<id>-desc`
  std::string title;  ///< short name of the chart (<title>)
  std::string desc;   ///< what it shows, for screen readers (<desc>)
};

/// One named series of values with a fill/stroke colour.
struct Series {
  std::string name;           ///< legend text
  std::string color;           ///< CSS colour; anything but #hex or a plain colour name is replaced (safe_color)
  std::vector<double> values;  ///< one per label
};

/// Stacked vertical bars: one bar per label, the series stacked bottom-up in order, a legend.
std::string stacked_bars(const ChartText& text, const std::vector<std::string>& labels, const std::vector<Series>& series);

/// One box of a box plot.
struct Box {
  std::string label;                  ///< x-axis label
  std::string color;                  ///< box fill (safe_color)
  Distribution dist;                  ///< min, q1, median, q3, max (seconds); n == 0 draws nothing
  std::optional<double> target;       ///< drawn as a dashed line across the box's slot (seconds)
};

/// Box plots of durations on a logarithmic time axis (whiskers min..max, box q1..q3, median line).
std::string box_plots(const ChartText& text, const std::vector<Box>& boxes);

/// One horizontal bar of a percentage chart.
struct Bar {
  std::string label;            ///< row label
  std::string color;            ///< bar fill (safe_color)
  std::optional<double> value;  ///< 0..1; nullopt draws "no data"
};

/// Horizontal bars from 0 to 100 %.
std::string percent_bars(const ChartText& text, const std::vector<Bar>& bars);

/// Lines over labelled points (e.g. months), a legend, y axis from 0.
std::string lines(const ChartText& text, const std::vector<std::string>& labels, const std::vector<Series>& series);

/// `color` when it is `#` followed by 3, 4, 6 or 8 hex digits, or 1-20 ASCII letters; else `fallback`.
std::string safe_color(std::string_view color, std::string_view fallback = "#6b7280");

/// "Nice" axis ticks covering [0, max]: about `count` steps of 1, 2 or 5 × 10^k (whole steps when
/// `whole`, for counts).
std::vector<double> nice_ticks(double max, int count = 5, bool whole = false);

}  // namespace fb::charts
