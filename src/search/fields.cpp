#include "search/fields.h"

namespace fb::search {
namespace {

void add_line(std::string& s, std::string_view t) {
  if (t.empty()) return;
  if (!s.empty()) s += '\n';
  s += t;
}

void add_lines(std::string& s, const std::vector<std::string>& items) {
  for (const auto& i : items) add_line(s, i);
}

std::string& field(FieldTexts& f, Field which) { return f[static_cast<size_t>(which)]; }

void runbook_fields(const Document& d, const Runbook& rb, FieldTexts& f, DocRecord& rec) {
  add_lines(field(f, Field::Alerts), rb.alerts);
  add_line(field(f, Field::Meta), rb.service);
  add_lines(field(f, Field::Meta), rb.tags);
  add_line(field(f, Field::Meta), rb.owner);
  rec.severity = rb.severity.id();
  if (!rb.service.empty()) rec.services = {rb.service};
  rec.tags = rb.tags;
  rec.owner = rb.owner;
  for (const auto& s : d.md.sections) add_line(field(f, Field::Body), d.md.text_of(s));
}

void postmortem_fields(const Document& d, const Postmortem& pm, FieldTexts& f, DocRecord& rec) {
  add_lines(field(f, Field::Alerts), pm.alerts);
  add_line(field(f, Field::Ident), pm.incident_id);
  add_lines(field(f, Field::Meta), pm.services);
  add_lines(field(f, Field::Meta), pm.tags);
  add_line(field(f, Field::Meta), pm.root_cause_category);
  rec.severity = pm.severity.id();
  rec.services = pm.services;
  rec.tags = pm.tags;
  std::string& body = field(f, Field::Body);
  add_line(body, pm.customer_impact);
  add_line(body, pm.root_cause_summary);
  add_lines(body, pm.contributing_factors);
  add_lines(body, pm.triggers);
  for (const auto& s : d.md.sections) add_line(body, d.md.text_of(s));
  for (const auto& e : pm.timeline) {
    add_line(body, e.event);
    add_line(body, e.action);
  }
  for (const auto& a : pm.action_items) add_line(body, a.title);
}

}  // namespace

FieldTexts document_fields(const Document& doc, const Runbook* runbook, const Postmortem* postmortem,
                           DocRecord& rec) {
  FieldTexts f;
  rec.url = doc.url;
  rec.title = doc.title;
  rec.kind = doc.kind;
  if (runbook) runbook_fields(doc, *runbook, f, rec);
  else if (postmortem) postmortem_fields(doc, *postmortem, f, rec);
  else for (const auto& s : doc.md.sections) add_line(field(f, Field::Body), doc.md.text_of(s));
  field(f, Field::Title) = doc.title;
  add_line(field(f, Field::Ident), doc.id);
  for (const auto& h : doc.md.headings) add_line(field(f, Field::Headings), h.text);
  rec.excerpt = make_excerpt(field(f, Field::Body));
  return f;
}

std::string make_excerpt(std::string_view text) {
  std::string out;
  out.reserve(kExcerptChars + 8);
  size_t cps = 0;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {  // a new code point
      if (cps + (space ? 1 : 0) >= kExcerptChars) {
        size_t cut = out.rfind(' ');
        if (cut != std::string::npos && cut + 40 > out.size()) out.resize(cut);
        out += " …";
        return out;
      }
      if (space) {
        out += ' ';
        ++cps;
        space = false;
      }
      ++cps;
    }
    out += c;
  }
  return out;
}

}  // namespace fb::search
