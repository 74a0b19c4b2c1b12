#include <ita/app/publish_command.hpp>

#include <ita/app/output_file.hpp>
#include <ita/service/publication.hpp>
#include <ita/storage/store.hpp>
#include <ita/thai/dates.hpp>
#include <ita/util/clock.hpp>
#include <ita/util/decimal.hpp>

#include <iostream>

namespace ita::app {

namespace {

std::string figure(const std::optional<double>& value) { return value ? util::format_fixed(*value, 2) : std::string("-"); }

void print_preview(const service::PublicationPreview& preview) {
    std::cout << "fiscal year " << preview.fiscal_year << " (methodology " << preview.methodology_version << ")\n";
    if (preview.current)
        std::cout << "in force: version " << preview.current->version << " of " << preview.current->published_at
                  << "; publishing now makes a correction (--reason)\n";
    const auto& figures = preview.figures;
    std::cout << "agencies " << figures.agencies << ", with a result " << figures.with_result << ", passing " << figures.passing << " ("
              << figure(figures.pass_percent) << " %, target " << util::format_fixed(preview.national_target_percent, 2) << " %), mean "
              << figure(figures.mean) << "\n";
    if (preview.last_year_figures)
        std::cout << "last published year " << preview.last_year->fiscal_year << ": passing "
                  << figure(preview.last_year_figures->pass_percent) << " %, mean " << figure(preview.last_year_figures->mean) << "\n";
    for (const auto& agency : preview.without_result) std::cout << "no result\t" << agency.agency_id << "\t" << agency.reason << "\n";
    for (const auto& change : preview.changes)
        std::cout << "changed\t" << change.agency_id << "\t" << figure(change.before) << " " << change.rating_before << " -> "
                  << figure(change.after) << " " << change.rating_after << "\n";
    for (const auto& line : preview.blocking) std::cout << "not ready\t" << line << "\n";
}

}  // namespace

int run_publish_command(const PublishCommand& command) {
    auto store = storage::open_store(command.db);
    if (!store) {
        std::cerr << "ita publish: " << store.error().to_string() << "\n";
        return exit_code_for(store.error());
    }
    auto& db = **store;
    const std::string today = util::bangkok_date_today();
    if (command.withdraw) {
        const auto history = db.publication_history(command.fiscal_year);
        if (!history || history->empty()) {
            std::cerr << "ita publish: fiscal year " << command.fiscal_year << " has no publication to withdraw\n";
            return history ? 2 : exit_code_for(history.error());
        }
        const auto withdrawn = db.withdraw_publication(history->back().publication_id, "cli");
        if (!withdrawn) {
            std::cerr << "ita publish: " << withdrawn.error().to_string() << "\n";
            return exit_code_for(withdrawn.error());
        }
        std::cerr << "ita publish: version " << history->back().version << " of fiscal year " << command.fiscal_year << " withdrawn\n";
        return 0;
    }
    if (command.preview) {
        const auto preview = service::preview_publication(db, command.fiscal_year, command.methodology_dir, today);
        if (!preview) {
            std::cerr << "ita publish: " << preview.error().to_string() << "\n";
            return exit_code_for(preview.error());
        }
        print_preview(*preview);
        return preview->ready() ? 0 : 1;
    }
    service::PublishRequest request;
    request.fiscal_year = command.fiscal_year;
    request.methodology_dir = command.methodology_dir;
    request.confirmation = service::confirmation_phrase(command.fiscal_year);
    request.reason = command.reason;
    request.today = today;
    if (!command.embargo.empty()) {
        const auto space = command.embargo.find(' ');
        const auto day = thai::parse_thai_date(command.embargo.substr(0, space));
        const auto at =
            day && space != std::string::npos ? thai::bangkok_time_to_utc(*day, command.embargo.substr(space + 1)) : std::nullopt;
        if (!at) {
            std::cerr << "ita publish: --embargo: give a Bangkok day and time, such as \"31/10/2566 09:00\" or \"2023-10-31 09:00\"\n";
            return 2;
        }
        request.public_from = *at;
    }
    const auto published = service::publish_season(db, request);
    if (!published) {
        std::cerr << "ita publish: " << published.error().to_string() << "\n";
        return exit_code_for(published.error());
    }
    std::cerr << "ita publish: fiscal year " << command.fiscal_year << " published (" << published->agencies << " agencies, publication "
              << published->publication_id << ", version " << published->version << ")";
    if (published->public_from != published->published_at)
        std::cerr << "; the public sees it from " << thai::short_thai_time(published->public_from);
    std::cerr << "\n";
    return 0;
}

}  // namespace ita::app
