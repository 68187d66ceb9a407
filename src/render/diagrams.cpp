#include "render/diagrams.h"

#include <fmt/format.h>

namespace fb {

const CodeBlock* first_diagram(const Document& doc) {
  for (const CodeBlock& block : doc.md.code_blocks)
    if (block.language() == "mermaid") return &block;
  return nullptr;
}

DiagramPlan plan_diagrams(const std::vector<Document>& docs, const AssetList& assets, Diagnostics& diags) {
  DiagramPlan plan;
  plan.bundle = assets.has(kMermaidBundle);
  for (const Document& doc : docs) {
    const CodeBlock* block = first_diagram(doc);
    if (!block) continue;
    if (plan.bundle) {
      plan.vendor_used.insert("mermaid");
      continue;
    }
    diags.add("FB604", Level::Warning, doc.path, SourcePos{block->line, 1},
              fmt::format("```mermaid block shown as code: the theme has no assets/{} (mermaid's browser bundle)",
                          kMermaidBundle),
              "Run scripts/install-theme-vendor.sh (or scripts/install-deps.sh) in Firebreak's source tree: it "
              "installs the pinned mermaid from npm into the theme; then build again.");
  }
  return plan;
}

}  // namespace fb
