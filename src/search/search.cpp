#include "search/search.h"

#include "search/index.h"
#include "search/shards.h"

namespace fb::search {

std::string site_fingerprint(const std::vector<Document>& docs, std::string_view site_yaml) {
  std::vector<std::pair<std::string, uint64_t>> hashes;
  hashes.reserve(docs.size());
  for (const auto& d : docs) hashes.emplace_back(d.path, d.hash);
  return content_fingerprint(hashes, site_yaml);
}

OutputFiles search_files(const std::vector<Document>& docs, const SiteModel& model, const Config& config,
                         std::string_view site_yaml) {
  SearchIndex index = build_index(docs, model, config);
  index.fingerprint = site_fingerprint(docs, site_yaml);
  return write_index(index);
}

}  // namespace fb::search
