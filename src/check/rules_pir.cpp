// PIR completeness by severity policy (FB230-FB237) and action-item dates (FB240, FB241).
#include <algorithm>

#include <fmt/format.h>

#include "check/rules.h"
#include "util/text.h"
#include "util/time.h"

namespace fb::rules {
namespace {

constexpr int64_t kDay = 86400;

/// Position of `root_cause.<child>`, else of `root_cause`, else the front matter's start.
SourcePos root_cause_pos(const FrontMatter& fm, const char* child) {
  YamlNode rc = fm.get("root_cause");
  if (rc.IsDefined() && rc.IsMap()) {
    const YamlNode& c = rc;
    YamlNode v = c[child];
    if (v.IsDefined()) {
      SourcePos p = fm.pos(v);
      if (p.line) return p;
    }
  }
  return fm.key("root_cause");
}

bool item_has_key(const FrontMatter& fm, size_t index, const char* key) {
  YamlNode items = fm.get("action_items");
  if (!items.IsDefined() || !items.IsSequence()) return false;
  size_t i = 0;
  for (auto it = items.begin(); it != items.end(); ++it, ++i) {
    if (i != index) continue;
    if (!it->IsMap()) return false;
    for (auto kv = it->begin(); kv != it->end(); ++kv)
      if (kv->first.IsScalar() && kv->first.Scalar() == key) return !kv->second.IsNull();
    return false;
  }
  return false;
}

std::string item_name(const ActionItem& a, size_t index) {
  if (!a.id.empty()) return fmt::format("action item {}", a.id);
  return fmt::format("action item {} ('{}')", index + 1, a.title);
}

void completeness(const Config& config, const Postmortem& pm, Diagnostics& diags) {
  const Document& doc = *pm.doc;
  const std::string sev = pm.severity.id();
  const char* why = "required for a published PIR of this severity (pir_required in site.yaml)";
  if (pm.root_cause_category.empty())
    diags.add("FB230", Level::Error, doc.path, doc.fm.key("root_cause"),
              fmt::format("{} PIR has no root-cause category; it is {}", sev, why),
              fmt::format("Add `root_cause: {{category: ..., summary: ...}}` with a category from: {}.",
                          join(config.root_cause_categories, ", ")));
  if (pm.root_cause_summary.empty())
    diags.add("FB232", Level::Error, doc.path, root_cause_pos(doc.fm, "summary"),
              fmt::format("{} PIR has no root-cause summary; it is {}", sev, why),
              "Add `summary:` under `root_cause`: one paragraph on what broke and why.");
  if (pm.action_items.empty()) {
    diags.add("FB233", Level::Error, doc.path, doc.fm.key("action_items"),
              fmt::format("{} PIR has no action items; they are {}", sev, why),
              "Add `action_items:`, each with id, title, owner and due date.");
    return;
  }
  for (size_t i = 0; i < pm.action_items.size(); ++i) {
    const ActionItem& a = pm.action_items[i];
    if (a.owner.empty())
      diags.add("FB234", Level::Error, doc.path, a.pos, fmt::format("{} has no owner", item_name(a, i)),
                "Add `owner:` (a person or team accountable for it).");
    if (!a.due && !item_has_key(doc.fm, i, "due"))
      diags.add("FB235", Level::Error, doc.path, a.pos, fmt::format("{} has no due date", item_name(a, i)),
                "Add `due: YYYY-MM-DD`.");
  }
}

}  // namespace

void postmortem_policy(const Config& config, const Postmortem& pm, int64_t now, Diagnostics& diags, Missing& missing) {
  const Document& doc = *pm.doc;
  const SeverityLevel* level = pm.severity.level;
  missing.severity = pm.severity.written.empty();

  if (!pm.root_cause_category.empty()) {
    std::string lc = to_lower_ascii(pm.root_cause_category);
    bool known = std::any_of(config.root_cause_categories.begin(), config.root_cause_categories.end(),
                             [&](const std::string& c) { return to_lower_ascii(c) == lc; });
    if (!known) {
      std::string guess = did_you_mean(pm.root_cause_category, config.root_cause_categories);
      diags.add("FB231", Level::Error, doc.path, root_cause_pos(doc.fm, "category"),
                fmt::format("root-cause category `{}` is not in site.yaml's root_cause_categories", pm.root_cause_category),
                guess.empty() ? fmt::format("Allowed: {}.", join(config.root_cause_categories, ", "))
                              : fmt::format("Did you mean `{}`?", guess));
    }
  }

  if (level && level->pir_required && pm.status == "published") completeness(config, pm, diags);

  if (level && level->pir_required && level->pir_due_within && pm.resolved) {
    int64_t due = pm.resolved->epoch + *level->pir_due_within;
    if (pm.published && pm.published->epoch > due)
      diags.add("FB236", Level::Warning, doc.path, doc.fm.key("published_at"),
                fmt::format("PIR published {} after resolution; {} reviews are due within {}",
                            format_duration(pm.published->epoch - pm.resolved->epoch), level->id,
                            format_duration(*level->pir_due_within)),
                "A fact for the review process; publish reviews within pir_due_within.");
    if (pm.status != "published" && now > due)
      diags.add("FB237", Level::Warning, doc.path, doc.fm.key("status"),
                fmt::format("{} PIR is still `{}` {} after resolution; it was due on {}", level->id, pm.status,
                            format_duration(now - pm.resolved->epoch), format_date(due)),
                "Finish the review and set `status: published` and `published_at`.");
  }

  auto occurred = pm.occurred_at();
  for (size_t i = 0; i < pm.action_items.size(); ++i) {
    const ActionItem& a = pm.action_items[i];
    if (a.overdue(now))
      diags.add("FB240", Level::Warning, doc.path, a.pos,
                fmt::format("{} was due on {} and is still {}", item_name(a, i), format_date(*a.due), a.status),
                "Finish it, move `due`, or set `status: wont-do` with a reason.");
    if (a.due && occurred && *a.due + kDay <= *occurred)
      diags.add("FB241", Level::Error, doc.path, a.pos,
                fmt::format("{} is due on {}, before the incident ({})", item_name(a, i), format_date(*a.due),
                            format_date(*occurred)),
                "Fix the due date; a wrong year is the usual cause.");
    if (a.completed_at && *a.completed_at > now)
      diags.add("FB213", Level::Error, doc.path, a.pos,
                fmt::format("{} was completed on {}, which is in the future", item_name(a, i), format_date(*a.completed_at)),
                "Fix completed_at.");
  }
}

}  // namespace fb::rules
