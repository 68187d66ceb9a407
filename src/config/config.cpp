#include "config/config.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>
#include <yaml-cpp/depthguard.h>

#include "config/config_read.h"
#include "config/site_schema.h"
#include "util/fs.h"
#include "util/text.h"

namespace fb {
namespace {

using namespace config_read;

void read_severities(const YAML::Node& seq, Config& cfg, const std::string& file, Diagnostics& diags) {
  if (!seq.IsSequence() || seq.size() == 0) return;
  cfg.severities.clear();
  for (const auto& item : seq) {
    SeverityLevel lvl;
    lvl.rank = static_cast<int>(cfg.severities.size());
    each(item, [&](const std::string& k, const YAML::Node&, const YAML::Node& v) {
      if (k == "id") read_str(v, lvl.id);
      else if (k == "label") read_str(v, lvl.label);
      else if (k == "aliases") lvl.aliases = read_strings(v);
      else if (k == "acknowledge_within") lvl.acknowledge_within = read_duration(v, file, diags, k);
      else if (k == "resolve_within") lvl.resolve_within = read_duration(v, file, diags, k);
      else if (k == "update_every") lvl.update_every = read_duration(v, file, diags, k);
      else if (k == "pir_required") read_bool(v, lvl.pir_required);
      else if (k == "pir_due_within") lvl.pir_due_within = read_duration(v, file, diags, k);
      else if (k == "color") read_str(v, lvl.color);
    });
    if (lvl.id.empty()) continue;  // the schema requires an id
    // What a schema cannot say: an id or alias that another level (or this one) already names.
    std::vector<std::string> names = lvl.aliases;
    names.insert(names.begin(), lvl.id);
    bool clash = false;
    for (size_t i = 0; i < names.size() && !clash; ++i) {
      const SeverityLevel* other = cfg.find_severity(names[i]);
      bool twice_here = false;
      for (size_t j = 0; j < i; ++j) twice_here |= to_lower_ascii(names[j]) == to_lower_ascii(names[i]);
      if (other || twice_here) {
        diags.add("FB002", Level::Error, file, pos_of(item),
                  other ? fmt::format("severity `{}` is declared twice (as an id or alias): `{}` already names it",
                                      names[i], other->id)
                        : fmt::format("severity `{}` is declared twice (as an id or alias) in level `{}`", names[i], lvl.id),
                  "Give every level its own id and aliases: a severity written in front matter must name one level.");
        clash = other != nullptr && i == 0;
      }
    }
    if (clash) continue;
    if (lvl.label.empty()) lvl.label = lvl.id;
    cfg.severities.push_back(std::move(lvl));
  }
}

void read_runbook_policy(const YAML::Node& map, Config& cfg, const std::string& file, Diagnostics& diags) {
  each(map, [&](const std::string& k, const YAML::Node&, const YAML::Node& v) {
    if (k == "review_every") {
      if (auto d = read_duration(v, file, diags, k)) cfg.runbooks.review_every = *d;
    } else if (k == "required_sections" && v.IsSequence()) {
      cfg.runbooks.required_sections.clear();
      for (const auto& item : v) {
        RequiredSection sec;
        if (auto name = str(item)) {
          sec.name = *name;
        } else {
          each(item, [&](const std::string& sk, const YAML::Node&, const YAML::Node& sv) {
            if (sk == "name") read_str(sv, sec.name);
            else if (sk == "synonyms") sec.synonyms = read_strings(sv);
          });
        }
        if (!sec.name.empty()) cfg.runbooks.required_sections.push_back(std::move(sec));
      }
    }
  });
}

void read_patterns(const YAML::Node& map, Config& cfg, const std::string& file, Diagnostics& diags) {
  each(map, [&](const std::string& k, const YAML::Node&, const YAML::Node& v) {
    if (k == "min_occurrences") read_int(v, cfg.patterns.min_occurrences, 1);
    else if (k == "window") { if (auto d = read_duration(v, file, diags, k)) cfg.patterns.window = *d; }
    else if (k == "min_support") read_int(v, cfg.patterns.min_support, 1);
    else if (k == "similar_top_k") read_int(v, cfg.patterns.similar_top_k, 1);
    else if (k == "min_lift") read_number(v, cfg.patterns.min_lift, 1, 1e300, false);
    else if (k == "similarity_threshold") read_number(v, cfg.patterns.similarity_threshold, 0, 1, true);
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

const Team* Config::find_team(const std::string& id) const {
  auto it = std::find_if(teams.begin(), teams.end(), [&](const Team& t) { return t.id == id; });
  return it == teams.end() ? nullptr : &*it;
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
  } catch (const YAML::DeepRecursion& e) {
    diags.add("FB003", Level::Error, file, {e.mark.line + 1, e.mark.column + 1},
              "site.yaml nests lists or mappings too deeply here to be read (hundreds of levels; a site.yaml "
              "needs a few)",
              "Look for `[` or `{` that are never closed, or indentation that keeps growing, before this place.");
    return cfg;
  } catch (const YAML::Exception& e) {
    diags.add("FB003", Level::Error, file, {e.mark.line + 1, e.mark.column + 1},
              fmt::format("site.yaml is not valid YAML: {}", e.msg),
              "Check indentation and quoting near this place.");
    return cfg;
  }
  validate_site_yaml(root, file, diags);  // everything the schema says, once
  std::optional<YAML::Node> escalation_key, escalation;  // read last: it names severities and teams
  each(root, [&](const std::string& k, const YAML::Node& kn, const YAML::Node& v) {
    if (k == "title") read_str(v, cfg.title);
    else if (k == "description") read_str(v, cfg.description);
    else if (k == "base_url") read_str(v, cfg.base_url);
    else if (k == "theme") {
      if (auto t = str(v); t && is_theme_name(*t)) cfg.theme = *t;  // the schema's pattern says the same
      cfg.theme_at = pos_of(v);
    }
    else if (k == "output_dir") {
      read_str(v, cfg.output_dir);
      cfg.output_dir_at = pos_of(v);
    }
    else if (k == "repo_url") read_str(v, cfg.repo_url);
    else if (k == "edit_path") read_str(v, cfg.edit_path);
    else if (k == "language") read_str(v, cfg.language);
    else if (k == "markdown") {
      each(v, [&](const std::string& mk, const YAML::Node&, const YAML::Node& mv) {
        if (mk == "unsafe_html") read_bool(mv, cfg.unsafe_html);
      });
    } else if (k == "severities") read_severities(v, cfg, file, diags);
    else if (k == "runbooks") read_runbook_policy(v, cfg, file, diags);
    else if (k == "root_cause_categories") { if (v.IsSequence()) cfg.root_cause_categories = read_strings(v); }
    else if (k == "patterns") read_patterns(v, cfg, file, diags);
    else if (k == "rules") {
      each(v, [&](const std::string& code, const YAML::Node&, const YAML::Node& lv) {
        Level lvl;
        auto val = str(lv);
        if (val && parse_level(*val, lvl)) cfg.rules[code] = lvl;
      });
    } else if (k == "fields") {
      each(v, [&](const std::string& from, const YAML::Node&, const YAML::Node& to) {
        if (auto t = str(to); t && !t->empty()) cfg.fields[from] = *t;
      });
    } else if (k == "teams") cfg.teams = read_teams(v, file, diags);
    else if (k == "escalation") {
      escalation_key.emplace(kn);
      escalation.emplace(v);
    } else if (k == "alert_rules") {
      cfg.alert_rules = read_strings(v);
    } else if (k == "git") {
      each(v, [&](const std::string& gk, const YAML::Node&, const YAML::Node& gv) {
        if (gk == "max_commits") read_int(gv, cfg.git_max_commits, 1);
      });
    }
  });
  if (escalation_key) cfg.escalation = read_escalation(*escalation_key, *escalation, cfg, file, diags);
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
