#pragma once
/// The parse stage, remembered: what parse_document() gave for a file, kept in the build cache and given
/// back when the same bytes are parsed at the same path with the same site.yaml by the same binary.
///
/// The key of a file is XXH3 over (site.yaml text, path, file bytes); the binary's identity is in
/// every pack. Entries are spread over 64 packs by path, so an edit rewrites one pack of about 1/64 of
/// the cache, and a deleted file leaves its pack with one entry fewer.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "content/document_codec.h"
#include "site/cache.h"

namespace fb {

/// One build's use of the document packs. lookup()/remember() may be called from many threads, each
/// index by one thread; save() after all of them.
class DocumentCache {
 public:
  /// Loads the packs (in parallel) for `files` documents read with site.yaml `config_text`.
  /// A disabled `cache` makes every lookup miss and save() do nothing.
  DocumentCache(BuildCache& cache, std::string_view config_text, size_t files, Diagnostics& diags);

  /// The key of file `index` (its site-relative path and bytes); remembered for save().
  uint64_t key(size_t index, std::string_view path, std::string_view bytes);
  /// Fills `out` with the cached parse of file `index` (key() first). False when there is none or it
  /// cannot be decoded: then the caller parses and calls remember().
  bool lookup(size_t index, ParsedFile& out);
  /// Stores the fresh parse of file `index`. A usable document is encoded by save(), from the
  /// document bind() names (so no second copy of it is held meanwhile); an unusable one now.
  void remember(size_t index, const ParsedFile& parsed);
  /// File `index`'s document as the site keeps it (it must live until save() returns).
  void bind(size_t index, const Document* doc);
  /// Writes the packs whose entries changed. FB510 warnings (a full disk) go to `diags`.
  void save(Diagnostics& diags);

  size_t reused() const;  ///< files given back from the cache
  size_t parsed() const;  ///< files parsed (and remembered)

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t pack = 0;
    bool hit = false;
    bool fresh = false;
    bool usable = false;      ///< (fresh) parse_document's result
    std::string_view cached;  ///< the payload in its pack (hit)
    std::string encoded;      ///< (fresh, unusable) the new payload
    const Document* doc = nullptr;  ///< (fresh, usable) the document to encode
    Diagnostics diags;        ///< (fresh) the parse's diagnostics
  };
  BuildCache& cache_;
  uint64_t config_hash_ = 0;
  std::vector<Pack> packs_;
  std::vector<Slot> slots_;
};

}  // namespace fb
