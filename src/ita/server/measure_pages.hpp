// The working group's pages for integrity measures: the year's measures with their reporting
// state, the report downloads, the add form and the 4M constraints (measures_page); one
// measure's edit form, progress reports and removal (measure_edit_page).
#pragma once

#include <ita/core/measure.hpp>
#include <ita/server/agency_page_scope.hpp>
#include <ita/server/http_types.hpp>
#include <ita/server/measure_form.hpp>
#include <ita/service/measure_effectiveness.hpp>

#include <optional>

#include <string>
#include <vector>

namespace ita::server {

struct MeasuresPageView {
    AgencyPageScope scope;
    std::vector<core::Measure> measures;
    bool has_result = false;  // the year before has a result: downloads and drafting offered
    std::string notice;
    FormFields new_measure;  // refills the add form after a rejected submission
    std::vector<std::string> errors;
    core::Constraints constraints;
    std::optional<service::Effectiveness> previous;  // how the year before's measures did, when known
};
HttpResponse measures_page(const MeasuresPageView& view, int status = 200);

struct MeasureEditView {
    AgencyPageScope scope;
    core::Measure measure;
    FormFields values;  // the edit form (the stored measure, or a rejected edit)
    std::vector<std::string> errors;
    FormFields progress_values;
    std::vector<std::string> progress_errors;
};
HttpResponse measure_edit_page(const MeasureEditView& view, int status = 200);

}  // namespace ita::server
