#include <ita/ingest/methodology_reader.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

using namespace ita;

TEST(MethodologyReader, AllEmbeddedYearsLoad) {
    EXPECT_EQ(ingest::embedded_methodology_years(), (std::vector<int>{2563, 2564, 2565, 2566, 2567, 2568, 2569, 2570}));
    // OIT items per year as ../shared/methodology-sources counts them: 2565's 43; 2566's 43 (the
    // schools' copy); 2567 = 2566 less แผนยุทธศาสตร์ as o4 (assumed); about 26 in 2568 and 2569,
    // which also carry the Ministry of Public Health's MOIT1–MOIT22 for its own agencies; 2570 is
    // 2569 carried over (ita methodology new) until the NACC publishes its lists.
    const std::map<int, std::size_t> items{{2563, 43}, {2564, 43},      {2565, 43},      {2566, 43},
                                           {2567, 42}, {2568, 26 + 22}, {2569, 26 + 22}, {2570, 26 + 22}};
    for (const int year : ingest::embedded_methodology_years()) {
        const auto methodology = ingest::load_methodology(year, std::nullopt);
        ASSERT_TRUE(methodology) << methodology.error().to_string();
        EXPECT_EQ(methodology->fiscal_year, year);
        EXPECT_EQ(methodology->indicators.size(), 10u);
        EXPECT_EQ(methodology->items.size(), items.at(year)) << year;
        EXPECT_EQ(methodology->questions.size(), 45u);
        EXPECT_EQ(methodology->sub_items.size(), 70u);
    }
}

namespace {
std::string item_name(const core::Methodology& methodology, const std::string& code) {
    const auto index = methodology.item_index(code);
    return index ? methodology.items[*index].name : "(none)";
}
bool has_item_named(const core::Methodology& methodology, const std::string& name) {
    return std::any_of(methodology.items.begin(), methodology.items.end(), [&](const auto& item) { return item.name == name; });
}
}  // namespace

// What the public sources say of each year (../shared/methodology-sources/README.md), item by item.
TEST(MethodologyReader, LaterYearsCarryTheListsTheSourcesGive) {
    const auto y2566 = ingest::load_methodology(2566, std::nullopt);
    const auto y2567 = ingest::load_methodology(2567, std::nullopt);
    const auto y2568 = ingest::load_methodology(2568, std::nullopt);
    const auto y2569 = ingest::load_methodology(2569, std::nullopt);
    ASSERT_TRUE(y2566 && y2567 && y2568 && y2569);
    // 2566: No Gift Policy in three items, three ethics items, the plan/reports merged.
    EXPECT_EQ(item_name(*y2566, "O31"), "ประกาศเจตนารมณ์นโยบาย No Gift Policy จากการปฏิบัติหน้าที่");
    EXPECT_EQ(item_name(*y2566, "O39"), "ประมวลจริยธรรมสำหรับเจ้าหน้าที่ของรัฐ");
    EXPECT_EQ(item_name(*y2566, "O11"), "แผนดำเนินงานและการใช้งบประมาณประจำปี");
    EXPECT_FALSE(has_item_named(*y2566, "ช่องทางการรับฟังความคิดเห็น"));
    EXPECT_EQ(y2566->sub_indicators.size(), 7u);  // 9.1–9.5, 10.1–10.2
    // 2567: o4 is the contact information.
    EXPECT_EQ(item_name(*y2567, "O4"), "ข้อมูลการติดต่อ");
    // 2568: O1 merges structure and authority; no monthly procurement summary.
    EXPECT_EQ(item_name(*y2568, "O1"), "โครงสร้างและอำนาจหน้าที่");
    EXPECT_FALSE(has_item_named(*y2568, "สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน"));
    // Indicator 9 is O1–O20 (seed 000's 85.00 = 17/20), beside MOIT's groups 1–4 for the ministry's agencies.
    const auto& nine = y2568->indicators[*y2568->indicator_index(9)];
    EXPECT_EQ(nine.sub_indicators.size(), 5u);
    EXPECT_EQ(y2568->sub_indicators[nine.sub_indicators[0]].items.size(), 20u);
    // 2569: the monthly summary is back as O11; O25 is the use of the ITA result.
    EXPECT_EQ(item_name(*y2569, "O11"), "สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน");
    EXPECT_EQ(item_name(*y2569, "O25"), "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร");
}

