#include <ita/service/collected_answers.hpp>

#include <ita/service/import_files.hpp>
#include <ita/service/methodology_in_force.hpp>
#include <ita/util/temp_file.hpp>

namespace ita::service {

namespace {

constexpr std::string_view pasted_name = "ข้อมูลที่วาง";

// The pasted rows with this agency, the EIT and the part in front of each: the line numbers
// stay those of the text the person pasted.
std::string with_fixed_columns(std::string_view pasted, const std::string& agency_id, const std::string& part) {
    std::string csv;
    bool header = true;
    while (!pasted.empty()) {
        const auto end = pasted.find('\n');
        std::string_view line = pasted.substr(0, end);
        pasted.remove_prefix(end == std::string_view::npos ? pasted.size() : end + 1);
        if (line.ends_with('\r')) line.remove_suffix(1);
        csv += header ? "agency_id,instrument,part," : agency_id + ",EIT," + part + ",";
        csv += line;
        csv += '\n';
        header = false;
    }
    return csv;
}

// Problems name the temporary file: name the pasted text instead.
Error for_the_person(Error error, const std::string& path) {
    const auto rename = [&](std::string& text) {
        for (auto at = text.find(path); at != std::string::npos; at = text.find(path, at)) text.replace(at, path.size(), pasted_name);
    };
    rename(error.message);
    for (auto& diagnostic : error.diagnostics) rename(diagnostic.file);
    return error;
}

}  // namespace

Result<CollectedImport> import_collected_eit(storage::Store& store, int fiscal_year, const std::string& agency_id, std::string_view pasted,
                                             const std::optional<std::string>& methodology_dir, const std::string& actor) {
    if (pasted.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return fail(ErrorCode::invalid_input, "ไม่มีข้อมูล: วางหัวตาราง respondent,E1.1,… และแถวของผู้ตอบแต่ละคน");
    ITA_TRY(methodology, shared_methodology_in_force(store, fiscal_year, methodology_dir));
    const auto& parts = methodology->eit_parts().parts;
    const auto collected = std::find_if(parts.begin(), parts.end(),
                                        [](const core::RespondentPart& part) { return part.channel == core::PartChannel::collected; });
    if (collected == parts.end())
        return fail(ErrorCode::invalid_input, "ปีงบประมาณ " + std::to_string(fiscal_year) + " ไม่มีส่วนของแบบวัด EIT ที่หน่วยงานเก็บเอง");
    CollectedImport result{0, collected->name};
    Result<void> imported =
        util::read_from_temp_file(with_fixed_columns(pasted, agency_id, collected->code), [&](const std::string& path) -> Result<void> {
            ImportRequest request;
            request.kind = ImportKind::responses;
            request.fiscal_year = fiscal_year;
            request.files = {path};
            request.actor = actor;
            request.methodology_dir = methodology_dir;
            auto outcome = import_files(store, request);
            if (!outcome) return std::unexpected(for_the_person(outcome.error(), path));
            result.respondents = outcome->report.added;
            return {};
        });
    if (!imported) return std::unexpected(imported.error());
    return result;
}

}  // namespace ita::service
