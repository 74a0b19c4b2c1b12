// The chart PNG encoder round-trips pixels exactly (cairo's RGB24 word order handled).
#include <ita/report/png_encoder.hpp>

#include <gtest/gtest.h>

#include <cstring>

using namespace ita;

TEST(PngEncoder, CairoReadsBackEveryPixelAsPainted) {
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 3, 2);
    cairo_t* cairo = cairo_create(surface);
    const double colours[][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.16, 0.45, 0.70}, {1, 1, 1}, {0, 0, 0}};
    for (int index = 0; index < 6; ++index) {
        cairo_set_source_rgb(cairo, colours[index][0], colours[index][1], colours[index][2]);
        cairo_rectangle(cairo, index % 3, index / 3, 1, 1);
        cairo_fill(cairo);
    }
    cairo_destroy(cairo);
    const auto png = report::encode_png(surface);
    ASSERT_GT(png.size(), 8u);
    EXPECT_EQ(std::memcmp(png.data(), "\x89PNG\r\n\x1a\n", 8), 0);

    struct Reader {
        const std::vector<std::uint8_t>* bytes;
        std::size_t at = 0;
    } reader{&png};
    cairo_surface_t* decoded = cairo_image_surface_create_from_png_stream(
        [](void* closure, unsigned char* data, unsigned int length) {
            auto* from = static_cast<Reader*>(closure);
            if (from->at + length > from->bytes->size()) return CAIRO_STATUS_READ_ERROR;
            std::memcpy(data, from->bytes->data() + from->at, length);
            from->at += length;
            return CAIRO_STATUS_SUCCESS;
        },
        &reader);
    ASSERT_EQ(cairo_surface_status(decoded), CAIRO_STATUS_SUCCESS);
    ASSERT_EQ(cairo_image_surface_get_width(decoded), 3);
    ASSERT_EQ(cairo_image_surface_get_height(decoded), 2);
    cairo_surface_flush(decoded);
    for (int row = 0; row < 2; ++row)
        for (int column = 0; column < 3; ++column) {
            const auto pixel = [&](cairo_surface_t* image) {
                const auto* line = cairo_image_surface_get_data(image) + row * cairo_image_surface_get_stride(image);
                std::uint32_t word;
                std::memcpy(&word, line + column * 4, 4);
                return word & 0xFFFFFFu;
            };
            EXPECT_EQ(pixel(decoded), pixel(surface)) << "row " << row << " column " << column;
        }
    cairo_surface_destroy(decoded);
    cairo_surface_destroy(surface);
}
