// What every working-group page shows and links with: the agency, the fiscal year, the
// session's CSRF token for its forms, today for due dates, and whether links must carry
// &agency= (a national admin acting for an agency).
#pragma once

#include <string>

namespace ita::server {

struct AgencyPageScope {
    std::string agency_id;
    std::string agency_name;
    int fiscal_year = 0;
    std::string csrf;
    std::string today;                  // YYYY-MM-DD, for overdue and due-soon marks
    bool act_for_other_agency = false;  // a national admin: links carry &agency=
};

}  // namespace ita::server
