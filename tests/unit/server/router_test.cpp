// A failure inside the server tells the client that something failed, never what the server
// holds (a database's message, a path, an exception's text): that goes to the log only.
#include <ita/server/router.hpp>
#include <ita/server/status_mapping.hpp>

#include <gtest/gtest.h>

#include <stdexcept>

TEST(Router, AServerFaultShowsTheClientNoDetail) {
    ita::server::Router router;
    router.add("GET", "/boom", [](const ita::server::HttpRequest&) -> ita::server::HttpResponse {
        throw std::runtime_error("SQLite /var/lib/ita/ita.db: database disk image is malformed");
    });
    ita::server::HttpRequest request;
    request.method = "GET";
    request.path = "/boom";
    testing::internal::CaptureStderr();
    const auto response = router.dispatch(request);
    const auto log = testing::internal::GetCapturedStderr();
    EXPECT_EQ(response.status, 500);
    EXPECT_EQ(response.body.find("/var/lib/ita"), std::string::npos) << response.body;
    EXPECT_NE(log.find("database disk image is malformed"), std::string::npos) << log;
    const auto unavailable = ita::server::error_response({ita::ErrorCode::io, "cannot connect to host=db user=ita password=secret", {}, 0});
    EXPECT_EQ(unavailable.status, 503);
    EXPECT_EQ(unavailable.body.find("secret"), std::string::npos) << unavailable.body;
    const auto refused = ita::server::error_response({ita::ErrorCode::invalid_input, "percent must be from 0 to 100", {}, 0});
    EXPECT_NE(refused.body.find("percent must be from 0 to 100"), std::string::npos);  // a 4xx still says what to fix
}
