#include <ita/report/layout_cache.hpp>

#include <ita/report/pango_text.hpp>

#include <cairo-pdf.h>

#include <string_view>
#include <unordered_map>

namespace ita::report {

namespace {

constexpr std::size_t capacity = 2048;  // layouts per thread (a report has a few hundred; a server grew 24 MB over 300 reports)

struct ContextUnref {
    void operator()(PangoContext* context) const { g_object_unref(context); }
};

// A context with a PDF surface's font options, so that drawing on a real PDF later finds
// nothing to update and keeps every layout valid.
PangoContext* pdf_context() {
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(nullptr, nullptr, 1, 1);
    cairo_t* cairo = cairo_create(surface);
    PangoContext* context = pango_cairo_create_context(cairo);
    pango_cairo_context_set_resolution(context, 72);  // PDF units are points: 16 pt is 16 units
    cairo_destroy(cairo);
    cairo_surface_destroy(surface);
    return context;
}

std::string key_string(const LayoutKey& key) {
    std::string joined;
    joined.reserve(key.text.size() + key.font.size() + 48);
    joined.append(key.font).append(1, '\x1f');
    joined.append(std::to_string(key.size)).append(1, key.bold ? 'b' : 'n');
    joined.append(std::to_string(key.width)).append(1, static_cast<char>('0' + key.align)).append(1, '\x1f');
    joined.append(key.text);
    return joined;
}

class LayoutCache {
public:
    Layout get(const LayoutKey& key) {
        auto joined = key_string(key);
        if (const auto found = m_layouts.find(joined); found != m_layouts.end())
            return Layout(static_cast<PangoLayout*>(g_object_ref(found->second.get())));
        if (m_layouts.size() >= capacity) m_layouts.clear();  // layouts handed out keep their own reference
        Layout layout(pango_layout_new(m_context.get()));
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(layout.get(), key.align);
        set_layout_text(layout.get(), key.font, key.size, key.bold, key.width, key.text);
        Layout handed(static_cast<PangoLayout*>(g_object_ref(layout.get())));
        m_layouts.emplace(std::move(joined), std::move(layout));
        return handed;
    }

private:
    std::unique_ptr<PangoContext, ContextUnref> m_context{pdf_context()};
    std::unordered_map<std::string, Layout> m_layouts;
};

}  // namespace

Layout cached_layout(const LayoutKey& key) {
    thread_local LayoutCache cache;
    return cache.get(key);
}

}  // namespace ita::report
