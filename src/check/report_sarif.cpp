// SARIF 2.1.0 reporter (OASIS Static Analysis Results Interchange Format), for code-scanning uploads.
#include <map>

#include <nlohmann/json.hpp>

#include "check/codes.h"
#include "check/report.h"

namespace fb {
namespace {
using ojson = nlohmann::ordered_json;

const char* sarif_level(Level l) { return l == Level::Error ? "error" : l == Level::Warning ? "warning" : "note"; }

ojson rule_json(const std::string& code, const CodeInfo* info) {
  ojson r{{"id", code}};
  if (!info) return r;
  r["name"] = info->name;
  r["shortDescription"] = {{"text", info->summary}};
  r["fullDescription"] = {{"text", std::string(info->summary) + " " + info->help}};
  r["help"] = {{"text", std::string(info->help) + " See docs/diagnostics.md#" + code + "."},
               {"markdown", std::string(info->help) + " See [docs/diagnostics.md](docs/diagnostics.md#" + code + ")."}};
  r["defaultConfiguration"] = {{"level", sarif_level(info->level)}};
  return r;
}
}  // namespace

std::string report_sarif(const Diagnostics& diags, const std::string& version) {
  // Rules: every registered code, plus codes from other modules that are not registered yet.
  std::map<std::string, const CodeInfo*> rules;
  for (const auto& c : all_codes()) rules.emplace(c.code, &c);
  for (const auto& d : diags.items) rules.emplace(d.code, find_code(d.code));
  std::map<std::string, size_t> index;
  ojson rule_list = ojson::array();
  for (const auto& [code, info] : rules) {
    index[code] = rule_list.size();
    rule_list.push_back(rule_json(code, info));
  }
  ojson results = ojson::array();
  for (const auto& d : diags.items) {
    if (d.level == Level::Off) continue;
    ojson phys{{"artifactLocation", {{"uri", d.file}, {"uriBaseId", "%SRCROOT%"}}}};
    if (d.line > 0) phys["region"] = {{"startLine", d.line}, {"startColumn", d.col > 0 ? d.col : 1}};
    std::string text = d.message;
    if (!d.hint.empty()) text += "\nhint: " + d.hint;
    results.push_back(ojson{{"ruleId", d.code},
                            {"ruleIndex", index[d.code]},
                            {"level", sarif_level(d.level)},
                            {"message", {{"text", text}}},
                            {"locations", ojson::array({ojson{{"physicalLocation", phys}}})}});
  }
  ojson run{{"tool",
             {{"driver",
               {{"name", "firebreak"},
                {"version", version},
                {"rules", std::move(rule_list)}}}}},
            {"columnKind", "unicodeCodePoints"},
            {"results", std::move(results)}};
  ojson log{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
            {"version", "2.1.0"},
            {"runs", ojson::array({std::move(run)})}};
  return log.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace fb
