// Pango layouts kept per thread and handed out again for the same text, font and width.
// Every agency's report repeats most of its words — table headings, indicator names, the
// questions' wording, guidance-drafted measures — and shaping Thai (harfbuzz, libthai word
// breaks) was most of a PDF's time. A layout is never changed once made, so sharing is safe
// within the thread; each thread has its own cache because Pango objects are not thread-safe.
#pragma once

#include <pango/pangocairo.h>

#include <memory>
#include <string>

namespace ita::report {

struct LayoutUnref {
    void operator()(PangoLayout* layout) const { g_object_unref(layout); }
};
using Layout = std::unique_ptr<PangoLayout, LayoutUnref>;  // one reference to a layout

struct LayoutKey {
    std::string text;
    std::string font;
    double size = 0;
    bool bold = false;
    double width = 0;
    PangoAlignment align = PANGO_ALIGN_LEFT;
};

// The calling thread's layout of `key` for a PDF page at 72 dpi, made on first use. Draw it on
// any cairo context of a PDF surface; do not change it.
Layout cached_layout(const LayoutKey& key);

}  // namespace ita::report
