#pragma once
/// The process exit codes of every firebreak command (docs/cli.md), shared by site/ and cli/.
namespace fb {
inline constexpr int kExitOk = 0;             ///< success
inline constexpr int kExitContentErrors = 1;  ///< the content has errors (nothing was published)
inline constexpr int kExitUsage = 2;          ///< usage, configuration or I/O error
}  // namespace fb
