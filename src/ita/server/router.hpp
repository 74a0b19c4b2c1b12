// Router: method + path pattern ("/api/v1/agencies/:id/scores") → handler. Matching is by
// whole segments; ":name" captures one segment into HttpRequest::path_params. Immutable once
// built; dispatch is thread-safe.
#pragma once

#include <ita/server/http_types.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ita::server {

using Handler = std::function<HttpResponse(const HttpRequest&)>;
// What answers a request no route takes: its status (404 or 405) and an English message for scripts.
using Miss = std::function<HttpResponse(const HttpRequest&, int status, const std::string& message)>;

class Router {
public:
    void add(std::string method, const std::string& pattern, Handler handler);
    // Replaces the JSON error a request no route takes gets (a page for a browser, say).
    void set_miss(Miss miss) { m_miss = std::move(miss); }
    // Replaces a JSON error a handler returned, when `shows` says the request wants a page (a
    // browser's, outside the API): nobody sees raw JSON in a browser.
    using ErrorPage = std::function<std::optional<HttpResponse>(const HttpRequest&, const HttpResponse&)>;
    void set_error_page(ErrorPage page) { m_error_page = std::move(page); }

    // The handler's response; 404 when no pattern matches, 405 when only the method differs.
    // An exception from a handler becomes a 500 JSON error (the one catch-all at the boundary).
    // `matched`, when given, receives the pattern that answered ("/agency/:id"; empty when none
    // did), for the metrics.
    [[nodiscard]] HttpResponse dispatch(HttpRequest request, std::string* matched = nullptr) const;

private:
    struct Route {
        std::string method;
        std::vector<std::string> segments;
        Handler handler;
    };
    std::vector<Route> m_routes;
    Miss m_miss;
    ErrorPage m_error_page;
};

}  // namespace ita::server
