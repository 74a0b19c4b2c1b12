#include <ita/report/svg_chart.hpp>

#include <ita/thai/digits.hpp>
#include <ita/util/decimal.hpp>

#include <algorithm>
#include <cmath>

namespace ita::report {

std::string escape_html(std::string_view text) {
    std::string escaped;
    escaped.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': escaped += "&amp;"; break;
            case '<': escaped += "&lt;"; break;
            case '>': escaped += "&gt;"; break;
            case '"': escaped += "&quot;"; break;
            case '\'': escaped += "&#39;"; break;
            default: escaped += c;
        }
    }
    return escaped;
}

namespace {

std::string tone_class(BarTone tone) {
    switch (tone) {
        case BarTone::pass: return "pass";
        case BarTone::fail: return "fail";
        case BarTone::no_verdict: return "no-verdict";
    }
    return "fail";
}

}  // namespace

BarTone tone_of(const BarChart& chart, std::size_t index) {
    if (index < chart.tones.size()) return chart.tones[index];
    const auto& value = chart.values[index];
    return value && util::round_half_away(*value) >= chart.reference ? BarTone::pass : BarTone::fail;
}

std::string bar_chart_svg(const BarChart& chart, int width, int height, bool thai_digits) {
    // Text content only follows the digits rule; coordinates stay numbers an SVG reader parses.
    const auto digits = [thai_digits](const std::string& text) { return thai_digits ? thai::to_thai_digits(text) : text; };
    const double left = 40, right = 70, top = 20, bottom = 30;
    const double plot_width = width - left - right, plot_height = height - top - bottom;
    const double slot = plot_width / static_cast<double>(std::max<std::size_t>(1, chart.values.size()));
    const auto y_of = [&](double value) { return top + plot_height * (1 - std::clamp(value, 0.0, 100.0) / 100.0); };
    // A chart whose bars are links is a group of links, not one image (an image's parts cannot be
    // reached by keyboard or screen reader).
    const bool has_links = std::any_of(chart.links.begin(), chart.links.end(), [](const std::string& link) { return !link.empty(); });
    std::string svg = "<svg class=\"chart\" role=\"" + std::string(has_links ? "group" : "img") + "\" aria-label=\"" +
                      escape_html(digits(chart.title)) + "\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) +
                      "\" xmlns=\"http://www.w3.org/2000/svg\"><title>" + escape_html(digits(chart.title)) + "</title>";
    for (int tick = 0; tick <= 100; tick += 20) {
        const std::string y = util::format_fixed(y_of(tick), 1);
        svg += "<line x1=\"" + util::format_fixed(left, 0) + "\" x2=\"" + util::format_fixed(left + plot_width, 0) + "\" y1=\"" + y +
               "\" y2=\"" + y + "\" class=\"grid\"/><text x=\"" + util::format_fixed(left - 6, 0) + "\" y=\"" + y + "\" class=\"tick\">" +
               digits(std::to_string(tick)) + "</text>";
    }
    std::string values;  // drawn last, over the pass-mark line, with a white halo (the page's CSS)
    for (std::size_t index = 0; index < chart.values.size(); ++index) {
        const double x = left + slot * static_cast<double>(index) + slot * 0.2;
        const std::string label = escape_html(digits(chart.labels[index]));
        if (const auto& value = chart.values[index]) {
            const double y = y_of(*value);
            const bool linked = index < chart.links.size() && !chart.links[index].empty();
            if (linked)
                svg += "<a href=\"" + escape_html(chart.links[index]) + "\" aria-label=\"" + label + ": " +
                       digits(util::format_fixed(*value)) + "\">";
            svg += "<rect x=\"" + util::format_fixed(x, 1) + "\" y=\"" + util::format_fixed(y, 1) + "\" width=\"" +
                   util::format_fixed(slot * 0.6, 1) + "\" height=\"" + util::format_fixed(top + plot_height - y, 1) + "\" class=\"" +
                   tone_class(tone_of(chart, index)) + "\"><title>" + label + ": " + digits(util::format_fixed(*value)) + "</title></rect>";
            if (linked) svg += "</a>";
            values += "<text x=\"" + util::format_fixed(x + slot * 0.3, 1) + "\" y=\"" + util::format_fixed(y - 4, 1) +
                      "\" class=\"value\">" + digits(util::format_fixed(*value)) + "</text>";
        }
        svg += "<text x=\"" + util::format_fixed(x + slot * 0.3, 1) + "\" y=\"" + util::format_fixed(top + plot_height + 18, 1) +
               "\" class=\"label\">" + label + "</text>";
    }
    const std::string reference_y = util::format_fixed(y_of(chart.reference), 1);
    svg += "<line x1=\"" + util::format_fixed(left, 0) + "\" x2=\"" + util::format_fixed(left + plot_width, 0) + "\" y1=\"" + reference_y +
           "\" y2=\"" + reference_y + "\" class=\"reference\"><title>เกณฑ์ " + digits(util::format_fixed(chart.reference, 0)) +
           "</title></line>";
    svg += values;
    svg += "<text x=\"" + util::format_fixed(left + plot_width + 4, 0) + "\" y=\"" + reference_y + "\" class=\"reference-label\">เกณฑ์ " +
           digits(util::format_fixed(chart.reference, 0)) + "</text></svg>";
    return svg;
}

