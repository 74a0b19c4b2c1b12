#include <ita/core/synthetic_nation.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

namespace ita::core {

namespace {

// Agency types in roughly national proportions (8,317 agencies in all), with the typical
// headcount of staff with ≥ 1 year of service and the typical number of EIT respondents.
struct TypeProfile {
    std::string_view name;
    std::string_view name_prefix;
    std::uint32_t national_count;
    std::uint32_t headcount_min, headcount_max;
    std::uint32_t eit_min, eit_max;
    bool central;  // central agencies sit in Bangkok
};

constexpr std::array<TypeProfile, 13> type_profiles{{
    {"องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนตำบล", 5300, 15, 70, 70, 120, false},
    {"เทศบาลตำบล", "เทศบาลตำบล", 2247, 20, 90, 80, 130, false},
    {"เทศบาลเมือง", "เทศบาลเมือง", 195, 100, 400, 120, 250, false},
    {"เทศบาลนคร", "เทศบาลนคร", 30, 400, 1500, 200, 400, false},
    {"องค์การบริหารส่วนจังหวัด", "องค์การบริหารส่วนจังหวัด", 76, 150, 600, 150, 300, false},
    {"องค์กรปกครองส่วนท้องถิ่นรูปแบบพิเศษ", "เมือง", 2, 1500, 4000, 300, 500, false},
    {"จังหวัด", "จังหวัด", 76, 200, 800, 150, 300, false},
    {"ส่วนราชการระดับกรม", "กรม", 146, 300, 3000, 150, 400, true},
    {"รัฐวิสาหกิจ", "การ", 52, 300, 3000, 150, 400, true},
    {"องค์การมหาชน", "สำนักงาน", 56, 50, 400, 100, 250, true},
    {"สถาบันอุดมศึกษา", "มหาวิทยาลัย", 83, 300, 2500, 150, 400, false},
    {"องค์กรอิสระและหน่วยงานศาล", "สำนักงาน", 12, 300, 2000, 150, 300, true},
    {"หน่วยงานอื่นของรัฐ", "สำนักงาน", 42, 30, 300, 80, 200, true},
}};

constexpr std::array<std::string_view, 77> provinces{
    "กรุงเทพมหานคร", "กระบี่",         "กาญจนบุรี",       "กาฬสินธุ์",  "กำแพงเพชร", "ขอนแก่น",  "จันทบุรี",    "ฉะเชิงเทรา", "ชลบุรี",   "ชัยนาท",
    "ชัยภูมิ",         "ชุมพร",         "เชียงราย",       "เชียงใหม่", "ตรัง",       "ตราด",    "ตาก",      "นครนายก",   "นครปฐม", "นครพนม",
    "นครราชสีมา",    "นครศรีธรรมราช", "นครสวรรค์",      "นนทบุรี",   "นราธิวาส",   "น่าน",     "บึงกาฬ",    "บุรีรัมย์",     "ปทุมธานี", "ประจวบคีรีขันธ์",
    "ปราจีนบุรี",      "ปัตตานี",        "พระนครศรีอยุธยา", "พะเยา",   "พังงา",      "พัทลุง",    "พิจิตร",     "พิษณุโลก",    "เพชรบุรี", "เพชรบูรณ์",
    "แพร่",          "ภูเก็ต",         "มหาสารคาม",     "มุกดาหาร", "แม่ฮ่องสอน",  "ยโสธร",   "ยะลา",     "ร้อยเอ็ด",    "ระนอง",  "ระยอง",
    "ราชบุรี",        "ลพบุรี",         "ลำปาง",         "ลำพูน",    "เลย",       "ศรีสะเกษ", "สกลนคร",   "สงขลา",     "สตูล",    "สมุทรปราการ",
    "สมุทรสงคราม",   "สมุทรสาคร",     "สระแก้ว",        "สระบุรี",   "สิงห์บุรี",     "สุโขทัย",   "สุพรรณบุรี",  "สุราษฎร์ธานี", "สุรินทร์",  "หนองคาย",
    "หนองบัวลำภู",    "อ่างทอง",       "อำนาจเจริญ",     "อุดรธานี",  "อุตรดิตถ์",    "อุทัยธานี",  "อุบลราชธานี"};

constexpr std::array<std::string_view, 16> name_heads{"หนอง", "โนน", "ดอน", "นา", "ห้วย", "โคก",  "ท่า",  "บึง",
                                                      "สระ",  "บ้าน", "วัง",  "ทุ่ง", "เขา", "คลอง", "บาง", "ป่า"};
constexpr std::array<std::string_view, 24> name_tails{"แก้ว", "ใหญ่",    "สูง",     "ทอง",    "คำ",  "ตะเคียน", "ม่วง",  "ยาง",
                                                      "ไผ่",  "จันทร์",   "แดง",    "เหล็ก",   "บัว",  "ขาม",    "เกลือ", "หิน",
                                                      "กุง",  "ปลาค้าว", "สองห้อง", "เสาเล้า", "โพธิ์", "งาม",    "ศรี",   "หลวง"};

double uniform(std::mt19937_64& random) { return static_cast<double>(random() >> 11) * 0x1.0p-53; }

std::uint32_t between(std::mt19937_64& random, std::uint32_t low, std::uint32_t high) {
    return low + static_cast<std::uint32_t>(uniform(random) * (high - low + 1));
}

// A bell-shaped draw around 0 with unit spread (sum of uniforms): cheap and portable.
double bell(std::mt19937_64& random) { return (uniform(random) + uniform(random) + uniform(random) + uniform(random) - 2.0) * 1.7; }

std::uint64_t mix(std::uint64_t seed, std::uint64_t value) {
    std::uint64_t state = seed ^ (value + 0x9E3779B97F4A7C15ULL + (seed << 6) + (seed >> 2));
    state = (state ^ (state >> 30)) * 0xBF58476D1CE4E5B9ULL;
    state = (state ^ (state >> 27)) * 0x94D049BB133111EBULL;
    return state ^ (state >> 31);
}

}  // namespace

SyntheticNation::SyntheticNation(const Methodology& methodology, std::size_t agency_count, std::uint64_t seed) :
        m_methodology(methodology), m_seed(seed) {
    std::uint64_t national_total = 0;
    for (const auto& profile : type_profiles) national_total += profile.national_count;
    // Each type gets its share of the agencies; the largest type absorbs rounding.
    std::vector<std::size_t> counts(type_profiles.size());
    std::size_t assigned = 0;
    for (std::size_t type = 1; type < type_profiles.size(); ++type) {
        counts[type] = static_cast<std::size_t>(
            std::llround(static_cast<double>(agency_count) * type_profiles[type].national_count / static_cast<double>(national_total)));
        assigned += counts[type];
    }
    counts[0] = agency_count > assigned ? agency_count - assigned : 0;
    std::mt19937_64 random(mix(seed, 0xA6E1C1E5));
    std::size_t number = 0;
    for (std::size_t type = 0; type < type_profiles.size(); ++type) {
        const auto& profile = type_profiles[type];
        for (std::size_t count = 0; count < counts[type] && number < agency_count; ++count) {
            ++number;
            Agency agency;
            char id[32];
            std::snprintf(id, sizeof id, "A%05zu", number);
            agency.agency_id = id;
            agency.type = std::string(profile.name);
            agency.province = std::string(profile.central ? provinces[0] : provinces[1 + between(random, 0, provinces.size() - 2)]);
            const std::string place = std::string(name_heads[between(random, 0, name_heads.size() - 1)]) +
                                      std::string(name_tails[between(random, 0, name_tails.size() - 1)]);
            agency.name = std::string(profile.name_prefix) + place;
            agency.headcount = between(random, profile.headcount_min, profile.headcount_max);
            m_agencies.push_back(std::move(agency));
            m_type_of_agency.push_back(static_cast<std::uint32_t>(type));
        }
    }
}

SyntheticNation::AgencyStream SyntheticNation::start(std::size_t agency) const {
    AgencyStream stream{std::mt19937_64(mix(m_seed, agency + 1)), 0, {}};
    const auto& profile = type_profiles[m_type_of_agency[agency]];
    // Most agencies do well; a tail does badly (national pass rates are around 60–80 %).
    stream.quality = std::clamp(0.80 + 0.09 * bell(stream.random), 0.25, 0.995);
    const auto headcount = static_cast<double>(*m_agencies[agency].headcount);
    const double iit_share = 0.5 + 0.4 * uniform(stream.random);
    auto iit = static_cast<long long>(std::min(400.0, std::max(5.0, std::round(headcount * iit_share))));
    // Working groups chase the minimum sample; about one agency in thirty falls short.
    if (uniform(stream.random) > 0.035) iit = std::max(iit, m_methodology.minimum_sample.iit_minimum(static_cast<long long>(headcount)));
    stream.respondents[0] = static_cast<std::uint32_t>(iit);
    stream.respondents[1] = between(stream.random, profile.eit_min, profile.eit_max);
    // A few agencies collect no EIT at all: their overall score is withheld.
    if (uniform(stream.random) < 0.003) stream.respondents[1] = 0;
    return stream;
}

void SyntheticNation::fill_answers(AgencyStream& stream, Instrument instrument, AnswerRow& answers) const {
    const double leniency = 0.08 * bell(stream.random);
    std::fill(answers.begin(), answers.end(), -1);
    for (std::size_t index = 0; index < m_methodology.sub_items.size(); ++index) {
        const auto& sub_item = m_methodology.sub_items[index];
        if (m_methodology.questions[sub_item.question].instrument != instrument) continue;
        if (uniform(stream.random) < 0.02) continue;  // left unanswered
        const double tendency = stream.quality + leniency + 0.12 * bell(stream.random);
        if (is_yes_no(sub_item.kind)) {
            const bool good = uniform(stream.random) < std::clamp(0.55 + 0.45 * tendency, 0.0, 0.995);
            // YN−: "no" is the good answer; YN+: "yes" is.
            const bool says_yes = sub_item.kind == AnswerKind::yes_no_present_scores ? good : !good;
            answers[index] = says_yes ? 0 : 1;
            continue;
        }
        const int level = tendency > 0.78 ? 3 : tendency > 0.55 ? 2 : tendency > 0.3 ? 1 : 0;  // 0 worst .. 3 best
        answers[index] = static_cast<std::int8_t>(sub_item.kind == AnswerKind::scale_reverse ? 3 - level : level);
    }
}

std::vector<bool> SyntheticNation::oit_verdicts(std::size_t agency) const {
    AgencyStream stream = start(agency);
    std::mt19937_64 random(mix(m_seed ^ 0x0171, agency + 1));
    std::vector<bool> verdicts(m_methodology.items.size());
    const double accept = std::clamp(0.45 + 0.6 * stream.quality, 0.0, 1.0);
    for (std::size_t index = 0; index < verdicts.size(); ++index) verdicts[index] = uniform(random) < accept;
    return verdicts;
}

}  // namespace ita::core
