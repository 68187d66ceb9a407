// The similar-incidents miner against a hand-labelled fixture of 35 realistic PIRs
// (tests/fixtures/lessons/labelled/*.md; true groups in truth.tsv, written before tuning).
//
// Pairwise precision and recall: over all unordered pairs of distinct incidents,
//   predicted pair = both incidents are members of the same similar-incidents pattern,
//   true pair      = both incidents have the same label in truth.tsv,
//   precision = |predicted ∩ true| / |predicted|,  recall = |predicted ∩ true| / |true|.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "lessons/lessons.h"
#include "site_fixture.h"
#include "util/fs.h"

using namespace fb;

namespace {

const std::filesystem::path kDir = std::filesystem::path(FB_FIXTURES_DIR) / "lessons" / "labelled";

fbtest::TestSite labelled_site() {
  fbtest::TestSite s;
  s.config.patterns.min_occurrences = 2;
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& name : list_files(kDir, {".md"}))
    files.push_back({"content/postmortems/" + name, *read_file(kDir / name)});
  s.load(files);
  return s;
}

std::map<std::string, std::string> truth() {
  std::map<std::string, std::string> out;
  std::ifstream in(kDir / "truth.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    out[line.substr(0, tab)] = line.substr(tab + 1);
  }
  return out;
}

using Pairs = std::set<std::pair<std::string, std::string>>;

void add_pairs(const std::vector<std::string>& ids, Pairs& out) {
  for (size_t a = 0; a < ids.size(); ++a)
    for (size_t b = a + 1; b < ids.size(); ++b) out.insert(std::minmax(ids[a], ids[b]));
}

struct Score {
  double precision = 0, recall = 0;
};

Score score(const LessonsResult& r, const std::map<std::string, std::string>& labels) {
  Pairs predicted, actual;
  for (const Pattern* p : r.of_kind(PatternKind::SimilarIncidents)) {
    std::vector<std::string> ids;
    for (size_t m : p->members) ids.push_back(r.incident_keys[m]);
    add_pairs(ids, predicted);
  }
  std::map<std::string, std::vector<std::string>> by_label;
  for (const auto& [id, label] : labels) by_label[label].push_back(id);
  for (const auto& [label, ids] : by_label) add_pairs(ids, actual);
  size_t hit = 0;
  for (const auto& p : predicted) hit += actual.count(p);
  Score s;
  s.precision = predicted.empty() ? 0 : static_cast<double>(hit) / static_cast<double>(predicted.size());
  s.recall = actual.empty() ? 0 : static_cast<double>(hit) / static_cast<double>(actual.size());
  MESSAGE("pairs predicted " << predicted.size() << ", true " << actual.size() << ", correct " << hit);
  return s;
}

}  // namespace

TEST_CASE("labelled fixture: similar-incidents precision and recall are at least 0.8") {
  auto site = labelled_site();
  auto labels = truth();
  REQUIRE(site.model.postmortems.size() >= 30);
  REQUIRE(labels.size() == site.model.postmortems.size());
  LessonsResult r = analyse_lessons(site.config, site.model, 0);
  Score s = score(r, labels);
  MESSAGE("precision " << s.precision << ", recall " << s.recall);
  CHECK(s.precision >= 0.8);
  CHECK(s.recall >= 0.8);
}

TEST_CASE("labelled fixture: groups cross category labels") {
  auto site = labelled_site();
  LessonsResult r = analyse_lessons(site.config, site.model, 0);
  size_t multi = 0;
  for (const Pattern* p : r.of_kind(PatternKind::SimilarIncidents)) multi += p->categories.size() > 1;
  CHECK(multi >= 3);  // pool, cert, dns, kafka, disk, flag groups each span several categories
}

TEST_CASE("labelled fixture: each PIR's most similar incident shares its true group when it has one") {
  auto site = labelled_site();
  auto labels = truth();
  LessonsResult r = analyse_lessons(site.config, site.model, 0);
  std::map<std::string, size_t> group_size;
  for (const auto& [id, label] : labels) ++group_size[label];
  size_t with_group = 0, right = 0;
  for (size_t i = 0; i < site.model.postmortems.size(); ++i) {
    const std::string& id = r.incident_keys[i];
    if (group_size[labels[id]] < 2 || r.similar[i].empty()) continue;
    ++with_group;
    right += labels[r.incident_keys[r.similar[i][0].index]] == labels[id];
  }
  MESSAGE("top-1 neighbour in the true group: " << right << " of " << with_group);
  CHECK(with_group >= 25);
  CHECK(static_cast<double>(right) / static_cast<double>(with_group) >= 0.9);
}
