// Who a signed-in user is to ita, and an auditor's verdict on one OIT item: closed sets of
// values, stored and sent as the codes below. Pure values, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ita::core {

// national_admin runs the season for every agency; agency_admin is one agency's working group;
// auditor reviews OIT evidence.
enum class Role : std::uint8_t { national_admin, agency_admin, auditor };

// "national_admin", "agency_admin", "auditor".
[[nodiscard]] std::string_view role_code(Role role);
[[nodiscard]] std::optional<Role> parse_role(std::string_view code);
// Thai, for pages: ผู้ดูแลระบบระดับประเทศ, คณะทำงาน ITA ของหน่วยงาน, ผู้ตรวจประเมิน.
[[nodiscard]] std::string_view role_label(Role role);
// National admins and auditors review OIT evidence.
[[nodiscard]] inline bool reviews_evidence(Role role) { return role == Role::national_admin || role == Role::auditor; }

// An OIT item's review: none yet, accepted or rejected.
enum class ReviewVerdict : std::uint8_t { pending, accepted, rejected };

// "", "accepted", "rejected".
[[nodiscard]] std::string_view review_code(ReviewVerdict verdict);
// "accepted" or "rejected"; anything else (the empty code too) is nullopt.
[[nodiscard]] std::optional<ReviewVerdict> parse_review(std::string_view code);

}  // namespace ita::core