// No inferred or assumed element is presented as official, and each names a listed source or says why not.
TEST(MethodologyReader, NothingAfter2565IsPresentedAsOfficial) {
    for (const int year : {2566, 2567, 2568, 2569, 2570}) {
        const auto methodology = ingest::load_methodology(year, std::nullopt);
        ASSERT_TRUE(methodology);
        EXPECT_EQ(methodology->status, core::Status::provisional) << year;
        for (const auto& item : methodology->items) {
            if (!item.variant.empty()) continue;  // the ministry's own list, below
            EXPECT_FALSE(item.provenance.is_official()) << year << ' ' << item.code;
            EXPECT_TRUE(!item.provenance.source.empty() || !item.provenance.note.empty()) << year << ' ' << item.code;
        }
        for (const auto& question : methodology->questions) EXPECT_FALSE(question.provenance.is_official()) << year << ' ' << question.code;
    }
    // MOIT: one hospital's 2569 list states it; 2568's titles come from pages that name the year.
    const auto y2568 = ingest::load_methodology(2568, std::nullopt);
    const auto y2569 = ingest::load_methodology(2569, std::nullopt);
    ASSERT_TRUE(y2568 && y2569);
    EXPECT_TRUE(y2569->items[*y2569->item_index("MOIT13")].provenance.is_official());
    EXPECT_EQ(y2568->items[*y2568->item_index("MOIT13")].provenance.confidence, core::Confidence::inferred);
    EXPECT_EQ(y2569->variant_for("โรงพยาบาลชุมชน")->code, "MOIT");
    EXPECT_EQ(y2569->variant_for("เทศบาลตำบล"), nullptr);
    const auto y2570 = ingest::load_methodology(2570, std::nullopt);
    ASSERT_TRUE(y2570);
    EXPECT_FALSE(y2570->items[*y2570->item_index("MOIT13")].provenance.is_official());  // 2569's, carried over
    // The official 2564 form is the one verified IIT wording.
    const auto y2564 = ingest::load_methodology(2564, std::nullopt);
    ASSERT_TRUE(y2564);
    const auto& i29 = y2564->questions[*y2564->question_index("I29")];
    EXPECT_TRUE(i29.provenance.is_official());
    EXPECT_EQ(i29.provenance.source, "nacc-iit-2564");
    EXPECT_NE(i29.text.find("ผลการตรวจสอบของฝ่ายตรวจสอบ"), std::string::npos);
    // Seed 002 gives 2566's national target as 80 and as 84: both are kept, 80 is used.
    const auto y2566 = ingest::load_methodology(2566, std::nullopt);
    ASSERT_TRUE(y2566);
    ASSERT_EQ(y2566->national_target_citations.size(), 2u);
    EXPECT_EQ(y2566->national_target_percent, 80);
    EXPECT_EQ(y2566->national_target_citations[1].percent, 84);
}

TEST(MethodologyReader, AVariantNeedsItsItemsAndOneListPerAgencyType) {
    auto text = ingest::methodology_text(2569, std::nullopt);
    ASSERT_TRUE(text);
    std::string edited(*text);
    for (std::size_t at = edited.find("\"variant\": \"MOIT\""); at != std::string::npos; at = edited.find("\"variant\": \"MOIT\"", at))
        edited.replace(at, std::string("\"variant\": \"MOIT\"").size(), "\"variant\": \"MOPH\"");
    const auto unknown = ingest::parse_methodology(edited, "ita-2569.json");
    ASSERT_FALSE(unknown);
    const std::string message = unknown.error().to_string();
    EXPECT_NE(message.find("/variant: names variant MOPH, which /oit_variants does not list"), std::string::npos) << message;
    EXPECT_NE(message.find("/oit_variants/0: no OIT item names variant MOIT"), std::string::npos) << message;
}

TEST(MethodologyReader, ProvenanceMustNameAListedSourceAndAgreeWithStatus) {
    auto text = ingest::methodology_text(2569, std::nullopt);
    ASSERT_TRUE(text);
    std::string edited(*text);
    const auto at = edited.find("\"source\": \"rtrda-2569\"");
    ASSERT_NE(at, std::string::npos);
    edited.replace(at, std::string("\"source\": \"rtrda-2569\"").size(), "\"source\": \"nowhere\"");
    const auto unknown = ingest::parse_methodology(edited, "ita-2569.json");
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().to_string().find("/provenance/source: names source \"nowhere\""), std::string::npos)
        << unknown.error().to_string();
    edited = *text;
    const auto target = edited.find("\"national_target_percent\": 80");
    ASSERT_NE(target, std::string::npos);
    edited.insert(target + std::string("\"national_target_percent\": 80").size(),
                  ", \"national_target_sources\": [{\"percent\": 84, \"source\": \"seed002\"}]");
    const auto uncited = ingest::parse_methodology(edited, "ita-2569.json");
    ASSERT_FALSE(uncited);
    EXPECT_NE(uncited.error().to_string().find("/national_target_percent: must be one of the percentages"), std::string::npos);
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
