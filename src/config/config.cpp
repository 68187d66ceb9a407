#include "config/config.h"

#include <algorithm>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "util/fs.h"
#include "util/text.h"
#include "util/time.h"

namespace fb {
namespace {

SourcePos pos_of(const YAML::Node& n) {
  auto m = n.Mark();
  if (m.is_null()) return {};
  return {m.line + 1, m.column + 1};
}

/// Reads one mapping, reporting unknown keys (with did-you-mean) and handing known ones to `fn`.
struct MapReader {
  const std::string& file;
  Diagnostics& diags;

  template <class Fn>
  void each(const YAML::Node& map, const std::string& where, const std::vector<std::string>& known, Fn fn) {
    if (!map || map.IsNull()) return;
    if (!map.IsMap()) {
      diags.add("FB002", Level::Error, file, pos_of(map), fmt::format("`{}` must be a mapping", where),
                "Write it as `key: value` lines indented under it.");
      return;
    }
    for (auto it = map.begin(); it != map.end(); ++it) {
      std::string key = it->first.as<std::string>("");
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        std::string guess = did_you_mean(key, known);
        diags.add("FB001", Level::Error, file, pos_of(it->first),
                  fmt::format("unknown key `{}` in {}", key, where),
                  guess.empty() ? fmt::format("Allowed keys: {}.", join(known, ", "))
                                : fmt::format("Did you mean `{}`?", guess));
        continue;
      }
      fn(key, it->first, it->second);
    }
  }

  std::string str(const YAML::Node& v, const std::string& key) {
    if (!v.IsScalar()) {
      diags.add("FB002", Level::Error, file, pos_of(v), fmt::format("`{}` must be a string", key));
      return {};
    }
    return v.Scalar();
  }

  bool boolean(const YAML::Node& v, const std::string& key, bool fallback) {
    bool out = fallback;
    if (!v.IsScalar() || !YAML::convert<bool>::decode(v, out)) {
      diags.add("FB002", Level::Error, file, pos_of(v), fmt::format("`{}` must be true or false", key));
      return fallback;
    }
    return out;
  }

  std::optional<int64_t> duration(const YAML::Node& v, const std::string& key) {
    if (v.IsScalar()) {
      if (auto d = parse_duration(v.Scalar())) return d;
    }
    diags.add("FB003", Level::Error, file, pos_of(v),
              fmt::format("`{}`: '{}' is not a duration", key, v.IsScalar() ? v.Scalar() : "?"),
              "Use a number and a unit: 90s, 5m, 2h, 1h30m, 3d, 2w.");
    return std::nullopt;
  }

  std::vector<std::string> strings(const YAML::Node& v, const std::string& key) {
    std::vector<std::string> out;
    if (v.IsScalar()) {
      out.push_back(v.Scalar());
      return out;
    }
    if (!v.IsSequence()) {
      diags.add("FB002", Level::Error, file, pos_of(v), fmt::format("`{}` must be a list of strings", key));
      return out;
    }
    for (const auto& item : v) {
      if (item.IsScalar()) out.push_back(item.Scalar());
      else diags.add("FB002", Level::Error, file, pos_of(item), fmt::format("`{}` items must be strings", key));
    }
    return out;
  }

