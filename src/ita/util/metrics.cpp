#include <ita/util/metrics.hpp>

#include <array>
#include <cstdio>
#include <map>
#include <mutex>

namespace ita::util::metrics {

namespace {

constexpr std::array<double, 11> bucket_bounds{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

enum class Kind { counter, gauge, histogram };

struct Series {
    double value = 0;  // counter, gauge; a histogram's sum
    std::array<std::uint64_t, bucket_bounds.size()> buckets{};
    std::uint64_t observations = 0;
};

struct Family {
    Kind kind = Kind::counter;
    std::string help;
    std::map<std::string, Series> series;  // by rendered label set
};

struct Registry {
    std::mutex mutex;
    std::map<std::string, Family> families;
};

Registry& registry() {
    static Registry instance;
    return instance;
}

std::string escaped_label(std::string_view value) {
    std::string out;
    for (const char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

// `{a="1",b="2"}` (empty for none), with `extra` (a bucket's le) last.
std::string rendered(const Labels& labels, const std::string& extra = {}) {
    std::string out;
    for (const auto& [name, value] : labels) out += (out.empty() ? "" : ",") + name + "=\"" + escaped_label(value) + "\"";
    if (!extra.empty()) out += (out.empty() ? "" : ",") + extra;
    return out.empty() ? out : "{" + out + "}";
}

Series& series_of(const std::string& name, Kind kind, const std::string& help, const Labels& labels) {
    auto& family = registry().families[name];
    if (family.help.empty()) {
        family.kind = kind;
        family.help = help;
    }
    return family.series[rendered(labels)];
}

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", value);
    return text;
}

// The label set with `le` added inside the braces.
std::string with_bound(const std::string& labels, const std::string& bound) {
    const std::string le = "le=\"" + bound + "\"";
    if (labels.empty()) return "{" + le + "}";
    return labels.substr(0, labels.size() - 1) + "," + le + "}";
}

}  // namespace

void count(const std::string& name, const std::string& help, const Labels& labels, double amount) {
    const std::lock_guard lock(registry().mutex);
    series_of(name, Kind::counter, help, labels).value += amount;
}

void set_gauge(const std::string& name, const std::string& help, double value, const Labels& labels) {
    const std::lock_guard lock(registry().mutex);
    series_of(name, Kind::gauge, help, labels).value = value;
}

void add_to_gauge(const std::string& name, const std::string& help, double delta, const Labels& labels) {
    const std::lock_guard lock(registry().mutex);
    series_of(name, Kind::gauge, help, labels).value += delta;
}

void observe_seconds(const std::string& name, const std::string& help, double seconds, const Labels& labels) {
    const std::lock_guard lock(registry().mutex);
    auto& series = series_of(name, Kind::histogram, help, labels);
    series.value += seconds;
    ++series.observations;
    for (std::size_t index = 0; index < bucket_bounds.size(); ++index)
        if (seconds <= bucket_bounds[index]) ++series.buckets[index];
}

std::string exposition() {
    const std::lock_guard lock(registry().mutex);
    std::string out;
    for (const auto& [name, family] : registry().families) {
        const char* type = family.kind == Kind::counter ? "counter" : family.kind == Kind::gauge ? "gauge" : "histogram";
        out += "# HELP " + name + " " + family.help + "\n# TYPE " + name + " " + type + "\n";
        for (const auto& [labels, series] : family.series) {
            if (family.kind != Kind::histogram) {
                out += name + labels + " " + number(series.value) + "\n";
                continue;
            }
            for (std::size_t index = 0; index < bucket_bounds.size(); ++index)
                out += name + "_bucket" + with_bound(labels, number(bucket_bounds[index])) + " " + std::to_string(series.buckets[index]) +
                       "\n";
            out += name + "_bucket" + with_bound(labels, "+Inf") + " " + std::to_string(series.observations) + "\n";
            out += name + "_sum" + labels + " " + number(series.value) + "\n";
            out += name + "_count" + labels + " " + std::to_string(series.observations) + "\n";
        }
    }
    return out;
}

}  // namespace ita::util::metrics
