#include <ita/server/router.hpp>

#include <ita/server/status_mapping.hpp>

#include <exception>

namespace ita::server {

namespace {
std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> segments;
    while (!path.empty()) {
        if (path.front() == '/') {
            path.remove_prefix(1);
            continue;
        }
        const auto slash = path.find('/');
        segments.emplace_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash);
    }
    return segments;
}
}  // namespace

namespace {
std::string join_path(const std::vector<std::string>& segments) {
    std::string path;
    for (const auto& segment : segments) path += "/" + segment;
    return path.empty() ? "/" : path;
}
}  // namespace

void Router::add(std::string method, const std::string& pattern, Handler handler) {
    m_routes.push_back({std::move(method), split_path(pattern), std::move(handler)});
}

HttpResponse Router::dispatch(HttpRequest request, std::string* matched) const {
    const auto segments = split_path(request.path);
    bool path_matched = false;
    for (const auto& route : m_routes) {
        if (route.segments.size() != segments.size()) continue;
        std::map<std::string, std::string> params;
        bool matches = true;
        for (std::size_t index = 0; index < segments.size() && matches; ++index) {
            if (route.segments[index].starts_with(':'))
                params[route.segments[index].substr(1)] = segments[index];
            else
                matches = route.segments[index] == segments[index];
        }
        if (!matches) continue;
        path_matched = true;
        if (route.method != request.method && !(route.method == "GET" && request.method == "HEAD")) continue;
        request.path_params = std::move(params);
        if (matched) *matched = join_path(route.segments);
        try {
            auto response = route.handler(request);
            if (m_error_page && response.status >= 400)
                if (auto page = m_error_page(request, response)) response = std::move(*page);
            return response;
        } catch (const std::exception& error) {
            return server_fault(500, std::string("exception in ") + request.method + " " + join_path(route.segments) + ": " + error.what());
        } catch (...) {
            return server_fault(500, "unknown exception in " + request.method + " " + join_path(route.segments));
        }
    }
    const int status = path_matched ? 405 : 404;
    const std::string message =
        path_matched ? "method " + request.method + " is not allowed on " + request.path : "no such page: " + request.path;
    return m_miss ? m_miss(request, status, message) : json_error(status, message);
}

}  // namespace ita::server
