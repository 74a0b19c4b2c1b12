#include <ita/report/fonts.hpp>

#include <pango/pangocairo.h>

namespace ita::report {

bool font_family_installed(const std::string& family) {
    PangoFontMap* map = pango_cairo_font_map_get_default();  // owned by Pango
    PangoFontFamily** families = nullptr;
    int count = 0;
    pango_font_map_list_families(map, &families, &count);
    bool found = false;
    for (int index = 0; index < count && !found; ++index)
        found = g_ascii_strcasecmp(pango_font_family_get_name(families[index]), family.c_str()) == 0;
    g_free(families);
    return found;
}

}  // namespace ita::report