  int integer(const YAML::Node& v, const std::string& key, int fallback) {
    int out = fallback;
    if (!v.IsScalar() || !YAML::convert<int>::decode(v, out)) {
      diags.add("FB002", Level::Error, file, pos_of(v), fmt::format("`{}` must be a whole number", key));
      return fallback;
    }
    return out;
  }
};

void read_severities(MapReader& r, const YAML::Node& seq, Config& cfg) {
  if (!seq.IsSequence() || seq.size() == 0) {
    r.diags.add("FB002", Level::Error, r.file, pos_of(seq), "`severities` must be a non-empty list",
                "List the levels most severe first, each with at least an `id`.");
    return;
  }
  cfg.severities.clear();
  static const std::vector<std::string> keys = {"id", "label", "aliases", "acknowledge_within",
                                                "resolve_within", "update_every", "pir_required",
                                                "pir_due_within", "color", "description"};
  for (const auto& item : seq) {
    SeverityLevel lvl;
    lvl.rank = static_cast<int>(cfg.severities.size());
    r.each(item, "a severity level", keys, [&](const std::string& k, const YAML::Node&, const YAML::Node& v) {
      if (k == "id") lvl.id = r.str(v, k);
      else if (k == "label") lvl.label = r.str(v, k);
      else if (k == "aliases") lvl.aliases = r.strings(v, k);
      else if (k == "acknowledge_within") lvl.acknowledge_within = r.duration(v, k);
      else if (k == "resolve_within") lvl.resolve_within = r.duration(v, k);
      else if (k == "update_every") lvl.update_every = r.duration(v, k);
      else if (k == "pir_required") lvl.pir_required = r.boolean(v, k, false);
      else if (k == "pir_due_within") lvl.pir_due_within = r.duration(v, k);
      else if (k == "color") lvl.color = r.str(v, k);
    });
    if (lvl.id.empty()) {
      r.diags.add("FB002", Level::Error, r.file, pos_of(item), "a severity level has no `id`",
                  "Give every level an id such as SEV1 or P0.");
      continue;
    }
    if (cfg.find_severity(lvl.id)) {
      r.diags.add("FB002", Level::Error, r.file, pos_of(item),
                  fmt::format("severity `{}` is declared twice (as an id or alias)", lvl.id));
      continue;
    }
    if (lvl.label.empty()) lvl.label = lvl.id;
    cfg.severities.push_back(std::move(lvl));
  }
}

void read_runbook_policy(MapReader& r, const YAML::Node& map, Config& cfg) {
  static const std::vector<std::string> keys = {"review_every", "required_sections"};
  r.each(map, "`runbooks`", keys, [&](const std::string& k, const YAML::Node&, const YAML::Node& v) {
    if (k == "review_every") {
      if (auto d = r.duration(v, k)) cfg.runbooks.review_every = *d;
    } else if (k == "required_sections") {
      cfg.runbooks.required_sections.clear();
      if (!v.IsSequence()) {
        r.diags.add("FB002", Level::Error, r.file, pos_of(v), "`required_sections` must be a list");
        return;
      }
      for (const auto& item : v) {
        RequiredSection sec;
        if (item.IsScalar()) {
          sec.name = item.Scalar();
        } else {
          static const std::vector<std::string> skeys = {"name", "synonyms"};
          r.each(item, "a required section", skeys, [&](const std::string& sk, const YAML::Node&, const YAML::Node& sv) {
            if (sk == "name") sec.name = r.str(sv, sk);
            else sec.synonyms = r.strings(sv, sk);
          });
        }
        if (!sec.name.empty()) cfg.runbooks.required_sections.push_back(std::move(sec));
      }
    }
  });
}

}  // namespace

const SeverityLevel* Config::find_severity(const std::string& text, bool* via_alias) const {
  std::string t = to_lower_ascii(trim(text));
  for (const auto& lvl : severities) {
    if (to_lower_ascii(lvl.id) == t) {
      if (via_alias) *via_alias = false;
      return &lvl;
    }
  }
  for (const auto& lvl : severities) {
    for (const auto& a : lvl.aliases) {
      if (to_lower_ascii(a) == t) {
        if (via_alias) *via_alias = true;
        return &lvl;
      }
    }
  }
  return nullptr;
}

std::vector<std::string> Config::severity_ids() const {
  std::vector<std::string> out;
  for (const auto& l : severities) out.push_back(l.id);
  return out;
}

Level Config::rule_level(const std::string& code, Level fallback) const {
  auto it = rules.find(code);
  return it == rules.end() ? fallback : it->second;
}

