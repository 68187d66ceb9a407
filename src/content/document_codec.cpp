#include "content/document_codec.h"

#include <memory>

#include "util/hash.h"
#include "util/serial.h"

namespace fb {
namespace {

void put_pos(ByteWriter& w, SourcePos p) {
  w.i64(p.line);
  w.i64(p.col);
}
SourcePos get_pos(ByteReader& r) {
  SourcePos p;
  p.line = static_cast<int>(r.i64());
  p.col = static_cast<int>(r.i64());
  return p;
}

void put_yaml(ByteWriter& w, const YamlNode& node) {
  const YamlTree* t = node.tree();
  w.u64(t ? 1 : 0);
  if (!t) return;
  w.u64(node.index());
  w.u64(t->nodes.size());
  for (const YamlTree::Rec& rec : t->nodes) {
    w.u64(rec.a), w.u64(rec.b), w.u64(rec.c), w.u64(rec.d);
    w.i64(rec.line), w.i64(rec.column);
    w.u64(static_cast<uint64_t>(rec.type)), w.u64(static_cast<uint64_t>(rec.tag));
  }
  w.u64(t->items.size());
  for (const YamlTree::Item& item : t->items) w.u64(item.key), w.u64(item.value);
  w.str(t->pool);
}

/// Reads a tree and checks every index it holds, so a node can never point outside its tree.
bool get_yaml(ByteReader& r, YamlNode& out) {
  if (r.u64() == 0) {
    out = YamlNode();
    return r.ok();
  }
  auto tree = std::make_unique<YamlTree>();
  uint64_t root = r.u64();
  tree->nodes.resize(r.count());
  for (YamlTree::Rec& rec : tree->nodes) {
    rec.a = static_cast<uint32_t>(r.u64()), rec.b = static_cast<uint32_t>(r.u64());
    rec.c = static_cast<uint32_t>(r.u64()), rec.d = static_cast<uint32_t>(r.u64());
    rec.line = static_cast<int32_t>(r.i64()), rec.column = static_cast<int32_t>(r.i64());
    uint64_t type = r.u64(), tag = r.u64();
    if (type > static_cast<uint64_t>(YamlType::Map) || tag > YamlTree::kExplicit) return false;
    rec.type = static_cast<YamlType>(type);
    rec.tag = static_cast<YamlTree::Tag>(tag);
  }
  tree->items.resize(r.count());
  for (YamlTree::Item& item : tree->items)
    item.key = static_cast<uint32_t>(r.u64()), item.value = static_cast<uint32_t>(r.u64());
  tree->pool = r.str();
  if (!r.ok() || root >= tree->nodes.size()) return false;
  const uint64_t nodes = tree->nodes.size(), items = tree->items.size(), pool = tree->pool.size();
  for (const YamlTree::Rec& rec : tree->nodes) {
    if (rec.type == YamlType::Scalar) {
      if (uint64_t{rec.a} + rec.b > pool || uint64_t{rec.c} + rec.d > pool) return false;
    } else if (rec.type == YamlType::Sequence || rec.type == YamlType::Map) {
      if (uint64_t{rec.a} + rec.b > items) return false;
    }
  }
  for (const YamlTree::Item& item : tree->items)
    if ((item.key != YamlTree::kNone && item.key >= nodes) || item.value >= nodes) return false;
  out = YamlNode::adopt_tree(tree.release(), static_cast<uint32_t>(root));
  return true;
}

void put_markdown(ByteWriter& w, const MarkdownFacts& md) {
  w.str(md.first_h1);
  w.u64(md.headings.size());
  for (const Heading& h : md.headings) w.i64(h.level), w.str(h.text), w.str(h.anchor), w.i64(h.line);
  w.u64(md.sections.size());
  for (const Section& s : md.sections)
    w.str(s.heading), w.str(s.anchor), w.i64(s.level), w.u64(s.text_begin), w.u64(s.text_end);
  w.u64(md.links.size());
  for (const Link& l : md.links) w.str(l.url), w.i64(l.line), w.i64(l.col), w.u64(l.image);
  w.u64(md.code_blocks.size());
  for (const CodeBlock& c : md.code_blocks) w.str(c.info), w.str(c.code), w.i64(c.line);
  w.str(md.html);
  w.str(md.plain_text);
  w.u64(md.word_count);
}

bool get_markdown(ByteReader& r, MarkdownFacts& md) {
  md.first_h1 = r.str();
  md.headings.resize(r.count());
  for (Heading& h : md.headings)
    h.level = static_cast<int>(r.i64()), h.text = r.str(), h.anchor = r.str(), h.line = static_cast<int>(r.i64());
  md.sections.resize(r.count());
  for (Section& s : md.sections) {
    s.heading = r.str(), s.anchor = r.str(), s.level = static_cast<int>(r.i64());
    s.text_begin = r.u64(), s.text_end = r.u64();
  }
  md.links.resize(r.count());
  for (Link& l : md.links)
    l.url = r.str(), l.line = static_cast<int>(r.i64()), l.col = static_cast<int>(r.i64()), l.image = r.u64() != 0;
  md.code_blocks.resize(r.count());
  for (CodeBlock& c : md.code_blocks) c.info = r.str(), c.code = r.str(), c.line = static_cast<int>(r.i64());
  md.html = r.str();
  md.plain_text = r.str();
  md.word_count = r.u64();
  if (!r.ok()) return false;
  for (const Section& s : md.sections)
    if (s.text_begin > s.text_end || s.text_end > md.plain_text.size()) return false;
  return true;
}

void put_front_matter(ByteWriter& w, const FrontMatter& fm) {
  put_yaml(w, fm.root);
  w.u64(fm.key_pos.size());
  for (const auto& [key, pos] : fm.key_pos) w.str(key), put_pos(w, pos);
  w.u64(fm.written_as.size());
  for (const auto& [ours, written] : fm.written_as) w.str(ours), w.str(written);
  w.i64(fm.yaml_line);
}

}  // namespace

uint64_t listing_fingerprint(const Document& d) {
  ByteWriter w;
  w.u64(d.kind == DocKind::Runbook ? 0 : 1);
  w.str(d.path), w.str(d.id), w.str(d.url), w.str(d.folder), w.str(d.title);
  w.u64(d.data_file);
  put_front_matter(w, d.fm);
  return content_hash(w.out);
}

void encode_parsed_file(const Document& d, bool usable, const Diagnostics& diags, std::string& out) {
  ByteWriter w;
  w.out.swap(out);
  w.u64(usable);
  w.u64(diags.items.size());
  for (const Diagnostic& g : diags.items) {
    w.str(g.code), w.u64(static_cast<uint64_t>(g.level)), w.str(g.file);
    w.i64(g.line), w.i64(g.col), w.str(g.message), w.str(g.hint);
  }
  w.u64(d.kind == DocKind::Runbook ? 0 : 1);
  w.str(d.path), w.str(d.id), w.str(d.url), w.str(d.folder), w.str(d.title);
  w.fixed64(d.hash);
  w.u64(d.data_file);
  put_front_matter(w, d.fm);
  put_markdown(w, d.md);
  out.swap(w.out);
}

bool decode_parsed_file(std::string_view in, ParsedFile& out) {
  ByteReader r(in);
  out.usable = r.u64() != 0;
  out.diags.items.resize(r.count());
  for (Diagnostic& g : out.diags.items) {
    g.code = r.str();
    uint64_t level = r.u64();
    if (level > static_cast<uint64_t>(Level::Off)) return false;
    g.level = static_cast<Level>(level);
    g.file = r.str();
    g.line = static_cast<int>(r.i64()), g.col = static_cast<int>(r.i64());
    g.message = r.str(), g.hint = r.str();
  }
  Document& d = out.doc;
  uint64_t kind = r.u64();
  if (kind > 1) return false;
  d.kind = kind == 0 ? DocKind::Runbook : DocKind::Postmortem;
  d.path = r.str(), d.id = r.str(), d.url = r.str(), d.folder = r.str(), d.title = r.str();
  d.hash = r.fixed64();
  d.data_file = r.u64() != 0;
  if (!get_yaml(r, d.fm.root)) return false;
  d.fm.key_pos.clear();
  for (size_t n = r.count(); n > 0 && r.ok(); --n) {
    std::string key = r.str();
    d.fm.key_pos[std::move(key)] = get_pos(r);
  }
  d.fm.written_as.clear();
  for (size_t n = r.count(); n > 0 && r.ok(); --n) {
    std::string ours = r.str();
    d.fm.written_as[std::move(ours)] = r.str();
  }
  d.fm.yaml_line = static_cast<int>(r.i64());
  if (!get_markdown(r, d.md)) return false;
  return r.done();
}

}  // namespace fb
