#include <ita/util/text.hpp>

#include <gtest/gtest.h>

#include <vector>

using namespace ita::util;

TEST(Text, ParsesWholeNumbersOnly) {
    EXPECT_EQ(parse_double("85.32"), 85.32);
    EXPECT_FALSE(parse_double("85.32x"));
    EXPECT_FALSE(parse_double(""));
    EXPECT_EQ(parse_integer("40"), 40);
    EXPECT_FALSE(parse_integer("-4"));
    EXPECT_FALSE(parse_integer("4.5"));
}

TEST(Text, TrimsAndQuotes) {
    EXPECT_EQ(trim("  I7 \t"), "I7");
    EXPECT_EQ(quoted("I99"), "'I99'");
    EXPECT_EQ(ascii_lower("YES มี"), "yes มี");
}

TEST(Text, NextWordTakesWordsOffTheFront) {
    std::string_view rest = "  https://a.go.th/x\thttps://b.go.th \n";
    EXPECT_EQ(next_word(rest), "https://a.go.th/x");
    EXPECT_EQ(next_word(rest), "https://b.go.th");
    EXPECT_EQ(next_word(rest), "");
    EXPECT_TRUE(rest.empty());
    std::string_view websites = "www.a.go.th;b.go.th,,c.go.th";
    std::vector<std::string_view> words;
    for (std::string_view word; !(word = next_word(websites, ";,")).empty();) words.push_back(word);
    EXPECT_EQ(words, (std::vector<std::string_view>{"www.a.go.th", "b.go.th", "c.go.th"}));
    std::string_view blank = " \t ";
    EXPECT_EQ(next_word(blank), "");
}

TEST(Text, InvalidUtf8IsFoundWhereItStarts) {
    using ita::util::invalid_utf8_at;
    EXPECT_FALSE(invalid_utf8_at("agency_id,name\nA1,เทศบาลตำบลทดสอบ\n"));
    EXPECT_FALSE(invalid_utf8_at("\xF0\x9F\x98\x80 ok"));
    EXPECT_EQ(invalid_utf8_at("A1,\xFF"), 3u);
    EXPECT_EQ(invalid_utf8_at("0123456789\xC0\xAF"), 10u);  // an overlong '/'
    EXPECT_EQ(invalid_utf8_at("\xED\xA0\x80"), 0u);         // a surrogate
    EXPECT_EQ(invalid_utf8_at("abc\xE0\xB8"), 3u);          // cut short
    EXPECT_EQ(invalid_utf8_at("\xF4\x90\x80\x80"), 0u);     // above U+10FFFF
}

#include <ita/util/clock.hpp>

#include <cstdlib>
#include <ctime>

TEST(Clock, SeasonDatesAreBangkokDatesWhateverTheHostsZone) {
    // 2026-05-31 17:30 UTC is already 1 June in Bangkok (UTC+7, no daylight saving time).
    ::setenv("TZ", "UTC", 1);
    ::tzset();
    EXPECT_EQ(ita::util::bangkok_date(1780248600), "2026-06-01");
    EXPECT_EQ(ita::util::bangkok_date(1780248600 - 2 * 3600), "2026-05-31");  // 15:30 UTC: 22:30 in Bangkok
    ::setenv("TZ", "America/New_York", 1);
    ::tzset();
    EXPECT_EQ(ita::util::bangkok_date(1780248600), "2026-06-01");
    ::unsetenv("TZ");
    ::tzset();
}
