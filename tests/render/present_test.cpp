// The render-side formatters (times for people, counts) and percent-encoding of paths.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "render/present.h"
#include "render/theme.h"
#include "util/time.h"

TEST_CASE("format_time_utc is util's RFC 3339 text as `date hh:mm UTC`, in and out of years 0-9999") {
  for (int64_t t : {int64_t{0}, int64_t{-1}, int64_t{951782400}, int64_t{253402300799}, int64_t{253402300800},
                    int64_t{-62167219201}}) {
    std::string iso = fb::format_rfc3339_utc(t);
    CHECK(fb::format_time_utc(t) == iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC");
  }
  CHECK(fb::format_time_utc(1772632320) == "2026-03-04 13:52 UTC");
}

TEST_CASE("url_encode_path keeps unreserved bytes and slashes and percent-encodes the rest") {
  CHECK(fb::url_encode_path("runbooks/orders-db/pool_v1.2~x/index.html") == "runbooks/orders-db/pool_v1.2~x/index.html");
  CHECK(fb::url_encode_path("a b#c?d%e") == "a%20b%23c%3Fd%25e");
  CHECK(fb::url_encode_path("数") == "%E6%95%B0");
  CHECK(fb::url_encode_path("") == "");
  CHECK(fb::url_encode_path(" ") == "%20");
  CHECK(fb::url_encode_path("x\xff") == "x%FF");
}

TEST_CASE("escape_html replaces the five special characters wherever they are, in strings of any length") {
  auto reference = [](const std::string& s) {
    std::string out;
    for (char c : s) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
      }
    }
    return out;
  };
  // Every special character (and a harmless neighbour of each) at every position of strings up to
  // three words long, so both the eight-bytes-at-a-time scan and the tail loop see it.
  for (size_t len = 0; len <= 24; ++len) {
    for (size_t pos = 0; pos < len; ++pos) {
      for (char c : std::string("&<>\"'%;=?\x80\x7f")) {
        std::string s(len, 'a');
        s[pos] = c;
        REQUIRE(fb::escape_html(s) == reference(s));
      }
    }
  }
  CHECK(fb::escape_html("Orders DB: \"pool\" <exhausted> & 'slow'") ==
        "Orders DB: &quot;pool&quot; &lt;exhausted&gt; &amp; &#39;slow&#39;");
}
