#include <doctest/doctest.h>

#include "search/snippet.h"

using namespace fb::search;

namespace {
Matches terms(std::set<std::string> t, std::set<std::string> prefixes = {}) { return Matches{std::move(t), std::move(prefixes)}; }
}  // namespace

TEST_CASE("matched words are marked and everything is escaped") {
  auto pieces = highlight("<script>alert('pool')</script> & more", terms({"script", "pool"}));
  CHECK(to_html(pieces) ==
        "&lt;<mark>script</mark>&gt;alert(&#39;<mark>pool</mark>&#39;)&lt;/<mark>script</mark>&gt; &amp; more");
  CHECK(to_text(pieces, "[", "]") == "<[script]>alert('[pool]')</[script]> & more");
}

TEST_CASE("a word is marked when its whole form, a part or a tail compound matched") {
  CHECK(to_text(highlight("alert etcdNoLeader fired", terms({"leader"})), "[", "]") == "alert [etcdNoLeader] fired");
  CHECK(to_text(highlight("alert etcdNoLeader fired", terms({"noleader"})), "[", "]") == "alert [etcdNoLeader] fired");
  CHECK(to_text(highlight("kube-apiserver down", terms({"kube-apiserver"})), "[", "]") == "[kube-apiserver] down");
  CHECK(to_text(highlight("Straße gesperrt", terms({"strasse"})), "[", "]") == "[Straße] gesperrt");
  CHECK(to_text(highlight("nothing here", terms({"pool"})), "[", "]") == "nothing here");
  // A matched prefix marks every word with a term starting with it.
  CHECK(to_text(highlight("connections and a connector, not a con", terms({}, {"conn"})), "[", "]") ==
        "[connections] and a [connector], not a con");
}

TEST_CASE("long texts are cut to a window around the first match, at word boundaries") {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "filler" + std::to_string(i) + " ";
  text += "the pool is exhausted now";
  for (int i = 0; i < 40; ++i) text += " tail" + std::to_string(i);
  std::string s = to_text(make_snippet(text, terms({"pool"})), "[", "]");
  CHECK(s.rfind("… ", 0) == 0);
  CHECK(s.find("[pool]") != std::string::npos);
  CHECK(s.find("[pool]") > 20);   // some context is kept before the match
  CHECK(s.find("[pool]") < 50);
  CHECK(s.size() <= kSnippetWidth + 2 * std::string("… ").size() + 4);
  CHECK(s.substr(s.size() - 4) == " …");
  // Words are never cut: every word of the snippet is a word of the text.
  std::string plain = to_text(make_snippet(text, terms({"pool"})), "", "");
  std::set<std::string> words_of_text;
  for (size_t b = 0, e; b < text.size(); b = e + 1) {
    e = text.find(' ', b);
    if (e == std::string::npos) e = text.size();
    words_of_text.insert(text.substr(b, e - b));
  }
  for (size_t b = 0, e; b < plain.size(); b = e + 1) {
    e = plain.find(' ', b);
    if (e == std::string::npos) e = plain.size();
    std::string w = plain.substr(b, e - b);
    if (w != "…") CHECK_MESSAGE(words_of_text.count(w), w);
  }
  // Without a match the snippet starts at the beginning.
  std::string none = to_text(make_snippet(text, terms({"absent"})), "[", "]");
  CHECK(none.rfind("filler0 filler1", 0) == 0);
  // Short texts are shown whole.
  CHECK(to_text(make_snippet("short pool text", terms({"pool"})), "[", "]") == "short [pool] text");
}
