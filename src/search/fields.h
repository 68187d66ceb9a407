#pragma once
/// What of a document is indexed under which field, and the record search results show.
/// Internal to the search module (used by the index builder and its tests).
#include <array>
#include <string>
#include <string_view>

#include "search/index.h"

namespace fb::search {

/// The text of each field of one document, indexed by Field.
using FieldTexts = std::array<std::string, kFieldCount>;

/// Fills `record` (url, title, kind, severity, services, tags, owner, excerpt) and returns the field
/// texts of `doc`. `runbook` or `postmortem` is the document's typed view (nullptr when it has none).
FieldTexts document_fields(const Document& doc, const Runbook* runbook, const Postmortem* postmortem,
                           DocRecord& record);

/// White space collapsed, at most about kExcerptChars code points, cut at a word boundary ("…" added).
std::string make_excerpt(std::string_view text);

}  // namespace fb::search