Config default_config() {
  Config c;
  auto lvl = [](std::string id, std::string label, std::vector<std::string> aliases, int64_t ack,
                int64_t res, bool pir, int64_t pir_due, std::string color, int rank) {
    SeverityLevel l;
    l.id = std::move(id);
    l.label = std::move(label);
    l.aliases = std::move(aliases);
    l.acknowledge_within = ack;
    l.resolve_within = res;
    l.pir_required = pir;
    if (pir) l.pir_due_within = pir_due;
    l.color = std::move(color);
    l.rank = rank;
    return l;
  };
  c.severities = {
      lvl("SEV1", "Critical", {"P0", "P1", "critical"}, 5 * 60, 3600, true, 5 * 86400, "#b91c1c", 0),
      lvl("SEV2", "High", {"P2", "high", "major"}, 15 * 60, 4 * 3600, true, 10 * 86400, "#c2410c", 1),
      lvl("SEV3", "Medium", {"P3", "medium", "minor"}, 3600, 24 * 3600, false, 0, "#a16207", 2),
      lvl("SEV4", "Low", {"P4", "low"}, 4 * 3600, 7 * 86400, false, 0, "#4d7c0f", 3),
  };
  c.runbooks.required_sections = {
      {"Symptoms", {"Meaning", "Overview", "Alert", "Description"}},
      {"Diagnosis", {"Diagnostic steps", "Investigation", "Triage", "Troubleshooting"}},
      {"Mitigation", {"Resolution", "Remediation", "Fix", "Immediate mitigation"}},
      {"Escalation", {"Escalation path", "Contacts", "Who to call"}},
  };
  c.root_cause_categories = {"capacity", "config-change", "deploy", "dependency", "certificate",
                             "data", "hardware", "network", "software-bug", "security",
                             "human-error", "unknown"};
  return c;
}

bool is_theme_name(std::string_view name) {
  if (name.empty() || name.size() > 128 || name[0] == '.') return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
          c == '-'))
      return false;
  return true;
}

