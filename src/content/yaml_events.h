#pragma once
/// Internal to content/: the YAML event stream both front-matter parsers produce (libyaml's, and the
/// fast path for plain block YAML in yaml_simple.cpp), and the builder that turns it into a YamlTree.
/// Both parsers feed the same builder, so a tree does not depend on which parser read the text.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "content/yaml.h"

namespace fb::yaml_events {

/// Builds a YamlTree from parse events. One per thread, reused across documents (clear() between them).
struct TreeBuilder {
  /// A collection being read.
  struct Frame {
    uint32_t node;                     ///< the open collection
    uint32_t start;                    ///< its first item in `pending`
    uint32_t key = YamlTree::kNone;    ///< a map's key waiting for its value
    bool has_key = false;
  };
  YamlTree tree;                        ///< nodes, pool and finished items
  std::vector<YamlTree::Item> pending;  ///< items of the open collections, innermost last
  std::vector<Frame> stack;
  std::vector<std::pair<std::string, uint32_t>> anchors;
  uint32_t root = YamlTree::kNone;      ///< the document's node once it is complete
  std::vector<YamlDuplicateKey> duplicates;  ///< keys written twice in one mapping, in text order

  /// Forgets the previous document.
  void clear();
  /// A scalar event. `tag` is "?" for a plain scalar, "!" for a quoted or block one, else the explicit
  /// tag; a plain empty, `~` or `null` scalar becomes a Null node. `anchor` may be null.
  void scalar(std::string_view value, YamlMark mark, std::string_view tag, const char* anchor = nullptr);
  /// A sequence or mapping start event.
  void start(bool sequence, YamlMark mark, const char* anchor = nullptr);
  /// The end event of the innermost open collection.
  void end();
  /// An alias event; false when no anchor of that name was defined before.
  bool alias(std::string_view name);
  /// The finished tree as a handle owning exactly sized copies of the arrays (the scratch is kept for
  /// the next document). An empty document gives a Null node.
  YamlNode finish();

 private:
  void attach(uint32_t n);
};

/// The builder of the calling thread.
TreeBuilder& thread_builder();

/// Reads `text` with libyaml into `b` (cleared first). False with `error` set on a syntax error.
bool parse_with_libyaml(std::string_view text, TreeBuilder& b, YamlError& error);

/// Reads `text` into `b` (cleared first) when it is written in the plain block YAML most front matter
/// uses: `key: value` maps and `- item` sequences nested by indentation, plain and quoted one-line
/// scalars and one-line `[a, b]` lists, comments. The events (values, marks, tags) are the ones libyaml
/// gives for the same text. Returns false, having decided nothing, for anything else (tabs, CR, block
/// scalars, anchors, tags, flow maps, escapes, multi-line scalars, empty values, errors...): the caller
/// then parses with libyaml.
bool parse_simple(std::string_view text, TreeBuilder& b);

}  // namespace fb::yaml_events
