// Rendering of the mustache templates (resources/templates, compiled into the binary; with
// ITA_TEMPLATE_DIR set, files there are read instead, for development). Included only by the
// files that build pages, as kainjow mustache is a heavy header. Escapes by default.
#pragma once

#include <ita/server/agency_page_scope.hpp>
#include <ita/server/http_types.hpp>

#include <kainjow/mustache.hpp>

#include <string>
#include <vector>

namespace ita::server {

using kainjow::mustache::data;

// The page `name` rendered with `context` (which gains the shared layout partials).
std::string render_template(const std::string& name, data& context);
// The same as a no-store HTML response.
HttpResponse html_page(int status, const std::string& name, data& context);

// agency, agency_name, year, result_year, csrf, agency_param, year_start, year_end.
void set_agency_scope(data& context, const AgencyPageScope& scope);

// The choices of a <select> (agency types, provinces), in Thai dictionary order: {"name", "selected"} each.
data thai_select_options(std::vector<std::string> types, const std::string& selected);

inline data flag(bool value) { return value ? data::type::bool_true : data::type::bool_false; }

// has_notice, notice, has_errors, errors: the status line and the problems a form page shows.
void set_notice_and_errors(data& context, const std::string& notice, const std::vector<std::string>& errors);

}  // namespace ita::server
