#include <ita/report/qr_svg.hpp>

#include <ita/report/svg_chart.hpp>

#include <qrencode.h>

namespace ita::report {

std::optional<QrModules> qr_modules(const std::string& text) {
    QRcode* code = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code) return std::nullopt;
    QrModules modules;
    modules.width = code->width;
    modules.dark.resize(static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width));
    for (std::size_t index = 0; index < modules.dark.size(); ++index) modules.dark[index] = (code->data[index] & 1) != 0;
    QRcode_free(code);
    return modules;
}

std::string qr_svg(const std::string& text, int size_px) {
    const auto modules = qr_modules(text);
    if (!modules) return {};
    const int width = modules->width;
    const int quiet = 4;  // the quiet zone the standard asks for
    const int total = width + 2 * quiet;
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(size_px) + "\" height=\"" +
                      std::to_string(size_px) + "\" viewBox=\"0 0 " + std::to_string(total) + " " + std::to_string(total) +
                      "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR code: " + escape_html(text) +
                      "\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
    for (int y = 0; y < width; ++y)
        for (int x = 0; x < width; ++x)
            if (modules->at(x, y)) svg += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h1v1h-1z";
    svg += "\"/></svg>";
    return svg;
}

}  // namespace ita::report
