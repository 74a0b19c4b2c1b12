#include <ita/app/methodology_command.hpp>

#include <ita/app/output_file.hpp>
#include <ita/core/methodology_diff.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/report/methodology_outputs.hpp>
#include <ita/util/calendar.hpp>
#include <ita/util/mapped_file.hpp>

#include <filesystem>
#include <iostream>
#include <set>

namespace ita::app {

namespace {

int report_error(const Error& error) {
    std::cerr << "ita methodology: " << error.to_string() << "\n";
    return exit_code_for(error);
}

// The years compiled in, and those a --methodology folder adds (ita-YYYY.json).
std::set<int> known_years(const std::optional<std::string>& dir) {
    const auto embedded = ingest::embedded_methodology_years();
    std::set<int> years(embedded.begin(), embedded.end());
    std::error_code error;
    if (dir)
        for (const auto& entry : std::filesystem::directory_iterator(*dir, error)) {
            const std::string name = entry.path().filename().string();
            if (name.size() != 13 || !name.starts_with("ita-") || !name.ends_with(".json")) continue;
            if (const auto year = util::parse_fiscal_year(std::string_view(name).substr(4, 4))) years.insert(*year);
        }
    return years;
}

}  // namespace

int run_methodology_command(const MethodologyCommand& command) {
    switch (command.action) {
        case MethodologyAction::list: {
            std::vector<core::Methodology> years;
            for (const int year : known_years(command.methodology_dir)) {
                auto loaded = ingest::load_methodology(year, command.methodology_dir);
                if (!loaded) return report_error(loaded.error());
                years.push_back(std::move(*loaded));
            }
            report::write_methodology_list(std::cout, years);
            return 0;
        }
        case MethodologyAction::show: {
            if (command.years.size() != 1) return report_error({ErrorCode::invalid_input, "show needs one --year", {}, 0});
            auto loaded = ingest::load_methodology(command.years[0], command.methodology_dir);
            if (!loaded) return report_error(loaded.error());
            report::write_methodology_summary(std::cout, *loaded);
            return 0;
        }
        case MethodologyAction::validate: {
            auto text = util::read_file(command.file);
            if (!text) return report_error(text.error());
            auto parsed = ingest::parse_methodology(*text, command.file);
            if (!parsed) return report_error(parsed.error());
            std::cout << command.file << ": a valid methodology for fiscal year " << parsed->fiscal_year << " (" << parsed->version << ", "
                      << core::status_code(parsed->status) << ")\n";
            return 0;
        }
        case MethodologyAction::diff: {
            if (command.years.size() != 2) return report_error({ErrorCode::invalid_input, "diff needs --year A --year B", {}, 0});
            auto from = ingest::load_methodology(command.years[0], command.methodology_dir);
            if (!from) return report_error(from.error());
            auto to = ingest::load_methodology(command.years[1], command.methodology_dir);
            if (!to) return report_error(to.error());
            const auto changes = core::diff_methodologies(*from, *to);
            if (command.json)
                report::write_methodology_diff_json(std::cout, *from, *to, changes);
            else
                report::write_methodology_diff_text(std::cout, *from, *to, changes);
            return 0;
        }
    }
    return 2;
}

}  // namespace ita::app
