// A QR code (libqrencode) as its dark modules, and as an inline SVG of them, for code sheets and
// posters. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ita::report {

// The modules of a QR code (error correction M), row by row, without the quiet zone.
struct QrModules {
    int width = 0;
    std::vector<bool> dark;  // width × width
    [[nodiscard]] bool at(int x, int y) const {
        return dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)];
    }
};
// None when the text cannot be encoded.
std::optional<QrModules> qr_modules(const std::string& text);

// The code as an SVG with its 4-module quiet zone, labelled with the text for screen readers;
// empty when the text cannot be encoded.
std::string qr_svg(const std::string& text, int size_px = 132);

}  // namespace ita::report