std::string histogram_svg(const Histogram& histogram, int width, int height) {
    const double left = 48, right = 10, top = 20, bottom = 30;
    const double plot_width = width - left - right, plot_height = height - top - bottom;
    const std::size_t largest = std::max<std::size_t>(1, *std::max_element(histogram.counts.begin(), histogram.counts.end()));
    // A round top for the axis: 1, 2 or 5 times a power of ten.
    static constexpr double multipliers[] = {1, 2, 5};
    double step = 1, magnitude = 1;
    for (int multiplier = 0; static_cast<double>(largest) / step > 5;) {
        if (++multiplier == 3) {
            multiplier = 0;
            magnitude *= 10;
        }
        step = multipliers[multiplier] * magnitude;
    }
    const double axis_top = step * std::ceil(static_cast<double>(largest) / step);
    const double slot = plot_width / static_cast<double>(std::max<std::size_t>(1, histogram.counts.size()));
    const auto y_of = [&](double count) { return top + plot_height * (1 - count / axis_top); };
    std::string svg = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) +
                      "\" xmlns=\"http://www.w3.org/2000/svg\"><title>" + escape_html(histogram.title) + "</title>";
    for (double tick = 0; tick <= axis_top + 0.5; tick += step) {
        const std::string y = util::format_fixed(y_of(tick), 1);
        svg += "<line x1=\"" + util::format_fixed(left, 0) + "\" x2=\"" + util::format_fixed(left + plot_width, 0) + "\" y1=\"" + y +
               "\" y2=\"" + y + "\" class=\"grid\"/><text x=\"" + util::format_fixed(left - 6, 0) + "\" y=\"" + y + "\" class=\"tick\">" +
               util::format_fixed(tick, 0) + "</text>";
    }
    for (std::size_t index = 0; index < histogram.counts.size(); ++index) {
        const double x = left + slot * static_cast<double>(index) + slot * 0.1;
        const double y = y_of(static_cast<double>(histogram.counts[index]));
        const std::string label = escape_html(histogram.labels[index]);
        svg += "<rect x=\"" + util::format_fixed(x, 1) + "\" y=\"" + util::format_fixed(y, 1) + "\" width=\"" +
               util::format_fixed(slot * 0.8, 1) + "\" height=\"" + util::format_fixed(top + plot_height - y, 1) + "\" class=\"" +
               (index >= histogram.passing_from ? "pass" : "fail") + "\"><title>" + label + ": " + std::to_string(histogram.counts[index]) +
               " หน่วยงาน</title></rect>";
        svg += "<text x=\"" + util::format_fixed(x + slot * 0.4, 1) + "\" y=\"" + util::format_fixed(top + plot_height + 18, 1) +
               "\" class=\"label\">" + label + "</text>";
    }
    return svg + "</svg>";
}

}  // namespace ita::report
