#include <ita/report/qr_svg.hpp>

#include <qrencode.h>

namespace ita::report {

std::string qr_svg(const std::string& text, int size_px) {
    QRcode* code = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code) return {};
    const int width = code->width;
    const int quiet = 4;  // the quiet zone the standard asks for
    const int total = width + 2 * quiet;
    std::string svg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(size_px) + "\" height=\"" + std::to_string(size_px) +
        "\" viewBox=\"0 0 " + std::to_string(total) + " " + std::to_string(total) +
        "\" shape-rendering=\"crispEdges\" role=\"img\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
    for (int y = 0; y < width; ++y)
        for (int x = 0; x < width; ++x)
            if (code->data[y * width + x] & 1) svg += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h1v1h-1z";
    svg += "\"/></svg>";
    QRcode_free(code);
    return svg;
}

}  // namespace ita::report
