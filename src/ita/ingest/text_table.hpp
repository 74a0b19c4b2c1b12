// Flat hash tables keyed by text and looked up by std::string_view, for readers that look a
// text up on every row of a national file: no node to chase, no key string built per look-up.
// (Debian's Abseil has its own string_view type, so the transparent functors are spelt here.)
// Internal to ingest.
#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/hash/hash.h>

#include <string>
#include <string_view>

namespace ita::ingest {

struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept { return absl::Hash<std::string_view>{}(text); }
};
struct TextEqual {
    using is_transparent = void;
    bool operator()(std::string_view left, std::string_view right) const noexcept { return left == right; }
};

// Owns its keys.
template <typename Value>
using TextTable = absl::flat_hash_map<std::string, Value, TextHash, TextEqual>;
// Keys are views of text kept elsewhere for the table's life.
template <typename Value>
using TextViewTable = absl::flat_hash_map<std::string_view, Value, TextHash, TextEqual>;

}  // namespace ita::ingest
