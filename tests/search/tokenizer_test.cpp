#include <doctest/doctest.h>

#include <algorithm>

#include "search/tokenizer.h"

using namespace fb::search;

namespace {
std::vector<std::string> terms_of(std::string_view text) {
  TermBuffer buf;
  index_terms(text, buf);
  std::vector<std::string> out;
  for (size_t i = 0; i < buf.size(); ++i) out.emplace_back(buf[i]);
  return out;
}
bool has(const std::vector<std::string>& v, const std::string& t) { return std::find(v.begin(), v.end(), t) != v.end(); }
}  // namespace

TEST_CASE("camelCase identifiers split into parts, keep the whole and the tail compounds") {
  auto t = terms_of("etcdNoLeader");
  CHECK(t == std::vector<std::string>{"etcdnoleader", "etcd", "no", "leader", "noleader"});
  auto k = terms_of("KubeAPIErrorBudgetBurn");
  CHECK(has(k, "kube"));
  CHECK(has(k, "api"));
  CHECK(has(k, "error"));
  CHECK(has(k, "kubeapierrorbudgetburn"));
  CHECK(has(k, "errorbudgetburn"));
  CHECK(has(k, "budgetburn"));
  CHECK(terms_of("S3Bucket") == std::vector<std::string>{"s3bucket", "s3", "bucket"});
  CHECK(terms_of("HTTPServer") == std::vector<std::string>{"httpserver", "http", "server"});
}

TEST_CASE("hyphenated, snake_case, dotted and incident-id words split at the joiners") {
  CHECK(terms_of("kube-apiserver") == std::vector<std::string>{"kube-apiserver", "kube", "apiserver"});
  CHECK(terms_of("pg_stat_activity") ==
        std::vector<std::string>{"pg_stat_activity", "pg", "stat", "activity", "stat_activity"});
  CHECK(terms_of("INC-2024-031") == std::vector<std::string>{"inc-2024-031", "inc", "2024", "031", "2024-031"});
  CHECK(terms_of("pgbouncer.orders-db.svc:6432") ==
        std::vector<std::string>{"pgbouncer.orders-db.svc", "pgbouncer", "orders", "db", "svc", "orders-db.svc",
                                 "db.svc", "6432"});
}

TEST_CASE("joiners only join between letters or digits") {
  CHECK(terms_of("-restart- the pod.") == std::vector<std::string>{"restart", "pod"});
  CHECK(terms_of("a--b") == std::vector<std::string>{"a--b"});  // one-letter parts are dropped, the whole stays
  CHECK(terms_of("disk. Then") == std::vector<std::string>{"disk"});
}

TEST_CASE("case folding removes Latin-1 and Latin Extended-A diacritics and lower-cases Greek and Cyrillic") {
  CHECK(fold("ÆRØ Straße Ĳssel Łódź Œuvre Ñandú") == "aero strasse ijssel lodz oeuvre nandu");
  CHECK(fold("ÀÉÎÕÜ àéîõü Ýý ÿ Þ ð") == "aeiou aeiou yy y th d");
  CHECK(fold("ĀĂĄĆČĎĐĒĚĞĢĦĨĬĮİĶĹĽŃŇŌŐŔŘŚŠŢŤŨŮŰŴŶŹŽ") == "aaaccddeegghiiiiklln" "noorrssttuuuwyzz");
  CHECK(fold("ΣΟΦΙΑ σοφίας") == "σοφια σοφίασ");
  CHECK(fold("ПРИВЕТ Ёж") == "привет ёж");
  CHECK(terms_of("Überlastung") == std::vector<std::string>{"uberlastung"});
  // Decomposed accents (combining marks) are dropped, not word breaks.
  CHECK(terms_of("Cafe\xCC\x81 noir") == std::vector<std::string>{"cafe", "noir"});
}

TEST_CASE("camel case looks at ASCII letters only, other letters never split a word") {
  CHECK(terms_of("ÉtatCritique") == std::vector<std::string>{"etatcritique", "etat", "critique"});
  CHECK(terms_of("日本語テキスト") == std::vector<std::string>{"日本語テキスト"});
}

