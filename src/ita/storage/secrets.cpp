#include <ita/storage/secrets.hpp>
#include <ita/util/log.hpp>

#include <ita/storage/respondent_key.hpp>
#include <ita/util/mapped_file.hpp>

#include <sodium.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace ita::storage {

namespace {

constexpr std::string_view header = "# ita secrets: keep this file apart from the database and its backups, and back it up on its own.\n";

std::string hex_of(std::span<const std::uint8_t> bytes) {
    std::string text(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(text.data(), text.size(), bytes.data(), bytes.size());
    text.pop_back();
    return text;
}

Result<void> write_new_file(const std::string& path, std::span<const std::uint8_t> key) {
    std::error_code ignored;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
    // Written whole under a temporary name, then linked into place: a reader never sees half a
    // key, and of two processes creating it at once the second finds the first one's file.
    const std::string temporary = path + ".new-" + std::to_string(::getpid());
    const int descriptor = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (descriptor < 0) return fail(ErrorCode::io, "cannot create the secrets file " + path + ": " + std::strerror(errno));
    const std::string text = std::string(header) + hex_of(key) + "\n";
    const bool written = ::write(descriptor, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(descriptor) == 0;
    ::close(descriptor);
    if (!written) {
        ::unlink(temporary.c_str());
        return fail(ErrorCode::io, "cannot write the secrets file " + path);
    }
    const int linked = ::link(temporary.c_str(), path.c_str());
    const int link_error = errno;
    ::unlink(temporary.c_str());
    if (linked != 0 && link_error != EEXIST)
        return fail(ErrorCode::io, "cannot create the secrets file " + path + ": " + std::strerror(link_error));
    return {};
}

// --secrets, when given (use_secrets_file).
std::string& chosen_path() {
    static std::string path;
    return path;
}
}  // namespace

void use_secrets_file(std::string path) { chosen_path() = std::move(path); }

Result<std::string> secrets_path() {
    if (!chosen_path().empty()) return chosen_path();
    if (const char* explicit_path = std::getenv("ITA_SECRETS"); explicit_path && *explicit_path) return std::string(explicit_path);
    if (const char* config = std::getenv("XDG_CONFIG_HOME"); config && *config) return std::string(config) + "/ita/secrets";
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.config/ita/secrets";
    return fail(ErrorCode::invalid_input, "no place for the secrets file: set ITA_SECRETS to its path");
}

Result<Secrets> read_secrets(const std::string& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) return fail(ErrorCode::not_found, "the secrets file " + path + " does not exist");
    if (!S_ISREG(status.st_mode)) return fail(ErrorCode::invalid_input, path + ": the secrets file is not a regular file");
    ITA_TRY(text, util::read_file(path));
    std::size_t line_number = 0, start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        const std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        start = end == std::string::npos ? text.size() : end + 1;
        ++line_number;
        if (line.empty() || line.front() == '#') continue;
        std::vector<std::uint8_t> key(crypto_generichash_KEYBYTES);
        std::size_t length = 0;
        if (line.size() != key.size() * 2 ||
            sodium_hex2bin(key.data(), key.size(), line.data(), line.size(), nullptr, &length, nullptr) != 0 || length != key.size())
            return fail(ErrorCode::invalid_input, path + ":" + std::to_string(line_number) + ": not a key (" +
                                                      std::to_string(key.size() * 2) + " hexadecimal digits expected)");
        return Secrets{std::move(key), path, false};
    }
    return fail(ErrorCode::invalid_input, path + ": the secrets file holds no key");
}

Result<Secrets> read_or_create_secrets(const std::string& path, std::optional<std::span<const std::uint8_t>> adopt) {
    if (auto existing = read_secrets(path); existing || existing.error().code != ErrorCode::not_found) return existing;
    const auto key = adopt ? std::vector<std::uint8_t>(adopt->begin(), adopt->end()) : new_respondent_secret();
    ITA_TRY_VOID(write_new_file(path, key));
    ITA_TRY(written, read_secrets(path));
    written.created = written.key == key;  // another process may have created it first
    return written;
}

std::string secret_check(std::span<const std::uint8_t> key) { return keyed_stamp(key, "secret-check", "ita"); }

Result<void> require_matching_secrets(const Secrets& secrets, const std::string& stored_check) {
    if (secret_check(secrets.key) == stored_check) return {};
    return fail(ErrorCode::invalid_input,
                "the secrets file " + secrets.path + " is not the one this database was created with: set ITA_SECRETS to that file's path");
}

Result<SettledSecrets> settle_secrets(const std::optional<std::string>& stored_check,
                                      const std::optional<std::vector<std::uint8_t>>& legacy_key) {
    ITA_TRY(path, secrets_path());
    if (stored_check) {
        auto secrets = read_secrets(path);
        if (!secrets && secrets.error().code == ErrorCode::not_found)
            return fail(ErrorCode::invalid_input, "this database's key is in a secrets file, and there is none at " + path +
                                                      ": set ITA_SECRETS to the file it was created with");
        if (!secrets) return std::unexpected(secrets.error());
        ITA_TRY_VOID(require_matching_secrets(*secrets, *stored_check));
        return SettledSecrets{std::move(*secrets), false, legacy_key.has_value()};
    }
    std::optional<std::span<const std::uint8_t>> adopt;
    if (legacy_key) adopt = std::span<const std::uint8_t>(*legacy_key);
    ITA_TRY(secrets, read_or_create_secrets(path, adopt));
    if (legacy_key && secrets.key != *legacy_key)
        return fail(ErrorCode::invalid_input, "this database still holds its own key, and the secrets file " + path +
                                                  " holds another: set ITA_SECRETS to a new path, where ita will move the database's key");
    // Said once, where the person who created the database sees it; storage says nothing else.
    if (secrets.created)
        util::log_message(util::LogLevel::warning,
                          std::string("ita: ") +
                              (legacy_key ? "moved the database's key out of the database into " : "created the secrets file ") + path +
                              ": keep it apart from the database and its backups, and back it up on its own");
    return SettledSecrets{std::move(secrets), true, legacy_key.has_value()};
}

}  // namespace ita::storage
