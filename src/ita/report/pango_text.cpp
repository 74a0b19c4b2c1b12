#include <ita/report/pango_text.hpp>

#include <ita/thai/word_breaks.hpp>

namespace ita::report {

void set_layout_text(PangoLayout* layout, const std::string& family, double size, bool bold, double width, const std::string& text) {
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, family.c_str());
    pango_font_description_set_size(font, static_cast<int>(size * PANGO_SCALE));
    pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout, font);  // the layout keeps its own copy
    pango_font_description_free(font);
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
    // Lines break only between Thai words as ICU's dictionary knows them: Pango's own Thai
    // breaker (libthai) also splits compounds (เว็บ|ไซต์, ผู้|รับผิดชอบ) and names it does not know.
    // Text that surely fits on one line (no letter is wider than 0.7 of the font's size) never
    // wraps: it needs no word ranges (each costs Pango a scan of the text).
    std::size_t letters = 0;
    for (const char c : text) letters += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    if (text.find('\n') == std::string::npos && static_cast<double>(letters) * size * 0.7 < width) return;
    const auto words = thai::thai_words(text);
    if (words.empty()) return;
    PangoAttrList* attributes = pango_attr_list_new();
    for (const auto& [begin, end] : words) {
        PangoAttribute* no_break = pango_attr_allow_breaks_new(FALSE);
        no_break->start_index = static_cast<guint>(begin);
        no_break->end_index = static_cast<guint>(end);
        pango_attr_list_insert(attributes, no_break);
    }
    pango_layout_set_attributes(layout, attributes);
    pango_attr_list_unref(attributes);
}

}  // namespace ita::report
