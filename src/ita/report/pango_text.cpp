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
    // Lines break only between Thai words as ICU's dictionary knows them: where Pango's own Thai
    // breaker (libthai) would split a word (เว็บ|ไซต์, ผู้|รับผิดชอบ, names it does not know), a
    // short no-break range is set; only there, since each range costs Pango a scan of the text.
    // Text that surely fits on one line needs none: no letter is wider than 0.7 of the font's
    // size (a Latin capital, up to 1.0, counts as two), and Thai vowels and tone marks above or
    // below a letter take no width.
    std::size_t letters = 0;
    for (std::size_t at = 0; at < text.size(); ++at) {
        const auto byte = static_cast<unsigned char>(text[at]);
        if ((byte & 0xC0) == 0x80) continue;
        if (byte == 0xE0 && at + 2 < text.size()) {
            const auto second = static_cast<unsigned char>(text[at + 1]), third = static_cast<unsigned char>(text[at + 2]);
            const bool mark = (second == 0xB8 && (third == 0xB1 || (third >= 0xB4 && third <= 0xBA))) ||
                              (second == 0xB9 && third >= 0x87 && third <= 0x8E);
            if (mark) continue;
        }
        letters += byte >= 'A' && byte <= 'Z' ? 2 : 1;
    }
    if (text.find('\n') == std::string::npos && static_cast<double>(letters) * size * 0.7 < width) return;
    const auto forbidden = thai::breaks_inside_words(text);
    if (forbidden.empty()) return;
    PangoAttrList* attributes = pango_attr_list_new();
    for (const auto at : forbidden) {
        // No break between the letter before `at` and the one at it (Thai letters are 3 bytes).
        PangoAttribute* no_break = pango_attr_allow_breaks_new(FALSE);
        no_break->start_index = static_cast<guint>(at - 3);
        no_break->end_index = static_cast<guint>(at + 3);
        pango_attr_list_insert(attributes, no_break);
    }
    pango_layout_set_attributes(layout, attributes);
    pango_attr_list_unref(attributes);
}

}  // namespace ita::report
