#pragma once
/// A file the build will publish: a path relative to the output directory and its bytes.
#include <string>
#include <vector>

namespace fb {
struct OutputFile {
  std::string path;   ///< relative, '/' separated, never absolute, never containing ".."
  std::string bytes;
};
using OutputFiles = std::vector<OutputFile>;
}  // namespace fb
