#include <ita/service/agency_websites.hpp>
#include <ita/util/web_url.hpp>

#include <algorithm>

namespace ita::service {

std::vector<std::string> agency_websites(const core::Agency& agency, const std::vector<std::string>& added) {
    std::vector<std::string> sites = agency.websites.value_or(std::vector<std::string>{});
    for (const auto& domain : added)
        if (std::find(sites.begin(), sites.end(), domain) == sites.end()) sites.push_back(domain);
    return sites;
}

Result<std::vector<std::string>> agency_websites(storage::Store& store, const core::Agency& agency) {
    ITA_TRY(added, store.agency_domains(agency.agency_id));
    return agency_websites(agency, added);
}

Result<std::string> add_agency_website(storage::Store& store, const std::string& agency_id, std::string_view website,
                                       std::string_view actor, const std::string& today) {
    const std::string domain = util::website_domain(website);
    if (domain.empty()) return fail(ErrorCode::invalid_input, "เว็บไซต์: ใส่ชื่อโดเมนหรือที่อยู่เว็บไซต์ของหน่วยงาน เช่น www.nongbua.go.th");
    ITA_TRY(added, store.agency_domains(agency_id));
    if (added.size() >= 20 && std::find(added.begin(), added.end(), domain) == added.end())
        return fail(ErrorCode::invalid_input, "เว็บไซต์: เพิ่มได้ไม่เกิน 20 โดเมน ลบโดเมนที่ไม่ใช้แล้วก่อน");
    ITA_TRY_VOID(store.add_agency_domain(agency_id, domain, actor, today));
    return domain;
}

Result<void> remove_agency_website(storage::Store& store, const std::string& agency_id, const std::string& domain, std::string_view actor) {
    return store.remove_agency_domain(agency_id, domain, actor);
}

}  // namespace ita::service
