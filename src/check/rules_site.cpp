// Cross-document rules, each one pass over the site with a hash map: alerts claimed twice (FB306),
// duplicate action-item ids (FB242), unknown runbook ids (FB403, FB404), duplicate ids (FB405),
// pages (FB406) and incident ids (FB407).
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "check/rules.h"
#include "util/text.h"

namespace fb::rules {
namespace {

/// Reports every later holder of a key already held by an earlier document. The first holder's place
/// is kept as a reference to its path and a line, and written out only for a conflict (almost every
/// key is seen once: formatting each place up front was most of this pass).
struct FirstSeen {
  struct Holder {
    const std::string* file;
    int line;
  };
  std::unordered_map<std::string_view, Holder> first;  ///< key (owned by the model) -> first holder
  /// Returns the first holder's place ("file:line", or "file" without a line) when `key` was seen
  /// before, else remembers `file` (which must outlive this) at `pos` and returns "".
  std::string claim(std::string_view key, const std::string& file, SourcePos pos) {
    auto [it, inserted] = first.emplace(key, Holder{&file, pos.line});
    if (inserted) return {};
    const Holder& h = it->second;
    return h.line ? fmt::format("{}:{}", *h.file, h.line) : *h.file;
  }
};

void unknown_runbook_ids(const Document& doc, const std::vector<std::string>& ids, const char* key, const char* code,
                         const std::unordered_map<std::string, const Document*>& runbooks,
                         const std::vector<std::string>& all_ids, Diagnostics& diags) {
  for (const auto& id : ids) {
    if (runbooks.count(id)) continue;
    std::string guess = did_you_mean(id, all_ids);
    diags.add(code, Level::Error, doc.path, doc.fm.key(key), fmt::format("`{}` names runbook `{}`, which does not exist", key, id),
              guess.empty() ? "Use the id of an existing runbook (its `id:` or file name)."
                            : fmt::format("Did you mean `{}`?", guess));
  }
}

}  // namespace

void site_references(const std::vector<Document>& docs, const SiteModel& model, Diagnostics& diags) {
  FirstSeen pages, runbook_ids, pir_ids, incident_ids, alerts, action_ids;
  for (const Document& d : docs) {
    if (std::string prev = pages.claim(d.url, d.path, {}); !prev.empty())
      diags.add("FB406", Level::Error, d.path, {1, 1},
                fmt::format("this file would be published at {}, like {}", d.url, prev),
                "Rename or remove one of the two files.");
    FirstSeen& ids = d.kind == DocKind::Runbook ? runbook_ids : pir_ids;
    SourcePos pos = d.fm.key_pos.count("id") ? d.fm.key("id") : SourcePos{1, 1};
    if (std::string prev = ids.claim(d.id, d.path, pos); !prev.empty())
      diags.add("FB405", Level::Error, d.path, pos,
                fmt::format("{} id `{}` is already used by {}", kind_name(d.kind), d.id, prev),
                "Give this document a unique `id:` (or rename the file).");
  }

  std::unordered_map<std::string, const Document*> by_id;
  std::vector<std::string> all_ids;
  by_id.reserve(model.runbooks.size());
  for (const Runbook& rb : model.runbooks) {
    by_id.emplace(rb.doc->id, rb.doc);
    all_ids.push_back(rb.doc->id);
    for (const auto& alert : rb.alerts) {
      if (std::string prev = alerts.claim(alert, rb.doc->path, rb.doc->fm.key("alerts")); !prev.empty())
        diags.add("FB306", Level::Error, rb.doc->path, rb.doc->fm.key("alerts"),
                  fmt::format("alert `{}` is also claimed by {}", alert, prev),
                  "An alert links to one runbook: keep it in one of them and link to that one from the other.");
    }
  }
  for (const Runbook& rb : model.runbooks)
    unknown_runbook_ids(*rb.doc, rb.related, "related", "FB403", by_id, all_ids, diags);

  for (const Postmortem& pm : model.postmortems) {
    const Document& d = *pm.doc;
    unknown_runbook_ids(d, pm.runbooks, "runbooks", "FB404", by_id, all_ids, diags);
    if (!d.fm.str("incident_id").empty()) {
      SourcePos pos = d.fm.key("incident_id");
      if (std::string prev = incident_ids.claim(pm.incident_id, d.path, pos); !prev.empty())
        diags.add("FB407", Level::Error, d.path, pos,
                  fmt::format("incident_id `{}` is already used by {}", pm.incident_id, prev),
                  "Each incident has one review; merge the two or fix the id.");
    }
    for (const ActionItem& a : pm.action_items) {
      if (a.id.empty()) continue;
      if (std::string prev = action_ids.claim(a.id, d.path, a.pos); !prev.empty())
        diags.add("FB242", Level::Error, d.path, a.pos,
                  fmt::format("action item id `{}` is already used at {}", a.id, prev),
                  "Give every action item a unique id (e.g. AI-<incident>-<n>).");
    }
  }
}

}  // namespace fb::rules
