#include <ita/app/methodology_command.hpp>

#include <ita/app/output_file.hpp>
#include <ita/core/methodology_diff.hpp>
#include <ita/ingest/methodology_authoring.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/report/methodology_outputs.hpp>
#include <ita/service/methodology_in_force.hpp>
#include <ita/storage/store.hpp>
#include <ita/util/calendar.hpp>
#include <ita/util/mapped_file.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>

namespace ita::app {

namespace {

int report_error(const Error& error) {
    std::cerr << "ita methodology: " << error.to_string() << "\n";
    return exit_code_for(error);
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

// Where the command reads a year: with --db, as the deployment uses it (the recorded version
// first); without, the --methodology folder's file, else the compiled-in one.
class YearSource {
public:
    static Result<YearSource> open(const MethodologyCommand& command) {
        YearSource source;
        source.m_dir = command.methodology_dir;
        if (command.database) {
            ITA_TRY(store, storage::open_store(*command.database));
            source.m_store = std::move(store);
        }
        return source;
    }

    Result<core::Methodology> load(int year) const {
        if (m_store) return service::methodology_in_force(*m_store, year, m_dir);
        return ingest::load_methodology(year, m_dir);
    }
    Result<std::string> text(int year) const {
        if (!m_store) return ingest::methodology_text(year, m_dir);
        ITA_TRY(found, service::methodology_text_in_force(*m_store, year, m_dir));
        return std::move(found.text);
    }
    // The years compiled in, a folder's, and those recorded in the database.
    Result<std::set<int>> years() const { return service::methodology_years(m_store.get(), m_dir); }
    storage::Store* store() const { return m_store.get(); }

private:
    std::optional<std::string> m_dir;
    std::unique_ptr<storage::Store> m_store;
};

// The versions recorded in a deployment's database: year, version, frozen, when, who, why.
void write_history(std::ostream& out, const std::vector<storage::StoredMethodology>& history) {
    out << "\nrecorded in the database (the newest of a year is in force):\n";
    if (history.empty()) out << "  none: every year is as compiled into ita\n";
    for (const auto& version : history)
        out << "  " << version.fiscal_year << '\t' << version.version << '\t' << (version.frozen ? "frozen" : "open") << '\t'
            << version.recorded_at << '\t' << version.actor << (version.reason.empty() ? "" : "\t" + version.reason) << '\n';
}

int needs_database(const YearSource& source, const char* action) {
    if (source.store()) return 0;
    std::cerr << "ita methodology " << action << ": no database: give --db PATH_OR_URL or set ITA_DB\n";
    return 2;
}

}  // namespace

int run_methodology_command(const MethodologyCommand& command) {
    auto opened = YearSource::open(command);
    if (!opened) return report_error(opened.error());
    const YearSource& source = *opened;
    switch (command.action) {
        case MethodologyAction::list: {
            auto known = source.years();
            if (!known) return report_error(known.error());
            std::vector<core::Methodology> years;
            for (const int year : *known) {
                auto loaded = source.load(year);
                if (!loaded) return report_error(loaded.error());
                years.push_back(std::move(*loaded));
            }
            report::write_methodology_list(std::cout, years);
            if (source.store()) {
                auto history = source.store()->methodology_history();
                if (!history) return report_error(history.error());
                write_history(std::cout, *history);
            }
            return 0;
        }
        case MethodologyAction::show: {
            if (command.years.size() != 1) return report_error({ErrorCode::invalid_input, "show needs one --year", {}, 0});
            auto loaded = source.load(command.years[0]);
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
            auto from = source.load(command.years[0]);
            if (!from) return report_error(from.error());
            auto to = source.load(command.years[1]);
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
            auto from = source.text(command.from_year);
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
            auto current = source.text(year);
            if (!current) return report_error(current.error());
            auto imported = command.import_what == "questions" ? ingest::import_questions(*current, command.file)
                                                               : ingest::import_oit_items(*current, command.file);
            if (!imported) return report_error(imported.error());
            return report_written(*path, *imported,
                                  imported->summary + " for fiscal year " + std::to_string(year) + " from " + command.file);
        }
        case MethodologyAction::export_year: {
            if (command.years.size() != 1) return report_error({ErrorCode::invalid_input, "export needs one --year", {}, 0});
            auto text = source.text(command.years[0]);
            if (!text) return report_error(text.error());
            return write_output("ita methodology export", command.output, [&](std::ostream& out) { out << *text; });
        }
        case MethodologyAction::record: {
            if (const int missing = needs_database(source, "record")) return missing;
            if (command.years.size() != 1) return report_error({ErrorCode::invalid_input, "record needs one --year", {}, 0});
            // The folder's file (an officer's edit), else the compiled-in one: not the database's own.
            auto text = ingest::methodology_text(command.years[0], command.methodology_dir);
            if (!text) return report_error(text.error());
            auto recorded = service::record_methodology(*source.store(), *text, "ita-" + std::to_string(command.years[0]) + ".json",
                                                        command.reason, "cli");
            if (!recorded) return report_error(recorded.error());
            std::cout << "fiscal year " << recorded->fiscal_year << ": version " << recorded->version
                      << " recorded; every process of this deployment uses it from now on\n";
            return 0;
        }
        case MethodologyAction::freeze: {
            if (const int missing = needs_database(source, "freeze")) return missing;
            if (command.years.size() != 1) return report_error({ErrorCode::invalid_input, "freeze needs one --year", {}, 0});
            if (auto frozen = service::freeze_methodology_in_force(*source.store(), command.years[0], command.methodology_dir, "cli");
                !frozen)
                return report_error(frozen.error());
            std::cout << "fiscal year " << command.years[0] << ": frozen; a change is a new version recorded with --reason\n";
            return 0;
        }
    }
    return 2;
}

}  // namespace ita::app
