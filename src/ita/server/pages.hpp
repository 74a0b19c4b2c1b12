// HTML pages from mustache templates (resources/templates, compiled into the binary; with
// ITA_TEMPLATE_DIR set, files there are read instead, for development). The only translation
// unit with kainjow mustache. Escapes by default. Thread-safe.
#pragma once

#include <ita/core/methodology.hpp>
#include <ita/server/http_types.hpp>

#include <map>
#include <string>
#include <vector>

namespace ita::server {

// The survey form of a code; `answers` refills it after a rejected submission.
HttpResponse survey_page(const core::Methodology& methodology, const std::vector<std::size_t>& questions, const std::string& code,
                         const std::map<std::string, std::string>& answers, const std::vector<std::string>& errors, int status = 200);

// A page with a heading and one message (thanks, a spent code, an unknown code).
HttpResponse message_page(int status, const std::string& heading, const std::string& message);

}  // namespace ita::server