TEST_CASE("stop words and one-letter parts are not indexed, but stay in the whole word") {
  CHECK(terms_of("the pool is full") == std::vector<std::string>{"pool", "full"});
  CHECK(terms_of("x") == std::vector<std::string>{});
  CHECK(terms_of("ofTheDay") == std::vector<std::string>{"oftheday", "day", "theday"});
  CHECK(is_stopword("the"));
  CHECK_FALSE(is_stopword("no"));  // "no" matters: etcdNoLeader
}

TEST_CASE("punctuation, symbols, emoji and invalid bytes separate words") {
  CHECK(terms_of("disk—full → restart 🔥pods") == std::vector<std::string>{"disk", "full", "restart", "pods"});
  CHECK(terms_of("ab\xff" "cd") == std::vector<std::string>{"ab", "cd"});
  CHECK(terms_of("don't") == std::vector<std::string>{"don"});
}

TEST_CASE("over-long words keep only their short parts") {
  std::string hex(80, 'a');
  CHECK(terms_of(hex).empty());
  CHECK(terms_of(hex + "-pod") == std::vector<std::string>{"pod"});
}

TEST_CASE("split_words reports byte offsets, parts and the last raw part") {
  auto words = split_words("See etcdNoLeader, then INC-2024-031.");
  REQUIRE(words.size() == 4);
  CHECK(words[1].begin == 4);
  CHECK(words[1].end == 16);
  CHECK(words[1].whole == "etcdnoleader");
  CHECK(words[1].parts == std::vector<std::string>{"etcd", "no", "leader"});
  CHECK(words[1].suffixes == std::vector<std::string>{"noleader"});
  CHECK(words[2].parts.empty());      // "then" is a stop word
  CHECK(words[2].last_part == "then");
  CHECK(words[3].whole == "inc-2024-031");
  CHECK(words[3].end == 35);
  CHECK(code_points("Łódź") == 4);
}

namespace {
/// The index terms of `text` as split_words sees them: per word its whole form, parts, suffixes.
std::vector<std::string> terms_via_words(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& w : split_words(text)) {
    if (!w.whole.empty()) out.push_back(w.whole);
    out.insert(out.end(), w.parts.begin(), w.parts.end());
    out.insert(out.end(), w.suffixes.begin(), w.suffixes.end());
  }
  return out;
}
}  // namespace

TEST_CASE("the fast indexing scanner yields exactly the terms of split_words, on generated texts") {
  // Fragments that exercise every rule: cases, digits, joiners, folding, marks, invalid bytes, stop words.
  const std::vector<std::string> pieces = {
      "a", "b", "x", "Z", "K", "q", "API", "No", "Leader", "etcd", "9", "0", "42", "-", "_", ".", "..", " ", "  ",
      "\n", ",", ":", "/", "the", "of", "Of", "é", "É", "ß", "Æ", "ĳ", "Ł", "ſ", "Ș", "Ω", "ς", "Ж", "Ѐ", "日本",
      "\xCC\x81", "\xC2\xAD", "\xFF", "\xC3", "\xE2\x82", "🔥", "—", "×", "ʰ", "\xC1\x81", "\xE0\x80\xC1"};
  uint64_t state = 0x2545F4914F6CDD1Dull;
  auto rnd = [&](size_t n) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return static_cast<size_t>(state % n);
  };
  size_t checked_terms = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    const size_t len = 1 + rnd(round % 10 == 0 ? 120 : 24);
    for (size_t k = 0; k < len; ++k) text += pieces[rnd(pieces.size())];
    const auto fast = terms_of(text), slow = terms_via_words(text);
    if (fast != slow) {
      std::string a, b;
      for (const auto& t : fast) a += t + "|";
      for (const auto& t : slow) b += t + "|";
      FAIL_CHECK(text << "\nfast: " << a << "\nwords: " << b);
      break;
    }
    checked_terms += fast.size();
  }
  CHECK(checked_terms > 10000);
  // Long words: the whole form is dropped beyond kMaxTermLength code points, counted after folding.
  for (const std::string& w : {std::string(63, 'a') + "-b", std::string(64, 'a') + "-b", std::string(32, 'e') + "Straße",
                              std::string(30, 'x') + "ÆÆÆ-yy", std::string("ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ-ΩΩΩΩΩΩΩΩΩΩΩΩΩΩΩΩΩΩΩΩΩΩΩΩΩΩΩΩΩΩΩΩ")})
    CHECK(terms_of(w) == terms_via_words(w));
}
