// The deployment's secret key. It turns survey codes, browser tokens, session tokens and the
// respondent labels of imported files into the keyed hashes the database keeps, and seals the
// answers held until their survey window closes. It lives in a file outside the database, so
// that the database, its WAL, replicas and backups, read together with a printed code sheet,
// can neither recognise a code nor open a held answer. The database keeps only a check value
// (a keyed hash of a fixed text), so a process started with the wrong file is refused.
//
// Where: --secrets (use_secrets_file), else the environment variable ITA_SECRETS, else ${XDG_CONFIG_HOME:-$HOME/.config}/ita/secrets.
// Created (mode 0600) when a database without a key first opens; never created for a database
// that already has one. Thread-safe (no shared state).
#pragma once

#include <ita/util/error.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace ita::storage {

struct Secrets {
    std::vector<std::uint8_t> key;
    std::string path;
    bool created = false;  // made by this call: the caller tells the user where it is
};

// The secrets file's path by the rule above; invalid_input when neither variable is set.
Result<std::string> secrets_path();

// Uses `path` from now on, whatever ITA_SECRETS says (--secrets, the config file's `secrets`).
// At start-up only: not synchronised.
void use_secrets_file(std::string path);

// Reads the key from `path`; not_found when there is no such file, invalid_input when it is
// not a secrets file (the message names the file and line).
Result<Secrets> read_secrets(const std::string& path);

// Reads `path`, or creates it holding `adopt` (a key moved out of an older database) or a new
// random key. Two processes creating it at once end with one file both read.
Result<Secrets> read_or_create_secrets(const std::string& path, std::optional<std::span<const std::uint8_t>> adopt);

// What the database keeps to recognise its key: hex of a keyed hash of a fixed text.
std::string secret_check(std::span<const std::uint8_t> key);

// Checks a database's stored check value against the key, and says what to do when they differ.
Result<void> require_matching_secrets(const Secrets& secrets, const std::string& stored_check);

// What a database's settings say about its key, and what to write back: both backends decide
// alike. `stored_check`: the database's check value, if any; `legacy_key`: a key an older schema
// kept in the database, if any (it moves to the file, and the database then drops it).
struct SettledSecrets {
    Secrets secrets;
    bool write_check = false;
    bool drop_legacy = false;
};
Result<SettledSecrets> settle_secrets(const std::optional<std::string>& stored_check,
                                      const std::optional<std::vector<std::uint8_t>>& legacy_key);

}  // namespace ita::storage
