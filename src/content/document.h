#pragma once
/// A parsed content file: front matter (YAML tree + positions) and Markdown facts/HTML.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "content/yaml.h"

#include "config/config.h"
#include "content/markdown.h"
#include "util/diagnostic.h"
#include "util/fs.h"

namespace fb {

/// What a content file is, decided by where it lives.
enum class DocKind { Runbook, Postmortem };

/// "runbook" / "postmortem".
const char* kind_name(DocKind kind);

/// Front matter after the site's `fields:` mapping has renamed foreign keys to ours.
struct FrontMatter {
  YamlNode root;                                ///< a mapping, or null when the file has none
  std::map<std::string, SourcePos> key_pos;       ///< top-level key -> place of the key in the file
  std::map<std::string, std::string> written_as;  ///< our key -> key as written (only for mapped keys)
  int yaml_line = 1;                              ///< file line of the YAML text's first line

  /// File position (1-based) of any node of `root`; {0,0} when unknown.
  SourcePos pos(const YamlNode& node) const;
  /// Position of top-level `key`, or of the start of the front matter when absent.
  SourcePos key(const std::string& key) const;
  /// Top-level value, or an undefined node when absent. Never inserts.
  YamlNode get(const std::string& key) const;
  /// Scalar text of top-level `key`, or "" when absent / not a scalar.
  std::string str(const std::string& key) const;
  /// Sequence of scalars (a lone scalar counts as a one-element list).
  std::vector<std::string> strings(const std::string& key) const;
};

/// One source file, read from disk (or from a git revision).
struct SourceFile {
  std::string path;   ///< site-relative, '/' separated: "content/runbooks/db/pool.md"
  std::string bytes;  ///< raw content
};

/// A parsed document. Immutable once built.
struct Document {
  DocKind kind = DocKind::Runbook;
  std::string path;        ///< site-relative source path
  std::string id;          ///< `id` from front matter, else the file name without extension
  std::string url;         ///< site-relative page URL: "runbooks/db/pool/index.html"
  std::string folder;      ///< first folder below content/<kind>/ ("" at top level)
  std::string title;       ///< front matter title, else first H1, else the id
  uint64_t hash = 0;       ///< content hash of the raw bytes
  bool data_file = false;  ///< a pure YAML file (PIR without Markdown body)
  FrontMatter fm;
  MarkdownFacts md;
};

/// The kind a site-relative path belongs to; false when it is not content.
bool kind_of_path(const std::string& path, DocKind& kind);
/// The page URL for a content path: content/runbooks/a/b.md -> runbooks/a/b/index.html.
std::string url_for_path(const std::string& path);

/// Parses one file. Content problems (invalid UTF-8 FB502, unterminated front matter FB504,
/// malformed YAML FB503, front matter not a mapping FB505) go to `diags`. Returns false when the file
/// cannot be used at all (the document is then not part of the site).
bool parse_document(const Config& config, const SourceFile& file, Document& out, Diagnostics& diags);

/// Discovers content files below `site_dir`: content/runbooks/**/*.md and
/// content/postmortems/**/*.{md,yaml,yml}, sorted by path. Paths are site-relative. A symlinked file or
/// content folder that resolves outside the site is not listed in `files` but in `outside` (the
/// caller reports it: nothing from outside the site is ever read into a page).
FileListing discover_content(const std::filesystem::path& site_dir);

}  // namespace fb
