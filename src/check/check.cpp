#include "check/check.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "check/rules.h"
#include "util/parallel.h"

namespace fb {
namespace {

/// A fact most documents of a kind may lack: reported once for the site when every document lacks
/// it (a repository that has no owners at all needs one message, not hundreds), else per file.
struct MissingFact {
  const char* code;
  Level level;
  const char* key;
  const char* kind;       ///< "runbooks" / "post-incident reviews"
  const char* message;    ///< per-file message
  const char* hint;
};

void report_missing(const MissingFact& fact, const std::vector<const Document*>& lacking, size_t total,
                    Diagnostics& diags) {
  if (lacking.empty()) return;
  if (total >= 2 && lacking.size() == total) {
    diags.add(fact.code, fact.level, "site.yaml", {},
              fmt::format("none of the {} {} has `{}`", total, fact.kind, fact.key),
              fmt::format("{} Or silence it for this site with `rules: {{{}: off}}`.", fact.hint, fact.code));
    return;
  }
  for (const Document* d : lacking) diags.add(fact.code, fact.level, d->path, d->fm.key(fact.key), fact.message, fact.hint);
}

const MissingFact kOwner{"FB302", Level::Warning, "owner", "runbooks", "runbook has no `owner`",
                         "Add `owner:` with the owning team."};
const MissingFact kService{"FB303", Level::Warning, "service", "runbooks", "runbook has no `service`",
                           "Add `service:`, or put the runbook in a folder named after the service (content/runbooks/<service>/)."};
const MissingFact kReviewed{"FB305", Level::Info, "last_reviewed", "runbooks", "runbook has no `last_reviewed` date",
                            "Add `last_reviewed: YYYY-MM-DD` after the next review."};
const MissingFact kSeverity{"FB238", Level::Warning, "severity", "post-incident reviews",
                            "PIR has no `severity`, so no SLA target or PIR policy applies",
                            "Add `severity:` with an id from site.yaml `severities`."};

}  // namespace

Diagnostics check_site(const Config& config, const std::vector<Document>& docs, const SiteModel& model, int64_t now,
                       const SchemaSet& schemas) {
  const size_t nr = model.runbooks.size(), np = model.postmortems.size();
  std::vector<Diagnostics> per(nr + np);
  std::vector<rules::Missing> missing(nr + np);
  parallel_for(nr + np, [&](size_t i) {
    if (i < nr) {
      const Runbook& rb = model.runbooks[i];
      validate_front_matter(schemas, *rb.doc, per[i]);
      rules::runbook_rules(config, rb, now, per[i], missing[i]);
    } else {
      const Postmortem& pm = model.postmortems[i - nr];
      validate_front_matter(schemas, *pm.doc, per[i]);
      rules::postmortem_times(config, pm, now, per[i]);
      rules::postmortem_policy(config, pm, now, per[i], missing[i]);
    }
  });
  Diagnostics out;
  for (const auto& d : per) out.merge(d);

  std::vector<const Document*> no_owner, no_service, no_review, no_severity;
  for (size_t i = 0; i < nr; ++i) {
    if (missing[i].owner) no_owner.push_back(model.runbooks[i].doc);
    if (missing[i].service) no_service.push_back(model.runbooks[i].doc);
    if (missing[i].last_reviewed) no_review.push_back(model.runbooks[i].doc);
  }
  for (size_t i = 0; i < np; ++i)
    if (missing[nr + i].severity) no_severity.push_back(model.postmortems[i].doc);
  report_missing(kOwner, no_owner, nr, out);
  report_missing(kService, no_service, nr, out);
  report_missing(kReviewed, no_review, nr, out);
  report_missing(kSeverity, no_severity, np, out);

  rules::site_references(docs, model, out);
  rules::links(config, docs, out);
  rules::escalation(config, model, out);
  out.sort();
  return out;
}

Diagnostics check_site(const Config& config, const std::vector<Document>& docs, const SiteModel& model, int64_t now,
                       const std::filesystem::path& dir) {
  SchemaSet schemas;
  Diagnostics diags;
  if (!schemas.load(dir, diags)) return diags;
  return check_site(config, docs, model, now, schemas);
}

void finalize_diagnostics(const Config& config, const std::vector<Document>& docs, Diagnostics& diags) {
  std::unordered_map<std::string, std::unordered_set<std::string>> ignored;
  for (const Document& d : docs) {
    auto codes = d.fm.strings("firebreak-ignore");
    if (!codes.empty()) ignored[d.path].insert(codes.begin(), codes.end());
  }
  // Lines where a specific rule (FB2xx-FB4xx) already explains the problem.
  std::set<std::pair<std::string, int>> specific;
  for (const auto& d : diags.items)
    if (d.line > 0 && d.code.size() == 5 && d.code[2] >= '2' && d.code[2] <= '4') specific.emplace(d.file, d.line);

  std::vector<Diagnostic> kept;
  kept.reserve(diags.items.size());
  for (auto& d : diags.items) {
    bool fixed_level = d.code.rfind("FB0", 0) == 0 || d.code.rfind("FB5", 0) == 0;
    if (!fixed_level) {
      d.level = config.rule_level(d.code, d.level);
      if (auto it = ignored.find(d.file); it != ignored.end() && it->second.count(d.code)) continue;
    }
    if (d.level == Level::Off) continue;
    if ((d.code == "FB105" || d.code == "FB106") && specific.count({d.file, d.line})) continue;
    kept.push_back(std::move(d));
  }
  diags.items = std::move(kept);
  diags.sort();
}

}  // namespace fb
