#include <ita/ingest/methodology_reader.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace ita;

TEST(MethodologyReader, AllEmbeddedYearsLoad) {
    EXPECT_EQ(ingest::embedded_methodology_years(), (std::vector<int>{2563, 2564, 2565, 2566, 2567, 2568}));
    for (const int year : ingest::embedded_methodology_years()) {
        const auto methodology = ingest::load_methodology(year, std::nullopt);
        ASSERT_TRUE(methodology) << methodology.error().to_string();
        EXPECT_EQ(methodology->fiscal_year, year);
        EXPECT_EQ(methodology->indicators.size(), 10u);
        EXPECT_EQ(methodology->items.size(), 43u);
        EXPECT_EQ(methodology->questions.size(), 45u);
        EXPECT_EQ(methodology->sub_items.size(), 70u);
    }
}

TEST(MethodologyReader, SubItemsAreCodedInOrderWithTheirOwnKinds) {
    const auto methodology = ingest::load_methodology(2565, std::nullopt);
    ASSERT_TRUE(methodology);
    const auto i11_2 = methodology->sub_item_index("I11.2");
    ASSERT_TRUE(i11_2);
    EXPECT_EQ(methodology->sub_items[*i11_2].kind, core::AnswerKind::scale_reverse);
    EXPECT_EQ(methodology->sub_items[*methodology->sub_item_index("I11.1")].kind, core::AnswerKind::scale);
    EXPECT_TRUE(methodology->sub_item_index("I7"));
    EXPECT_FALSE(methodology->sub_item_index("I7.1"));
    EXPECT_EQ(methodology->status, core::Status::verified);
    EXPECT_EQ(ingest::load_methodology(2566, std::nullopt)->status, core::Status::provisional);
}

TEST(MethodologyReader, StructuralProblemsNameTheJsonPath) {
    const auto result = ingest::parse_methodology(R"({"fiscal_year": 2565, "version": 3, "instruments": [{"code": "XIT"}]})", "bad.json");
    ASSERT_FALSE(result);
    const std::string text = result.error().to_string();
    EXPECT_NE(text.find("bad.json:/version: must be a string"), std::string::npos) << text;
    EXPECT_NE(text.find("bad.json:/instruments/0/code: must be IIT, EIT or OIT"), std::string::npos) << text;
    EXPECT_NE(text.find("bad.json:/pass_mark: is missing"), std::string::npos) << text;
    EXPECT_NE(text.find("bad.json:/instruments/0/weight: is missing"), std::string::npos) << text;
}

TEST(MethodologyReader, InvalidJsonIsAnError) {
    const auto result = ingest::parse_methodology("{ not json", "broken.json");
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().message.find("broken.json: not valid JSON"), std::string::npos);
}

TEST(MethodologyReader, DirectoryOverridesTheEmbeddedCopy) {
    const auto dir = std::filesystem::temp_directory_path() / "ita_methodology_override";
    std::filesystem::create_directories(dir);
    std::ifstream original(std::string(ITA_SOURCE_DIR) + "/methodology/ita-2565.json");
    std::string text((std::istreambuf_iterator<char>(original)), std::istreambuf_iterator<char>());
    const auto at = text.find("\"pass_mark\": 85");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 15, "\"pass_mark\": 80");
    std::ofstream(dir / "ita-2565.json") << text;
    const auto overridden = ingest::load_methodology(2565, dir.string());
    ASSERT_TRUE(overridden) << overridden.error().to_string();
    EXPECT_EQ(overridden->pass_mark, 80);
    // A year the folder does not have still comes from the binary.
    EXPECT_EQ(ingest::load_methodology(2564, dir.string())->pass_mark, 85);
    std::filesystem::remove_all(dir);
}

TEST(MethodologyReader, UnknownYearNamesTheKnownOnes) {
    const auto result = ingest::load_methodology(2550, std::nullopt);
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().message.find("known: 2563, 2564, 2565, 2566, 2567, 2568"), std::string::npos);
}

TEST(MethodologyReader, ANumberOutOfRangeIsBadInputNotACrash) {
    // Found by fuzz_methodology: nlohmann-json throws out_of_range, not parse_error, for this.
    const auto parsed = ita::ingest::parse_methodology("\n844444444444444E888'", "big.json");
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().code, ita::ErrorCode::invalid_input);
    EXPECT_NE(parsed.error().message.find("big.json: not valid JSON"), std::string::npos) << parsed.error().message;
}

TEST(MethodologyReader, AHugeWholeNumberIsAProblemAtItsPointer) {
    // Found by fuzz_methodology: a fiscal year of 3.3e99 was cast to int (undefined behaviour).
    const auto parsed = ita::ingest::parse_methodology(R"({"fiscal_year": 3.3e99})", "huge.json");
    ASSERT_FALSE(parsed);
    EXPECT_NE(parsed.error().to_string().find("/fiscal_year"), std::string::npos) << parsed.error().to_string();
    EXPECT_NE(parsed.error().to_string().find("must be a whole number from 2500 to 2700"), std::string::npos) << parsed.error().to_string();
}
