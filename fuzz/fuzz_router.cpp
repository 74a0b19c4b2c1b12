// The router on arbitrary methods and paths, with route shapes like ita's own (static segments,
// parameters, both at several depths): a handler's answer, 404 or 405, never a crash; a path
// parameter is always one whole segment of the path.
#include <ita/server/router.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {
ita::server::Router make_router() {
    ita::server::Router router;
    for (const char* pattern :
         {"/", "/healthz", "/login", "/s", "/s/thanks", "/s/:code", "/e/:agency", "/agency/:id", "/agency/:id/badge.svg",
          "/data/:year/:file", "/data/:year/agencies/:file", "/api/v1/agencies/:agency/oit/:item/review",
          "/api/v1/agencies/:agency/measures/:measure/progress", "/admin/oit/:item/evidence/:sha256", "/review/oit/:agency/:item"})
        for (const char* method : {"GET", "POST"})
            router.add(method, pattern, [](const ita::server::HttpRequest& request) {
                for (const auto& [name, value] : request.path_params)
                    if (value.find('/') != std::string::npos) std::abort();
                return ita::server::text_response(200, "ok");
            });
    return router;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto router = make_router();
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto split = text.find(' ');
    ita::server::HttpRequest request;
    request.method = split == std::string::npos ? "GET" : text.substr(0, split);
    request.path = split == std::string::npos ? text : text.substr(split + 1);
    const auto response = router.dispatch(request);
    if (response.status != 200 && response.status != 404 && response.status != 405) std::abort();
    return 0;
}
