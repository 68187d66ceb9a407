#pragma once
/// The build cache's encoding of a parsed document: everything parse_document() produced (the document,
/// whether it is usable, its diagnostics), so a cached build gives back exactly what a parse would.
#include <string>
#include <string_view>

#include "content/document.h"
#include "util/diagnostic.h"

namespace fb {

/// What parse_document() returned for one file.
struct ParsedFile {
  Document doc;
  bool usable = false;  ///< parse_document's result: false when the file is not part of the site
  Diagnostics diags;    ///< the parse's diagnostics (FB502-FB505)
};

/// A hash of everything a document shows on pages other than its own: its kind, path, id, url,
/// folder, title and front matter (tree, key places and mapped names), not its Markdown body. Two
/// versions of a file with the same fingerprint differ only in their body (below the title).
uint64_t listing_fingerprint(const Document& doc);

/// Appends what parse_document() gave for one file (`doc`, its result `usable`, its diagnostics) to `out`.
void encode_parsed_file(const Document& doc, bool usable, const Diagnostics& diags, std::string& out);
/// Reads one ParsedFile from `in`. Returns false (and leaves `out` unspecified) when the bytes are
/// truncated or inconsistent (an index out of range): the caller parses the file instead.
bool decode_parsed_file(std::string_view in, ParsedFile& out);

}  // namespace fb
