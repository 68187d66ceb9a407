// Front-matter validation against the JSON Schemas, reported at the YAML key's own line:column.
#include <fmt/format.h>

#include "check/check.h"
#include "schema/json_schema_check.h"
#include "check/yaml_view.h"
#include "check/yaml_json.h"
#include "schema/yaml_scalar.h"
#include "util/fs.h"
#include "util/text.h"

namespace fb {
namespace fs = std::filesystem;

fs::path schema_dir(const fs::path& site_dir) {
  std::error_code ec;
  fs::path local = site_dir / "schema";
  if (fs::is_regular_file(local / "runbook.schema.json", ec) && fs::is_regular_file(local / "postmortem.schema.json", ec))
    return local;
  return fs::path(FIREBREAK_SOURCE_DIR) / "schema";
}

bool SchemaSet::load(const fs::path& dir, Diagnostics& diags) {
  bool ok = true;
  auto one = [&](const char* name, JsonSchema& out) {
    fs::path p = dir / name;
    std::string err;
    auto text = read_file(p, &err);
    if (!text) {
      diags.add("FB100", Level::Error, p.string(), {}, fmt::format("cannot read the schema: {}", err),
                "Reinstall Firebreak, or add the file to the site's schema/ directory.");
      ok = false;
      return;
    }
    nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded()) {
      diags.add("FB100", Level::Error, p.string(), {}, "the schema is not valid JSON", "Fix the JSON syntax.");
      ok = false;
      return;
    }
    if (!out.compile(j, err)) {
      diags.add("FB100", Level::Error, p.string(), {}, fmt::format("the schema is not usable: {}", err));
      ok = false;
    }
  };
  one("runbook.schema.json", runbook);
  one("postmortem.schema.json", postmortem);
  return ok;
}

namespace {

const char* code_for(const std::string& keyword) {
  if (keyword == "required") return "FB101";
  if (keyword == "additionalProperties") return "FB102";
  if (keyword == "type") return "FB103";
  if (keyword == "enum" || keyword == "const") return "FB104";
  if (keyword == "format") return "FB105";
  if (keyword == "anyOf" || keyword == "oneOf" || keyword == "not") return "FB107";
  return "FB106";
}

std::string hint_for(const SchemaError& e, const std::string& code) {
  if (code == "FB102") {
    std::string guess = did_you_mean(e.property, e.allowed);
    if (!guess.empty()) return fmt::format("Did you mean `{}`?", guess);
    return fmt::format("Known keys: {}. Map a foreign key with site.yaml `fields:`, or prefix an extension key with `x-`.",
                       join(e.allowed, ", "));
  }
  if (code == "FB104") {
    std::string guess = did_you_mean(e.property, e.allowed);
    return guess.empty() ? fmt::format("Allowed: {}.", join(e.allowed, ", ")) : fmt::format("Did you mean `{}`?", guess);
  }
  if (code == "FB101") return fmt::format("Add `{}:`.", e.property);
  if (code == "FB105") return "Write dates as YYYY-MM-DD and times as RFC 3339 with a zone (2026-03-04T13:52:00Z).";
  return {};
}

}  // namespace

void validate_front_matter(const SchemaSet& schemas, const Document& doc, Diagnostics& diags) {
  static const nlohmann::json empty = nlohmann::json::object();
  std::vector<SchemaError> errors;
  const JsonSchema& schema = schemas.for_kind(doc.kind);
  bool valid = doc.fm.root.IsMap() ? schema.validate_view(YamlView(doc.fm.root), &errors) : schema.validate(empty, &errors);
  if (valid) return;
  for (const auto& e : errors) {
    std::string code = code_for(e.keyword);
    Level level = code == "FB102" ? Level::Warning : Level::Error;
    std::string where = display_path(doc.fm, e.path);
    std::string message;
    if (code == "FB102") {
      std::vector<std::string> parent(e.path.begin(), e.path.end() - (e.path.empty() ? 0 : 1));
      message = parent.empty() ? fmt::format("unknown key `{}`", where)
                               : fmt::format("unknown key `{}` in `{}`", e.property, display_path(doc.fm, parent));
    } else {
      message = where.empty() ? e.message : fmt::format("`{}`: {}", where, e.message);
    }
    std::string hint = hint_for(e, code);
    if (code == "FB103" && e.message.starts_with("must be true or false")) {
      YamlNode v = value_at(doc.fm, e.path);
      if (v.IsScalar())
        if (std::string h = yaml11_boolean_hint(v.Tag(), v.Scalar()); !h.empty()) hint = std::move(h);
    }
    diags.add(code, level, doc.path, locate(doc.fm, e.path), std::move(message), std::move(hint));
  }
}

}  // namespace fb
