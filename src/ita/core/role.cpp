#include <ita/core/role.hpp>

namespace ita::core {

std::string_view role_code(Role role) {
    switch (role) {
        case Role::national_admin: return "national_admin";
        case Role::agency_admin: return "agency_admin";
        case Role::auditor: return "auditor";
    }
    return "";
}

std::optional<Role> parse_role(std::string_view code) {
    for (const Role role : {Role::national_admin, Role::agency_admin, Role::auditor})
        if (role_code(role) == code) return role;
    return std::nullopt;
}

std::string_view role_label(Role role) {
    switch (role) {
        case Role::national_admin: return "ผู้ดูแลระบบระดับประเทศ";
        case Role::agency_admin: return "คณะทำงาน ITA ของหน่วยงาน";
        case Role::auditor: return "ผู้ตรวจประเมิน";
    }
    return "";
}

std::string_view review_code(ReviewVerdict verdict) {
    switch (verdict) {
        case ReviewVerdict::pending: return "";
        case ReviewVerdict::accepted: return "accepted";
        case ReviewVerdict::rejected: return "rejected";
    }
    return "";
}

std::optional<ReviewVerdict> parse_review(std::string_view code) {
    if (code == "accepted") return ReviewVerdict::accepted;
    if (code == "rejected") return ReviewVerdict::rejected;
    return std::nullopt;
}

}  // namespace ita::core
