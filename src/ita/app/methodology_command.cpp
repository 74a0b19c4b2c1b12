#include <ita/app/methodology_command.hpp>

#include <ita/app/output_file.hpp>
#include <ita/core/methodology_diff.hpp>
#include <ita/ingest/methodology_authoring.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/report/methodology_outputs.hpp>
#include <ita/util/calendar.hpp>
#include <ita/util/mapped_file.hpp>

#include <filesystem>
#include <fstream>
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

// Authoring writes only into a --methodology folder: the compiled-in years are the release's.
Result<std::filesystem::path> folder_file(const MethodologyCommand& command, int year) {
    if (!command.methodology_dir)
        return fail(ErrorCode::invalid_input, "give the folder that holds the edited years: ita --methodology DIR methodology …");
    std::error_code error;
    if (!std::filesystem::is_directory(*command.methodology_dir, error))
        return fail(ErrorCode::invalid_input, *command.methodology_dir + ": not a folder (create it first)");
    return std::filesystem::path(*command.methodology_dir) / ("ita-" + std::to_string(year) + ".json");
}

// Written whole or not at all: a reader never sees half a file.
Result<void> write_whole(const std::filesystem::path& path, const std::string& text) {
    const auto temporary = path.string() + ".partial";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) return fail(ErrorCode::io, temporary + ": cannot be written");
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) return fail(ErrorCode::io, path.string() + ": cannot be written: " + error.message());
    return {};
}

int report_written(const std::filesystem::path& path, const ingest::AuthoredMethodology& authored, const std::string& what) {
    for (const auto& warning : authored.warnings) std::cerr << "ita methodology: warning: " << warning << "\n";
    if (auto written = write_whole(path, authored.text); !written) return report_error(written.error());
    std::cout << path.string() << ": " << what << "\n";
    return 0;
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
            report::write_methodology_summary(std::cout, *loaded, command.agency_type);
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
        case MethodologyAction::create: {
            if (command.years.size() != 1) return report_error({ErrorCode::invalid_input, "new needs one --year", {}, 0});
            const int year = command.years[0];
            auto path = folder_file(command, year);
            if (!path) return report_error(path.error());
            if (std::filesystem::exists(*path))
                return report_error({ErrorCode::conflict, path->string() + " already exists: edit it, or import lists into it", {}, 0});
            auto from = ingest::methodology_text(command.from_year, command.methodology_dir);
            if (!from) return report_error(from.error());
            auto derived = ingest::derive_methodology(*from, year);
            if (!derived) return report_error(derived.error());
            return report_written(*path, *derived,
                                  "fiscal year " + std::to_string(year) + " made from " + std::to_string(command.from_year) +
                                      ", provisional; import the official lists, then compare: ita methodology diff --year " +
                                      std::to_string(command.from_year) + " --year " + std::to_string(year));
        }
        case MethodologyAction::import_items: {
            if (command.years.size() != 1) return report_error({ErrorCode::invalid_input, "import needs one --year", {}, 0});
            const int year = command.years[0];
            auto path = folder_file(command, year);
            if (!path) return report_error(path.error());
            auto current = ingest::methodology_text(year, command.methodology_dir);
            if (!current) return report_error(current.error());
            auto imported = ingest::import_oit_items(*current, command.file);
            if (!imported) return report_error(imported.error());
            return report_written(*path, *imported,
                                  imported->summary + " for fiscal year " + std::to_string(year) + " from " + command.file);
        }
        case MethodologyAction::export_year: {
            if (command.years.size() != 1) return report_error({ErrorCode::invalid_input, "export needs one --year", {}, 0});
            auto text = ingest::methodology_text(command.years[0], command.methodology_dir);
            if (!text) return report_error(text.error());
            return write_output("ita methodology export", command.output, [&](std::ostream& out) { out << *text; });
        }
    }
    return 2;
}

}  // namespace ita::app
