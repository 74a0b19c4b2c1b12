// PNG bytes of a cairo image surface, encoded for speed: a chart is flat colour and
// anti-aliased text, which fast deflate without row filters packs nearly as small as cairo's
// own writer (every filter tried per row, default deflate) — whose encoding was three
// quarters of a DOCX report's time.
#pragma once

#include <cairo.h>

#include <cstdint>
#include <vector>

namespace ita::report {

// `surface` is a finished CAIRO_FORMAT_RGB24 image surface; the PNG is 8-bit RGB.
std::vector<std::uint8_t> encode_png(cairo_surface_t* surface);

}  // namespace ita::report
