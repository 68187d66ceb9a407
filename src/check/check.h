#pragma once
/// `firebreak check`: JSON Schema validation of front matter plus the content rules (severity, times,
/// SLA, PIR completeness, action items, runbooks, references, links, duplicates). Every problem is a
/// Diagnostic with a stable code documented in docs/diagnostics.md.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "schema/json_schema.h"
#include "config/config.h"
#include "content/document.h"
#include "model/alert_coverage.h"
#include "model/model.h"
#include "util/diagnostic.h"

namespace fb {

/// The directory holding runbook.schema.json and postmortem.schema.json for a site:
/// <site>/schema when it has them, else the bundled FIREBREAK_SOURCE_DIR/schema.
std::filesystem::path schema_dir(const std::filesystem::path& site_dir);

/// The front-matter schemas, loaded and compiled once per run and shared by all threads.
struct SchemaSet {
  JsonSchema runbook;
  JsonSchema postmortem;
  /// Loads and compiles both schemas from `dir`. Returns false and adds FB100 to `diags` when a file
  /// is missing, is not JSON or is not a valid schema.
  bool load(const std::filesystem::path& dir, Diagnostics& diags);
  /// The schema for a document kind.
  const JsonSchema& for_kind(DocKind kind) const { return kind == DocKind::Runbook ? runbook : postmortem; }
};

/// Validates one document's front matter: errors at the YAML key's own line:column (FB101 missing key,
/// FB102 unknown key with did-you-mean (warning), FB103 wrong type, FB104 value not allowed,
/// FB105 bad format, FB106 constraint, FB107 no alternative matched).
void validate_front_matter(const SchemaSet& schemas, const Document& doc, Diagnostics& diags);

/// Checks the whole site: schema validation and per-document rules in parallel, then the
/// cross-document rules (duplicate ids/slugs/incident ids/action-item ids, alerts claimed twice,
/// unknown runbook references, links to missing pages or anchors) with hash maps, and site.yaml's
/// escalation policies (FB250-FB256). `now` is the
/// injected clock. Rule levels from `config.rules` and per-file `firebreak-ignore` are NOT applied
/// here; call finalize_diagnostics() on everything the run collected.
Diagnostics check_site(const Config& config, const std::vector<Document>& docs, const SiteModel& model,
                       int64_t now, const SchemaSet& schemas);

/// Same, loading the schemas from `schema_dir` first (FB100 when they cannot be loaded).
Diagnostics check_site(const Config& config, const std::vector<Document>& docs, const SiteModel& model,
                       int64_t now, const std::filesystem::path& schema_dir);

/// Alert-rule coverage (only when rules were given): FB310 an alert no runbook claims (once per alert
/// name, at its first rule), FB311 a runbook's `alerts:` entry no rule defines, FB312 a runbook_url that
/// points elsewhere than the claiming runbook, FB313 a severity label that is no site severity. All
/// warnings, at the rule's file:line:col (FB311 at the runbook's `alerts` key).
Diagnostics check_alert_coverage(const Config& config, const AlertCoverage& coverage);

/// Applies, to every diagnostic of a run (config, parse, model, check, render): the level overrides of
/// site.yaml `rules:` (level `off` removes it; FB0xx and FB5xx cannot be changed), each file's
/// `firebreak-ignore: [CODE, ...]`, and drops a schema format/constraint diagnostic (FB105/FB106) when a more
/// specific rule reported on the same line of the same file (e.g. FB210 for an unparseable time).
/// Sorts the result.
void finalize_diagnostics(const Config& config, const std::vector<Document>& docs, Diagnostics& diags);

}  // namespace fb
