#include <ita/service/kiosks.hpp>

#include <ita/service/surveys.hpp>
#include <ita/util/text.hpp>

namespace ita::service {

Result<std::vector<std::uint8_t>> kiosk_hash(storage::Store& store, const std::string& token) {
    ITA_TRY(stamp, store.stamp("kiosk", token));
    return std::vector<std::uint8_t>(stamp.begin(), stamp.end());
}

Result<std::string> add_kiosk(storage::Store& store, int fiscal_year, const std::string& agency_id, const std::string& label,
                              const std::string& actor, const std::string& today) {
    const std::string trimmed(util::trim(label));
    if (trimmed.empty()) return fail(ErrorCode::invalid_input, "ตั้งชื่อเครื่อง เช่น เคาน์เตอร์ชั้น 1");
    if (util::count_letters(trimmed).letters > 60) return fail(ErrorCode::invalid_input, "ชื่อเครื่องยาวได้ไม่เกิน 60 ตัวอักษร");
    const std::string token = new_token();
    ITA_TRY(hash, kiosk_hash(store, token));
    storage::Kiosk kiosk;
    kiosk.hash = std::move(hash);
    kiosk.fiscal_year = fiscal_year;
    kiosk.agency_id = agency_id;
    kiosk.label = trimmed;
    kiosk.created_by = actor;
    kiosk.created_on = today;
    ITA_TRY_VOID(store.add_kiosk(kiosk));
    return token;
}

Result<std::optional<storage::Kiosk>> kiosk_for(storage::Store& store, int fiscal_year, const std::string& agency_id,
                                                const std::string& token) {
    if (token.size() != 36 || token.find_first_not_of("0123456789abcdef") != std::string::npos) return std::optional<storage::Kiosk>();
    ITA_TRY(hash, kiosk_hash(store, token));
    ITA_TRY(found, store.kiosk(hash));
    if (!found || found->revoked || found->fiscal_year != fiscal_year || found->agency_id != agency_id)
        return std::optional<storage::Kiosk>();
    return found;
}

}  // namespace ita::service
