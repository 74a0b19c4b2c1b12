#include <ita/cli/cli.hpp>

#include <ita/app/gen_command.hpp>
#include <ita/app/score_command.hpp>

#include <CLI/CLI.hpp>

#include <map>

namespace ita::cli {

namespace {

void add_score(CLI::App& app, app::ScoreCommand& command, std::string& format) {
    auto* score = app.add_subcommand("score", "คำนวณคะแนน ITA จากไฟล์ / Score ITA from files");
    score->add_option("--year", command.request.fiscal_year, "ปีงบประมาณ พ.ศ. / Buddhist-era fiscal year (2563-2568)")->required();
    score->add_option("--responses", command.request.responses, "คำตอบแบบวัด IIT/EIT (แบบยาวหรือแบบกว้าง) / survey responses, long or wide form (repeatable)");
    score->add_option("--oit", command.request.oit, "ผลการตรวจ OIT / OIT verdicts (oit.csv)");
    score->add_option("--published", command.request.published, "คะแนนที่ ITAS เผยแพร่ / published scores");
    score->add_option("--agencies", command.request.agencies, "รายชื่อหน่วยงาน / agencies.csv");
    score->add_option("--format", format, "รูปแบบผลลัพธ์ / output format")
        ->check(CLI::IsMember({"table", "json", "csv"}))
        ->default_val("table");
    score->add_option("--out", command.out, "เขียนผลลัพธ์ลงไฟล์ / write to this file instead of standard output");
}

void add_gen(CLI::App& app, app::GenCommand& command) {
    auto* gen = app.add_subcommand("gen", "สร้างชุดข้อมูลสังเคราะห์ระดับประเทศ / Generate a synthetic national dataset");
    gen->add_option("--agencies", command.agencies, "จำนวนหน่วยงาน / number of agencies")->default_val(8317)->check(CLI::Range(1, 100000));
    gen->add_option("--seed", command.seed, "ค่าเริ่มต้นสุ่ม / random seed (same seed, same files)")->default_val(1);
    gen->add_option("--year", command.fiscal_year, "ปีงบประมาณ พ.ศ. / Buddhist-era fiscal year")->default_val(2565);
    gen->add_option("--out", command.out_dir, "โฟลเดอร์ปลายทาง / output folder")->required();
    gen->add_option("--form", command.form, "รูปแบบไฟล์คำตอบ / responses form")->check(CLI::IsMember({"wide", "long"}))->default_val("wide");
}

}  // namespace

int run(int argc, char** argv) {
    CLI::App app{"ita — ระบบการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)\n"
                 "ita — Thailand's Integrity and Transparency Assessment, end to end"};
    app.require_subcommand(1);
    std::optional<std::string> methodology_dir;
    app.add_option("--methodology", methodology_dir,
                   "โฟลเดอร์ที่มี ita-YYYY.json แทนฉบับในโปรแกรม / folder of ita-YYYY.json files overriding the built-in ones");
    app::ScoreCommand score;
    std::string format = "table";
    add_score(app, score, format);
    app::GenCommand gen;
    add_gen(app, gen);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error);
        return code == 0 ? 0 : 2;
    }
    if (app.got_subcommand("score")) {
        score.request.methodology_dir = methodology_dir;
        static const std::map<std::string, app::OutputFormat> formats{
            {"table", app::OutputFormat::table}, {"json", app::OutputFormat::json}, {"csv", app::OutputFormat::csv}};
        score.format = formats.at(format);
        return app::run_score_command(score);
    }
    if (app.got_subcommand("gen")) {
        gen.methodology_dir = methodology_dir;
        return app::run_gen_command(gen);
    }
    return 2;
}

}  // namespace ita::cli
