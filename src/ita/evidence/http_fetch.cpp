#include <ita/evidence/http_fetch.hpp>

#include <curl/curl.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

namespace ita::evidence {

namespace {

struct CurlCleanup {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};

bool is_private(const sockaddr* address) {
    if (address->sa_family == AF_INET) {
        const auto* ipv4 = reinterpret_cast<const sockaddr_in*>(address);
        const std::uint32_t ip = ntohl(ipv4->sin_addr.s_addr);
        const auto in = [&](std::uint32_t network, int bits) { return (ip >> (32 - bits)) == (network >> (32 - bits)); };
        return in(0x00000000, 8) || in(0x0A000000, 8) || in(0x7F000000, 8) || in(0xA9FE0000, 16) || in(0xAC100000, 12) ||
               in(0xC0A80000, 16) || in(0x64400000, 10) || in(0xE0000000, 4) || ip == 0xFFFFFFFF;
    }
    if (address->sa_family == AF_INET6) {
        const auto* ipv6 = reinterpret_cast<const sockaddr_in6*>(address);
        const auto& bytes = ipv6->sin6_addr.s6_addr;
        if (IN6_IS_ADDR_LOOPBACK(&ipv6->sin6_addr) || IN6_IS_ADDR_UNSPECIFIED(&ipv6->sin6_addr) ||
            IN6_IS_ADDR_LINKLOCAL(&ipv6->sin6_addr) || IN6_IS_ADDR_MULTICAST(&ipv6->sin6_addr) ||
            (bytes[0] & 0xFE) == 0xFC)  // fc00::/7 unique local
            return true;
        if (IN6_IS_ADDR_V4MAPPED(&ipv6->sin6_addr)) {
            sockaddr_in mapped{};
            mapped.sin_family = AF_INET;
            std::memcpy(&mapped.sin_addr, bytes + 12, 4);
            return is_private(reinterpret_cast<const sockaddr*>(&mapped));
        }
        return false;
    }
    return true;  // anything else is not the public web
}

struct Transfer {
    std::string* body;
    std::size_t max_bytes;
    bool truncated = false;
    bool allow_private = false;
    bool refused = false;
};

std::size_t keep_bytes(char* data, std::size_t size, std::size_t count, void* closure) {
    auto* transfer = static_cast<Transfer*>(closure);
    const std::size_t length = size * count;
    const std::size_t room = transfer->max_bytes - std::min(transfer->max_bytes, transfer->body->size());
    transfer->body->append(data, std::min(room, length));
    if (length > room) {
        transfer->truncated = true;
        return 0;  // stop reading: libcurl ends the transfer with a write error
    }
    return length;
}

curl_socket_t open_socket(void* closure, curlsocktype, curl_sockaddr* address) {
    auto* transfer = static_cast<Transfer*>(closure);
    if (!transfer->allow_private && is_private(&address->addr)) {
        transfer->refused = true;
        return CURL_SOCKET_BAD;
    }
    return socket(address->family, address->socktype, address->protocol);
}

std::string error_code(CURLcode code, const Transfer& transfer) {
    if (transfer.refused) return "refused_address";
    switch (code) {
        case CURLE_OPERATION_TIMEDOUT: return "timeout";
        case CURLE_COULDNT_RESOLVE_HOST: return "dns";
        case CURLE_COULDNT_CONNECT: return "connect";
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM: return "tls";
        case CURLE_URL_MALFORMAT:
        case CURLE_UNSUPPORTED_PROTOCOL: return "bad_address";
        default: return "failed";
    }
}

}  // namespace

void initialise_fetching() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

FetchResult fetch(const std::string& url, const FetchLimits& limits) {
    initialise_fetching();
    FetchResult result;
    result.url = url;
    std::unique_ptr<CURL, CurlCleanup> handle(curl_easy_init());
    if (!handle) {
        result.error = "failed";
        return result;
    }
    CURL* curl = handle.get();
    const auto deadline = std::chrono::steady_clock::now() + limits.total_timeout;
    std::string current = url;
    for (int hop = 0;; ++hop) {
        result.body.clear();
        Transfer transfer{&result.body, limits.max_bytes, false, limits.allow_private_addresses, false};
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            result.error = "timeout";
            break;
        }
        char error_buffer[CURL_ERROR_SIZE] = {};
        curl_easy_reset(curl);
        curl_easy_setopt(curl, CURLOPT_URL, current.c_str());
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min(limits.connect_timeout, left).count()));
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(left.count()));
        curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // the limit counts decoded bytes
        curl_easy_setopt(curl, CURLOPT_USERAGENT, "ita-evidence-check/1 (ITA OIT readiness)");
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, keep_bytes);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
        curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, open_socket);
        curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &transfer);
        const CURLcode code = curl_easy_perform(curl);
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        result.http_status = status;
        result.final_url = current;
        result.truncated = transfer.truncated;
        if (code != CURLE_OK && !(code == CURLE_WRITE_ERROR && transfer.truncated)) {
            result.error = error_code(code, transfer);
            result.error_detail = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
            break;
        }
        const char* type = nullptr;
        curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type);
        result.content_type = type ? type : "";
        char* location = nullptr;
        curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location);
        if (status < 300 || status >= 400 || !location) break;
        if (hop >= limits.max_redirects) {
            result.error = "too_many_redirects";
            break;
        }
        result.redirects.push_back({current, status});
        current = location;  // libcurl resolves a relative Location against the address asked
    }
    return result;
}

}  // namespace ita::evidence
