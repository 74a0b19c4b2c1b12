#include <ita/thai/search_key.hpp>

#include <gtest/gtest.h>

using ita::thai::search_key;
using ita::thai::skeleton_key;

namespace {
bool finds(const std::string& name, const std::string& query) { return search_key(name).find(search_key(query)) != std::string::npos; }
bool loosely_finds(const std::string& name, const std::string& query) {
    return skeleton_key(search_key(name)).find(skeleton_key(search_key(query))) != std::string::npos;
}
}  // namespace

TEST(SearchKey, DecomposedSaraAmMeetsTheComposedOne) {
    // น ้ ำ as typed, and น ้ ํ า / น ํ ้ า as PDFs and some keyboards give it.
    EXPECT_EQ(search_key("น้ำพอง"), search_key("น\u0E49\u0E4D\u0E32พอง"));
    EXPECT_EQ(search_key("น้ำพอง"), search_key("น\u0E4D\u0E49\u0E32พอง"));
    EXPECT_TRUE(finds("เทศบาลตำบลน้ำพอง", "ต\u0E4D\u0E32บลน\u0E4D\u0E49\u0E32พอง"));
}

TEST(SearchKey, SpacesZeroWidthAndPunctuationDoNotMatter) {
    EXPECT_TRUE(finds("องค์การบริหารส่วนตำบล บ้านฝาง", "ส่วนตำบลบ้านฝาง"));
    EXPECT_TRUE(finds("องค์การบริหารส่วนตำบลบ้านฝาง", "บ้าน ฝาง"));
    EXPECT_TRUE(finds("เทศบาลเมือง\u200Bแจระแม", "เมืองแจระแม"));
    EXPECT_TRUE(finds("สำนักงาน ป.ป.ช.", "ปปช"));
}

TEST(SearchKey, LeadingVowelTypedAfterItsConsonant) {
    // เ before ม is how Thai is stored; ม before เ is how it is said and sometimes typed.
    EXPECT_TRUE(loosely_finds("เทศบาลเมืองแจระแม", "มเือง"));
    EXPECT_TRUE(loosely_finds("เทศบาลเมืองแจระแม", "ทเศบาล"));
    EXPECT_TRUE(loosely_finds("โรงเรียน", "รโงรเียน"));
    EXPECT_FALSE(finds("เทศบาลเมืองแจระแม", "ทเศบาล"));                  // only the loose key forgives it
    EXPECT_FALSE(loosely_finds("เทศบาลเมืองแจระแม", "ทศบาลเมืองแจรแม"));  // a vowel left out (ะ) still differs
}

TEST(SearchKey, ToneMarkAndUpperVowelInEitherOrder) {
    EXPECT_EQ(search_key("กั่ว"), search_key("ก\u0E48\u0E31ว"));
    EXPECT_EQ(search_key("ที่"), search_key("ท\u0E48\u0E35"));
}

TEST(SearchKey, DigitsAndLatinCase) {
    EXPECT_EQ(search_key("อบต. หมู่ ๑๒"), search_key("อบต หมู่ 12"));
    EXPECT_EQ(search_key("A00042"), search_key("a00042"));
}

TEST(SearchKey, DifferentNamesStayApart) {
    EXPECT_FALSE(finds("เทศบาลตำบลน้ำพอง", "น้ำพุ"));
    EXPECT_FALSE(finds("เทศบาลตำบลบ้านฝาง", "บ้านไผ่"));
    EXPECT_NE(search_key("แก"), search_key("เก"));
    EXPECT_EQ(search_key("   "), "");
}
