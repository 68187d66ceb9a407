// CI reporters: GitHub workflow commands, JSON and JUnit XML.
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "check/report.h"
#include "util/text.h"

namespace fb {
namespace {

std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

const char* github_command(Level l) {
  return l == Level::Error ? "error" : l == Level::Warning ? "warning" : "notice";
}

}  // namespace

std::string report_github(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.items) {
    if (d.level == Level::Off) continue;
    std::string props = "file=" + escape_property(d.file);
    if (d.line > 0) props += fmt::format(",line={},col={}", d.line, d.col > 0 ? d.col : 1);
    props += ",title=" + escape_property(d.code);
    std::string text = d.message;
    if (!d.hint.empty()) text += "\nhint: " + d.hint;
    out += fmt::format("::{} {}::{}\n", github_command(d.level), props, escape_data(text));
  }
  out += summary_line(diags) + "\n";
  return out;
}

std::string report_json(const Diagnostics& diags) {
  using ojson = nlohmann::ordered_json;
  ojson list = ojson::array();
  for (const auto& d : diags.items) {
    if (d.level == Level::Off) continue;
    list.push_back(ojson{{"code", d.code}, {"level", level_name(d.level)}, {"file", d.file}, {"line", d.line},
                         {"column", d.col}, {"message", d.message}, {"hint", d.hint}});
  }
  ojson doc{{"diagnostics", std::move(list)},
            {"summary",
             {{"errors", diags.count(Level::Error)}, {"warnings", diags.count(Level::Warning)}, {"infos", diags.count(Level::Info)}}}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string report_junit(const Diagnostics& diags, const std::vector<std::string>& files) {
  struct PerFile {
    std::vector<const Diagnostic*> errors, others;
  };
  std::map<std::string, PerFile> by_file;
  for (const auto& f : files) by_file[f];
  for (const auto& d : diags.items) {
    if (d.level == Level::Off) continue;
    auto& pf = by_file[d.file];
    (d.level == Level::Error ? pf.errors : pf.others).push_back(&d);
  }
  size_t failures = 0;
  for (const auto& [f, pf] : by_file) failures += pf.errors.empty() ? 0 : 1;
  auto line_of = [](const Diagnostic& d) {
    std::string s = format_diagnostic(d);
    if (!d.hint.empty()) s += "\n    hint: " + d.hint;
    return s + "\n";
  };
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"firebreak check\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n", by_file.size(), failures);
  out += fmt::format("  <testsuite name=\"firebreak check\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
                     by_file.size(), failures);
  for (const auto& [file, pf] : by_file) {
    std::string dir = file.find('/') == std::string::npos ? "site" : file.substr(0, file.rfind('/'));
    for (char& c : dir)
      if (c == '/') c = '.';
    out += fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\"", xml_escape(dir), xml_escape(file), xml_escape(file));
    if (pf.errors.empty() && pf.others.empty()) {
      out += "/>\n";
      continue;
    }
    out += ">\n";
    if (!pf.errors.empty()) {
      std::string body;
      for (const auto* d : pf.errors) body += line_of(*d);
      const Diagnostic& first = *pf.errors.front();
      out += fmt::format("      <failure type=\"{}\" message=\"{}\">{}</failure>\n", xml_escape(first.code),
                         xml_escape(pf.errors.size() == 1 ? first.message
                                                          : fmt::format("{} errors, first: {}", pf.errors.size(), first.message)),
                         xml_escape(body));
    }
    if (!pf.others.empty()) {
      std::string body;
      for (const auto* d : pf.others) body += line_of(*d);
      out += fmt::format("      <system-out>{}</system-out>\n", xml_escape(body));
    }
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace fb
