#include "site/document_cache.h"

#include <fmt/format.h>

#include "util/hash.h"
#include "util/parallel.h"

namespace fb {
namespace {

constexpr uint32_t kPacks = 64;

std::string pack_name(uint32_t pack) { return fmt::format("documents-{:02}", pack); }

/// XXH3 of three 64-bit hashes: the key of (config, path, bytes) without copying the bytes.
uint64_t combine(uint64_t a, uint64_t b, uint64_t c) {
  char buf[24];
  for (int i = 0; i < 8; ++i) {
    buf[i] = static_cast<char>(a >> (8 * i));
    buf[8 + i] = static_cast<char>(b >> (8 * i));
    buf[16 + i] = static_cast<char>(c >> (8 * i));
  }
  return content_hash(std::string_view(buf, sizeof buf));
}

}  // namespace

DocumentCache::DocumentCache(BuildCache& cache, std::string_view config_text, size_t files, Diagnostics& diags)
    : cache_(cache), config_hash_(content_hash(config_text)), slots_(files) {
  if (!cache_.enabled()) return;
  packs_.resize(kPacks);
  std::vector<Diagnostics> found(kPacks);
  parallel_for(kPacks, [&](size_t p) { packs_[p] = cache_.load(pack_name(static_cast<uint32_t>(p)), found[p]); });
  for (const Diagnostics& d : found) diags.merge(d);
}

uint64_t DocumentCache::key(size_t index, std::string_view path, std::string_view bytes) {
  Slot& s = slots_[index];
  const uint64_t path_hash = content_hash(path);
  s.key = combine(config_hash_, path_hash, content_hash(bytes));
  s.pack = static_cast<uint32_t>(path_hash % kPacks);
  return s.key;
}

bool DocumentCache::lookup(size_t index, ParsedFile& out) {
  if (packs_.empty()) return false;
  Slot& s = slots_[index];
  const std::string_view* payload = packs_[s.pack].find(s.key);
  if (!payload || !decode_parsed_file(*payload, out)) {
    out = ParsedFile{};
    return false;
  }
  s.hit = true;
  s.cached = *payload;
  return true;
}

void DocumentCache::remember(size_t index, const ParsedFile& parsed) {
  Slot& s = slots_[index];
  s.fresh = true;
  if (packs_.empty()) return;
  s.usable = parsed.usable;
  s.diags = parsed.diags;
  if (!parsed.usable) encode_parsed_file(parsed.doc, false, parsed.diags, s.encoded);
}

void DocumentCache::bind(size_t index, const Document* doc) { slots_[index].doc = doc; }

void DocumentCache::save(Diagnostics& diags) {
  if (packs_.empty() || !cache_.enabled()) return;
  // A pack is rewritten when it gains an entry or loses one (a file changed, was added or removed).
  std::vector<size_t> kept(kPacks, 0);
  std::vector<char> dirty(kPacks, 0);
  for (const Slot& s : slots_) {
    if (s.fresh) dirty[s.pack] = 1;
    else if (s.hit) ++kept[s.pack];
  }
  for (uint32_t p = 0; p < kPacks; ++p) {
    if (kept[p] != packs_[p].entries.size()) dirty[p] = 1;
    if (!dirty[p]) packs_[p] = Pack{};  // nothing to write: its bytes are not needed any more
  }
  std::vector<Diagnostics> problems(kPacks);
  // Each pack is written as it is encoded, one entry at a time: at no point is it in memory whole.
  std::vector<std::vector<const Slot*>> members(kPacks);
  for (const Slot& s : slots_)
    if (dirty[s.pack] && (s.hit || (s.fresh && (s.doc || !s.usable)))) members[s.pack].push_back(&s);
  parallel_for(kPacks, [&](size_t p) {
    if (!dirty[p]) return;
    PackWriter writer(cache_, pack_name(static_cast<uint32_t>(p)), members[p].size());
    std::string buffer;
    for (const Slot* s : members[p]) {
      if (s->hit) {
        writer.add(s->key, s->cached);
      } else if (s->doc) {
        buffer.clear();
        encode_parsed_file(*s->doc, true, s->diags, buffer);
        writer.add(s->key, buffer);
      } else {
        writer.add(s->key, s->encoded);
      }
    }
    writer.commit(problems[p]);
    packs_[p] = Pack{};
  });
  for (const Diagnostics& d : problems) diags.merge(d);
}

size_t DocumentCache::reused() const {
  size_t n = 0;
  for (const Slot& s : slots_) n += s.hit;
  return n;
}

size_t DocumentCache::parsed() const {
  size_t n = 0;
  for (const Slot& s : slots_) n += s.fresh;
  return n;
}

}  // namespace fb
