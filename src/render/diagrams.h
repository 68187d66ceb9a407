#pragma once
/// Diagrams: a ```mermaid fenced block stays in the HTML as cmark-gfm writes it
/// (`<pre><code class="language-mermaid">`, readable without JavaScript), and the theme's
/// assets/diagrams.js draws it in the browser with mermaid's bundle, `assets/vendor/mermaid.min.js`.
/// The bundle comes from npm (scripts/install-theme-vendor.sh), is published only when some page has
/// a diagram, and only those pages load it. Without the bundle the build still succeeds: every
/// document with a diagram gets FB604 and its diagrams show as code.
#include <set>
#include <string>
#include <vector>

#include "content/document.h"
#include "render/assets.h"
#include "util/diagnostic.h"

namespace fb {

/// The bundle's path below assets/.
inline constexpr const char* kMermaidBundle = "vendor/mermaid.min.js";

/// The first ```mermaid block of `doc`, or nullptr.
const CodeBlock* first_diagram(const Document& doc);

/// What the site's diagrams need: whether the bundle is there, and the vendor packages to publish.
struct DiagramPlan {
  bool bundle = false;                ///< the bundle is available: pages with a diagram load it
  std::set<std::string> vendor_used;  ///< {"mermaid"} when the bundle is and some page has a diagram
};

/// Decides the plan from the documents (a whole-site input: the last diagram removed drops the
/// bundle from the output) and the listed assets. A document with a diagram while the bundle is
/// missing is FB604 (a warning) at its first ```mermaid block.
DiagramPlan plan_diagrams(const std::vector<Document>& docs, const AssetList& assets, Diagnostics& diags);

}  // namespace fb