Config parse_config(const std::string& text, const std::string& file, Diagnostics& diags) {
  Config cfg = default_config();
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    diags.add("FB003", Level::Error, file, {e.mark.line + 1, e.mark.column + 1},
              fmt::format("site.yaml is not valid YAML: {}", e.msg),
              "Check indentation and quoting near this place.");
    return cfg;
  }
  if (root.IsNull()) return cfg;
  MapReader r{file, diags};
  static const std::vector<std::string> keys = {
      "title", "description", "base_url", "theme", "output_dir", "repo_url", "edit_path", "language",
      "markdown", "severities", "runbooks", "root_cause_categories", "patterns", "rules", "fields", "git"};
  r.each(root, "site.yaml", keys, [&](const std::string& k, const YAML::Node&, const YAML::Node& v) {
    if (k == "title") cfg.title = r.str(v, k);
    else if (k == "description") cfg.description = r.str(v, k);
    else if (k == "base_url") cfg.base_url = r.str(v, k);
    else if (k == "theme") {
      cfg.theme = r.str(v, k);
      if (!is_theme_name(cfg.theme)) {
        diags.add("FB002", Level::Error, file, pos_of(v),
                  fmt::format("`theme` must be a theme's folder name, not a path: '{}'", cfg.theme),
                  "Name a folder of themes/ in the site (letters, digits, `.`, `_`, `-`), e.g. `theme: default`.");
        cfg.theme = "default";
      }
    }
    else if (k == "output_dir") cfg.output_dir = r.str(v, k);
    else if (k == "repo_url") cfg.repo_url = r.str(v, k);
    else if (k == "edit_path") cfg.edit_path = r.str(v, k);
    else if (k == "language") cfg.language = r.str(v, k);
    else if (k == "markdown") {
      r.each(v, "`markdown`", {"unsafe_html"}, [&](const std::string& mk, const YAML::Node&, const YAML::Node& mv) {
        cfg.unsafe_html = r.boolean(mv, mk, false);
      });
    } else if (k == "severities") read_severities(r, v, cfg);
    else if (k == "runbooks") read_runbook_policy(r, v, cfg);
    else if (k == "root_cause_categories") cfg.root_cause_categories = r.strings(v, k);
    else if (k == "patterns") {
      r.each(v, "`patterns`",
             {"min_occurrences", "window", "similarity_threshold", "min_support", "min_lift", "similar_top_k"},
             [&](const std::string& pk, const YAML::Node&, const YAML::Node& pv) {
               if (pk == "min_occurrences") cfg.patterns.min_occurrences = r.integer(pv, pk, 3);
               else if (pk == "window") { if (auto d = r.duration(pv, pk)) cfg.patterns.window = *d; }
               else if (pk == "min_support") cfg.patterns.min_support = r.integer(pv, pk, 3);
               else if (pk == "similar_top_k") cfg.patterns.similar_top_k = r.integer(pv, pk, 5);
               else if (pk == "min_lift") {
                 double l = 0;
                 if (pv.IsScalar() && YAML::convert<double>::decode(pv, l) && l >= 1)
                   cfg.patterns.min_lift = l;
                 else
                   diags.add("FB002", Level::Error, file, pos_of(pv), "`min_lift` must be a number of at least 1");
               } else {
                 double t = 0;
                 if (pv.IsScalar() && YAML::convert<double>::decode(pv, t) && t > 0 && t <= 1)
                   cfg.patterns.similarity_threshold = t;
                 else
                   diags.add("FB002", Level::Error, file, pos_of(pv), "`similarity_threshold` must be a number in (0, 1]");
               }
             });
    } else if (k == "rules") {
      if (!v.IsMap()) {
        diags.add("FB002", Level::Error, file, pos_of(v), "`rules` must map diagnostic codes to levels",
                  "Example: `rules: {FB305: off, FB220: warning}`.");
        return;
      }
      for (auto it = v.begin(); it != v.end(); ++it) {
        std::string code = it->first.as<std::string>("");
        Level lvl;
        std::string val = it->second.IsScalar() ? it->second.Scalar() : "";
        if (!parse_level(val, lvl)) {
          diags.add("FB002", Level::Error, file, pos_of(it->second),
                    fmt::format("rule `{}`: '{}' is not a level", code, val),
                    "Use one of: error, warning, info, off.");
          continue;
        }
        if (code.size() != 5 || code.rfind("FB", 0) != 0) {
          diags.add("FB002", Level::Error, file, pos_of(it->first),
                    fmt::format("`{}` is not a diagnostic code", code),
                    "Codes look like FB201; see docs/diagnostics.md.");
          continue;
        }
        cfg.rules[code] = lvl;
      }
    } else if (k == "fields") {
      if (!v.IsMap()) {
        diags.add("FB002", Level::Error, file, pos_of(v), "`fields` must map foreign keys to Firebreak keys",
                  "Example: `fields: {start_time: started_at, categories: tags}`.");
        return;
      }
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!it->second.IsScalar()) {
          diags.add("FB002", Level::Error, file, pos_of(it->second), "a field mapping's target must be a key name");
          continue;
        }
        cfg.fields[it->first.as<std::string>("")] = it->second.Scalar();
      }
    } else if (k == "git") {
      r.each(v, "`git`", {"max_commits"}, [&](const std::string& gk, const YAML::Node&, const YAML::Node& gv) {
        cfg.git_max_commits = r.integer(gv, gk, 100000);
      });
    }
  });
  if (cfg.output_dir.empty()) cfg.output_dir = "public";
  return cfg;
}

Config load_config(const std::filesystem::path& site_dir, Diagnostics& diags) {
  auto path = site_dir / "site.yaml";
  std::string err;
  auto text = read_file(path, &err);
  Config cfg;
  if (!text) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      diags.add("FB004", Level::Error, "site.yaml", {},
                fmt::format("no site.yaml in {}", site_dir.string()),
                "Run firebreak in the site's root directory, pass --site DIR, or create site.yaml "
                "(see docs/configuration.md).");
    } else {
      diags.add("FB004", Level::Error, "site.yaml", {}, fmt::format("cannot read site.yaml: {}", err));
    }
    cfg = default_config();
  } else {
    cfg = parse_config(*text, "site.yaml", diags);
  }
  cfg.site_dir = site_dir;
  return cfg;
}

}  // namespace fb
