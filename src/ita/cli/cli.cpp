#include <ita/cli/cli.hpp>

#include <ita/app/analyse_command.hpp>
#include <ita/app/check_urls_command.hpp>
#include <ita/app/doctor_command.hpp>
#include <ita/app/gen_command.hpp>
#include <ita/app/integrity_command.hpp>
#include <ita/app/measures_command.hpp>
#include <ita/app/methodology_command.hpp>
#include <ita/app/publish_command.hpp>
#include <ita/app/report_command.hpp>
#include <ita/app/score_command.hpp>
#include <ita/app/serve_command.hpp>
#include <ita/app/store_commands.hpp>
#include <ita/app/version.hpp>

#include <ita/storage/secrets.hpp>
#include <ita/util/clock.hpp>

#include <CLI/CLI.hpp>

#include <map>
#include <tuple>

namespace ita::cli {

namespace {

const std::map<std::string, app::OutputFormat> output_formats{
    {"table", app::OutputFormat::table}, {"json", app::OutputFormat::json}, {"csv", app::OutputFormat::csv}};

void add_format(CLI::App* command, std::string& format) {
    command->add_option("--format", format, "รูปแบบผลลัพธ์ / output format")
        ->check(CLI::IsMember({"table", "json", "csv"}))
        ->default_val("table");
}

// Options every subcommand shares, kept on the main app and accepted after the subcommand.
struct GlobalOptions {
    std::optional<std::string> methodology_dir;
    std::optional<std::string> db;
    std::optional<std::string> secrets;
    std::optional<std::string> config_file;  // the settings file read, if any
};

struct Commands {
    app::ScoreCommand score;
    std::string score_format = "table";
    app::GenCommand gen;
    app::ImportCommand import;
    std::string import_kind;
    app::RankCommand rank;
    std::string rank_format = "table";
    app::AnalyseCommand analyse;
    std::string analyse_format = "text";
    app::MeasuresCommand measures;
    std::string measures_format = "text";
    app::ReportCommand report;
    app::ServeCommand serve;
    service::SeasonRequest season;
    bool season_show = false;
    std::string user_id, user_name, user_role, user_agency;
    int codes_year = 0;
    app::PublishCommand publish;
    std::string codes_agency;
    std::size_t codes_count = 0;
    app::BackupCommand backup;
    std::string restore_from;
    std::string copy_from, copy_to;
    app::CheckUrlsCommand check_urls;
    std::string check_urls_format = "text";
    double check_urls_timeout = 20;
    std::string evidence_check_at = "02:00";
    app::MethodologyCommand methodology;
    std::string methodology_format = "text";
    app::IntegrityCommand integrity;
    std::string integrity_format = "text";
};

void add_score(CLI::App& app, Commands& commands) {
    auto* score = app.add_subcommand("score", "คำนวณคะแนน ITA จากไฟล์หรือฐานข้อมูล / Score ITA from files or from a database");
    auto& command = commands.score;
    score
        ->add_option("--year", command.request.fiscal_year,
                     "ปีงบประมาณ พ.ศ. / Buddhist-era fiscal year (2563-2569, or a --methodology year)")
        ->required();
    score->add_option("--responses", command.request.responses,
                      "คำตอบแบบวัด IIT/EIT (แบบยาวหรือแบบกว้าง) / survey responses, long or wide form (repeatable)");
    score->add_option("--oit", command.request.oit, "ผลการตรวจ OIT / OIT verdicts (oit.csv)");
    score->add_option("--published", command.request.published, "คะแนนที่ ITAS เผยแพร่ / published scores");
    score->add_option("--agencies", command.request.agencies, "รายชื่อหน่วยงาน / agencies.csv");
    score->add_option("--agency", command.agency, "เฉพาะหน่วยงานนี้ (ใช้กับ --db) / only this agency (with --db)");
    add_format(score, commands.score_format);
    score->add_option("--out", command.out, "เขียนผลลัพธ์ลงไฟล์ / write to this file instead of standard output");
}

void add_gen(CLI::App& app, Commands& commands) {
    auto& command = commands.gen;
    auto* gen = app.add_subcommand("gen", "สร้างชุดข้อมูลสังเคราะห์ระดับประเทศ / Generate a synthetic national dataset");
    gen->add_option("--agencies", command.agencies, "จำนวนหน่วยงาน / number of agencies")->default_val(8317)->check(CLI::Range(1, 100000));
    gen->add_option("--seed", command.seed, "ค่าเริ่มต้นสุ่ม / random seed (same seed, same files)")->default_val(1);
    gen->add_option("--year", command.fiscal_year, "ปีงบประมาณ พ.ศ. / Buddhist-era fiscal year")->default_val(2565);
    gen->add_option("--out", command.out_dir, "โฟลเดอร์ปลายทาง / output folder")->required();
    gen->add_option("--form", command.form, "รูปแบบไฟล์คำตอบ / responses form")->check(CLI::IsMember({"wide", "long"}))->default_val("wide");
    gen->add_flag("--shuffle", command.shuffle, "สลับลำดับแถว (long) / long form rows in a random order, as a database export gives them");
}

void add_import(CLI::App& app, Commands& commands) {
    auto* import = app.add_subcommand("import", "นำเข้าไฟล์สู่ฐานข้อมูล (ทั้งหมดหรือไม่มีเลย) / Import files into the database (all rows or none)");
    auto& request = commands.import.request;
    import->add_option("--year", request.fiscal_year, "ปีงบประมาณ พ.ศ. (ไม่ต้องใช้กับ agencies) / Buddhist-era fiscal year (not for agencies)");
    import->add_flag("--replace", request.replace, "เขียนทับค่าที่ต่างจากที่เก็บไว้ / overwrite stored values the files contradict");
    import->add_option("kind", commands.import_kind, "agencies | responses | oit | published")
        ->required()
        ->check(CLI::IsMember({"agencies", "responses", "oit", "published"}));
    import->add_option("files", request.files, "ไฟล์ CSV / CSV files")->required();
}

void add_rank(CLI::App& app, Commands& commands) {
    auto* rank = app.add_subcommand("rank", "จัดลำดับภายในประเภทหน่วยงานและสรุประดับประเทศ / Rank within agency type, with national figures");
    auto& request = commands.rank.request;
    rank->add_option("--year", request.fiscal_year, "ปีงบประมาณ พ.ศ. / Buddhist-era fiscal year")->required();
    rank->add_option("--type", request.type, "เฉพาะประเภทหน่วยงาน / only this agency type");
    rank->add_option("--province", request.province, "เฉพาะจังหวัด / only this province");
    add_format(rank, commands.rank_format);
    rank->add_option("--out", commands.rank.out, "เขียนผลลัพธ์ลงไฟล์ / write to this file");
}

void add_analyse(CLI::App& app, Commands& commands) {
    auto* analyse =
        app.add_subcommand("analyse", "วิเคราะห์ผลรายหน่วยงานและเส้นทางสู่เกณฑ์ / Analyse one agency's result and its path to the pass mark");
    auto& command = commands.analyse;
    analyse->add_option("--year", command.files.fiscal_year, "ปีงบประมาณ พ.ศ. / Buddhist-era fiscal year")->required();
    analyse->add_option("--agency", command.agency_id, "รหัสหน่วยงาน / agency id")->required();
    analyse->add_option("--responses", command.files.responses, "คำตอบแบบวัด (แทน --db) / survey responses (instead of --db)");
    analyse->add_option("--oit", command.files.oit, "ผลการตรวจ OIT / OIT verdicts");
    analyse->add_option("--published", command.files.published, "คะแนนที่ ITAS เผยแพร่ / published scores");
    analyse->add_option("--agencies", command.files.agencies, "รายชื่อหน่วยงาน / agencies.csv");
    analyse->add_option("--format", commands.analyse_format, "รูปแบบผลลัพธ์ / output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->default_val("text");
    analyse->add_option("--out", command.out, "เขียนผลลัพธ์ลงไฟล์ / write to this file");
}

void add_measures(CLI::App& app, Commands& commands) {
    auto& command = commands.measures;
    auto* measures = app.add_subcommand("measures", "มาตรการส่งเสริมคุณธรรมและความโปร่งใส / Integrity measures");
    measures->require_subcommand(1);
    const auto year_and_agency = [&](CLI::App* sub, bool agency_required) {
        sub->add_option("--year", command.fiscal_year, "ปีงบประมาณ พ.ศ. ที่ดำเนินมาตรการ / Buddhist-era fiscal year of the measures")
            ->required();
        auto* agency = sub->add_option("--agency", command.agency_id, "รหัสหน่วยงาน / agency id");
        if (agency_required) agency->required();
    };
    const auto fields = [&](CLI::App* sub) {
        sub->add_option("--title", command.measure.title, "โครงการ/กิจกรรม / project or activity");
        sub->add_option("--target", command.measure.targets,
                        "ตัวชี้วัด/ข้อ เช่น indicator:5, question:I27, item:O38 (ซ้ำได้) / targets (repeatable)");
        sub->add_option("--analysis", command.measure.analysis, "ผลการวิเคราะห์ / analysis");
        sub->add_option("--steps", command.measure.steps, "ขั้นตอนหรือวิธีการ / steps");
        sub->add_option("--responsible", command.measure.responsible, "ผู้รับผิดชอบ / responsible unit");
        sub->add_option("--start", command.measure.start_on, "วันเริ่ม YYYY-MM-DD (ค.ศ.) / start date");
        sub->add_option("--end", command.measure.end_on, "วันสิ้นสุด YYYY-MM-DD (ค.ศ.) / end date");
        sub->add_option("--cadence", command.cadence, "การรายงานผล monthly | quarterly | half-yearly / reporting cadence");
        sub->add_option("--status", command.status, "draft | active | done")->check(CLI::IsMember({"draft", "active", "done"}));
    };
    auto* draft = measures->add_subcommand(
        "draft", "ร่างมาตรการจากผลวิเคราะห์ปีก่อนและแนวทาง / Draft measures from last year's analysis and the guidance");
    year_and_agency(draft, true);
    draft->callback([&] { command.action = app::MeasuresAction::draft; });
    auto* list = measures->add_subcommand("list", "แสดงมาตรการ / List measures");
    year_and_agency(list, false);
    list->add_flag("--overdue", command.only_overdue, "เฉพาะที่เลยกำหนดรายงาน / only overdue reports");
    list->add_flag("--due-soon", command.only_due_soon, "เฉพาะที่ใกล้ถึงกำหนดรายงาน (14 วัน) / only reports due within 14 days");
    list->add_option("--today", command.today, "วันที่อ้างอิง YYYY-MM-DD / reference date");
    list->add_option("--format", commands.measures_format, "text | json")->check(CLI::IsMember({"text", "json"}))->default_val("text");
    list->callback([&] { command.action = app::MeasuresAction::list; });
    auto* effect = measures->add_subcommand(
        "effect", "ผลของมาตรการเทียบคะแนนปีก่อนและคลังมาตรการที่ได้ผล / Whether a year's measures worked, and what worked by type");
    year_and_agency(effect, false);
    effect->add_option("--format", commands.measures_format, "text | json")->check(CLI::IsMember({"text", "json"}))->default_val("text");
    effect->callback([&] { command.action = app::MeasuresAction::effect; });
    auto* add = measures->add_subcommand("add", "เพิ่มมาตรการ / Add a measure");
    year_and_agency(add, true);
    fields(add);
    add->callback([&] { command.action = app::MeasuresAction::add; });
    auto* update = measures->add_subcommand("update", "แก้ไขมาตรการ / Change a measure");
    year_and_agency(update, false);
    update->add_option("--id", command.measure_id, "รหัสมาตรการ / measure id")->required();
    fields(update);
    update->callback([&] { command.action = app::MeasuresAction::update; });
    auto* progress = measures->add_subcommand("progress", "รายงานความก้าวหน้า / Report progress");
    progress->add_option("--id", command.measure_id, "รหัสมาตรการ / measure id")->required();
    progress->add_option("--date", command.report.reported_on, "วันที่รายงาน YYYY-MM-DD / report date");
    progress->add_option("--percent", command.report.percent, "ร้อยละความก้าวหน้า / percent done")->required();
    progress->add_option("--text", command.report.text, "ผลการดำเนินการ / what was done");
    progress->add_option("--evidence", command.report.evidence_url, "URL หลักฐาน / evidence URL");
    progress->callback([&] { command.action = app::MeasuresAction::progress; });
    auto* remove = measures->add_subcommand("remove", "ลบมาตรการ / Remove a measure");
    remove->add_option("--id", command.measure_id, "รหัสมาตรการ / measure id")->required();
    remove->callback([&] { command.action = app::MeasuresAction::remove; });

    auto* constraints = app.add_subcommand("constraints", "ข้อจำกัด 4M (Man, Money, Method, Material) / 4M constraints");
    constraints->require_subcommand(1);
    auto* set = constraints->add_subcommand("set", "บันทึก / Record");
    year_and_agency(set, true);
    set->add_option("--man", command.constraints.man, "บุคลากร / people");
    set->add_option("--money", command.constraints.money, "งบประมาณ / budget");
    set->add_option("--method", command.constraints.method, "วิธีการ / methods");
    set->add_option("--material", command.constraints.material, "วัสดุอุปกรณ์ / materials");
    set->callback([&] { command.action = app::MeasuresAction::constraints_set; });
    auto* show = constraints->add_subcommand("show", "แสดง / Show");
    year_and_agency(show, true);
    show->callback([&] { command.action = app::MeasuresAction::constraints_show; });
}

void add_report(CLI::App& app, Commands& commands) {
    auto& command = commands.report;
    auto* report = app.add_subcommand("report", "รายงานผลการวิเคราะห์ของหน่วยงาน / The agency's report (PDF, DOCX, XLSX, HTML)");
    report->add_option("--year", command.fiscal_year, "ปีงบประมาณ พ.ศ. ของผลการประเมิน / Buddhist-era fiscal year of the result")->required();
    auto* agency = report->add_option("--agency", command.agency_id, "รหัสหน่วยงาน / agency id");
    auto* all = report->add_flag("--all", command.all, "ทุกหน่วยงานของปี ลงในโฟลเดอร์ --out / every agency of the year, into the folder --out");
    agency->excludes(all);
    report->add_option("--jobs", command.jobs, "จำนวนเธรดสำหรับ --all / threads for --all (default: one per core)");
    report->add_option("--format", command.format, "pdf | docx | xlsx | html")
        ->check(CLI::IsMember({"pdf", "docx", "xlsx", "html"}))
        ->default_val("pdf");
    report->add_option("--out", command.out, "ไฟล์ผลลัพธ์ (หรือโฟลเดอร์กับ --all) / output file (a folder with --all)")->required();
    report->add_flag("--thai-digits", command.thai_digits, "ใช้เลขไทย / Thai digits");
    report->add_option("--published", command.files.published, "คะแนนที่ ITAS เผยแพร่ (แทน --db) / published scores (instead of --db)");
    report->add_option("--agencies", command.files.agencies, "รายชื่อหน่วยงาน / agencies.csv (with --published)");
    report->add_option("--responses", command.files.responses, "คำตอบแบบวัด (แทน --db) / survey responses (instead of --db)");
    report->add_option("--oit", command.files.oit, "ผลการตรวจ OIT (แทน --db) / OIT verdicts (instead of --db)");
    report->add_flag("--draft", command.draft, "ฉบับร่าง: แสดงมาตรการที่ยังเป็นร่างด้วย / a working draft: draft measures shown too, marked");
    report->add_option("--reporter", command.reporter, "ผู้รายงานข้อมูล \"ชื่อ|ตำแหน่ง\" / reporter \"name|position\"");
    report->add_option("--certifier", command.certifier, "ผู้รับรองข้อมูล \"ชื่อ|ตำแหน่ง\" / certifier");
    report->add_option("--approver", command.approver, "ผู้เห็นชอบข้อมูล \"ชื่อ|ตำแหน่ง\" / approver");
}

void add_serve(CLI::App& app, Commands& commands) {
    auto* serve = app.add_subcommand("serve", "เปิดบริการเว็บ / Run the web server (until SIGTERM)");
    serve->add_option("--listen", commands.serve.listen, "ที่อยู่:พอร์ต / address:port")->default_val("127.0.0.1:8080");
    serve->add_option("--threads", commands.serve.threads, "จำนวนเธรด / worker threads (default: one per core)");
    serve->add_option(
        "--trusted-proxy", commands.serve.trusted_proxies,
        "พร็อกซีที่เชื่อ X-Forwarded-For / a reverse proxy's address whose X-Forwarded-For and -Proto are believed (repeatable; default: none)");
    serve->add_option("--db-read", commands.serve.db_read,
                      "ฐานข้อมูลสำเนาสำหรับหน้าสาธารณะ / a read replica (postgresql://…) for the public pages");
    serve
        ->add_option("--public-check-ms", commands.serve.public_check_ms,
                     "ตรวจการเผยแพร่ผลทุกกี่มิลลิวินาที / how often to check for new publications (ms)")
        ->default_val(250);
    serve
        ->add_option("--public-rate", commands.serve.public_posts_per_address_per_hour,
                     "จำนวนส่งแบบ EIT ต่อที่อยู่ต่อชั่วโมง / public survey posts per address per hour")
        ->default_val(30);
    serve
        ->add_option("--evidence-check-at", commands.evidence_check_at,
                     "เวลาตรวจลิงก์ OIT ประจำคืน HH:MM หรือ off / nightly OIT evidence check, local HH:MM or off")
        ->default_val("02:00");
    serve->add_flag("!--no-evidence-check", commands.serve.check_evidence, "ไม่ตรวจลิงก์ OIT เลย / never fetch OIT evidence addresses");
    serve->add_flag("--evidence-allow-private-addresses", commands.serve.evidence_allow_private_addresses,
                    "ยอมให้ตรวจที่อยู่ในเครือข่ายภายใน / allow loopback and private networks (testing)");
    serve->add_option("--log-file", commands.serve.log_file,
                      "เขียนบันทึกลงไฟล์ (SIGHUP เปิดใหม่) / append the log to this file, reopened on SIGHUP (default: stderr)");
    serve->add_option("--session-hours", commands.serve.session_hours, "อายุการเข้าสู่ระบบ (ชั่วโมง) / how long a sign-in lasts, hours")
        ->default_val(8)
        ->check(CLI::Range(1, 24));
    serve
        ->add_option("--sign-in-failures-per-user", commands.serve.failures_per_user_and_address,
                     "ครั้งที่ผิดได้ต่อผู้ใช้และที่อยู่ใน 15 นาที / failed sign-ins allowed per user and address in 15 minutes")
        ->default_val(10)
        ->check(CLI::Range(1, 1000));
    serve
        ->add_option("--sign-in-failures-per-address", commands.serve.failures_per_address,
                     "ครั้งที่ผิดได้ต่อที่อยู่ใน 15 นาที / failed sign-ins allowed per address in 15 minutes")
        ->default_val(50)
        ->check(CLI::Range(1, 100000));
    serve->add_option("--max-body-kb", commands.serve.max_body_kb, "ขนาดคำขอสูงสุด (KB) / the largest request body accepted, KiB")
        ->default_val(1024)
        ->check(CLI::Range(16, 65536));
    serve
        ->add_option("--request-timeout", commands.serve.request_timeout_seconds,
                     "เวลาสูงสุดต่อคำขอ (วินาที) / seconds to read, answer and write a request")
        ->default_val(30)
        ->check(CLI::Range(1, 600));
    serve->add_option("--public-url", commands.serve.public_url,
                      "ที่อยู่เว็บของระบบสำหรับ QR และสิ่งพิมพ์ / the address printed on code cards and posters, such as https://ita.example.go.th");
    serve->add_option("--templates", commands.serve.template_dir,
                      "โฟลเดอร์แม่แบบหน้าเว็บที่ปรับเอง / a folder of page templates that replace the built-in ones of the same name");
}

void add_season(CLI::App& app, Commands& commands) {
    auto* season = app.add_subcommand("season", "ฤดูการประเมิน / The assessment season");
    season->require_subcommand(1);
    auto* open = season->add_subcommand("open", "เปิดปีการประเมิน / Open a fiscal year (dates YYYY-MM-DD, ค.ศ.; default: open now, no end)");
    open->add_option("--year", commands.season.fiscal_year, "ปีงบประมาณ พ.ศ. / Buddhist-era fiscal year")->required();
    open->add_option("--agencies", commands.season.agencies_file, "รายการหน่วยงาน (ค่าเริ่มต้น: ทุกหน่วยงาน) / agency list file (default: all)");
    for (const auto& [option, phase, label] : {std::tuple{"iit", "iit", "แบบวัด IIT / staff survey"},
                                               {"eit", "eit", "แบบวัด EIT / public survey"},
                                               {"oit", "oit_entry", "บันทึก OIT / OIT entry"},
                                               {"review", "review", "ตรวจ OIT / OIT review"},
                                               {"clarification", "clarification", "ชี้แจง / clarification"}}) {
        open->add_option(std::string("--") + option + "-open", commands.season.opens[phase], std::string("วันเปิด") + label);
        open->add_option(std::string("--") + option + "-close", commands.season.closes[phase], std::string("วันปิด") + label);
    }
    open->callback([&] { commands.season_show = false; });
    auto* show = season->add_subcommand("show", "แสดงปฏิทิน / Show the calendar");
    show->add_option("--year", commands.season.fiscal_year, "ปีงบประมาณ พ.ศ. / Buddhist-era fiscal year")->required();
    show->callback([&] { commands.season_show = true; });
}

void add_check_urls(CLI::App& app, Commands& commands) {
    auto* check =
        app.add_subcommand("check-urls", "ตรวจที่อยู่หลักฐาน OIT ว่าเปิดได้และเป็นปัจจุบัน / Check the OIT evidence addresses agencies entered");
    auto& command = commands.check_urls;
    check->add_option("--year", command.request.fiscal_year, "ปีงบประมาณ พ.ศ. / Buddhist-era fiscal year")->required();
    check->add_option("--agency", command.request.agency_id, "รหัสหน่วยงาน (ไม่ระบุ: ทุกหน่วยงาน) / agency id (default: all)");
    check->add_option("--item", command.request.item, "ข้อ OIT เช่น O1 (ไม่ระบุ: ทุกข้อ) / one OIT item");
    check->add_option("--format", commands.check_urls_format, "text | json")->check(CLI::IsMember({"text", "json"}));
    check->add_option("--out", command.out, "เขียนลงไฟล์ / write to a file");
    check->add_option("--timeout", commands.check_urls_timeout, "วินาทีต่อที่อยู่ / seconds per address, redirects included")
        ->check(CLI::Range(0.1, 300.0));
    check->add_option("--max-bytes", command.request.limits.max_bytes, "ไบต์สูงสุดที่อ่านต่อที่อยู่ / most bytes read per address")
        ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30));
    check->add_option("--parallel", command.request.parallel, "จำนวนที่ตรวจพร้อมกัน / addresses fetched at once")->check(CLI::Range(1, 64));
    check->add_option("--per-site", command.request.per_site, "จำนวนที่ตรวจพร้อมกันต่อเว็บไซต์ / at once from one site (default 2)")
        ->check(CLI::Range(1, 64));
    check->add_flag("--due", command.due,
                    "แสดงข้อที่ถึงกำหนดเผยแพร่ (ต้องระบุ --agency) แทนการตรวจ / what falls due when, for --agency, instead of checking");
    check->add_option("--today", command.today, "วันที่อ้างอิง YYYY-MM-DD / reference date for --due");
    check->add_flag("--allow-private-addresses", command.request.limits.allow_private_addresses,
                    "ยอมให้ตรวจที่อยู่ในเครือข่ายภายใน / allow loopback and private networks (testing)");
}

void add_integrity(CLI::App& app, Commands& commands) {
    auto* integrity = app.add_subcommand(
        "integrity", "ความน่าเชื่อถือของคำตอบแบบวัด สำหรับผู้ตรวจ / Response-integrity signals for auditors (never changes a score)");
    auto& command = commands.integrity;
    integrity->add_option("--year", command.request.fiscal_year, "ปีงบประมาณ พ.ศ. / Buddhist-era fiscal year")->required();
    integrity->add_option("--agency", command.request.agency_id, "รหัสหน่วยงาน (ไม่ระบุ: ทุกหน่วยงาน) / agency id (default: all)");
    integrity->add_option("--format", commands.integrity_format, "text | json")->check(CLI::IsMember({"text", "json"}));
    integrity->add_option("--out", command.out, "เขียนลงไฟล์ / write to a file");
}

void add_publish(CLI::App& app, Commands& commands) {
    auto* publish = app.add_subcommand("publish", "คำนวณและเผยแพร่ผลของปีต่อสาธารณะ / Score the year and publish it on the public pages");
    publish->add_option("--year", commands.publish.fiscal_year, "ปีงบประมาณ พ.ศ. / Buddhist-era fiscal year")->required();
    publish->add_flag("--preview", commands.publish.preview,
                      "แสดงสิ่งที่จะเผยแพร่และสิ่งที่ยังไม่พร้อม โดยไม่เผยแพร่ / show what would be published and what is not ready");
    publish->add_option("--reason", commands.publish.reason, "เหตุผลของฉบับแก้ไข / why a correction replaces the version in force");
    publish->add_option("--embargo", commands.publish.embargo,
                        "เผยแพร่ต่อสาธารณะเมื่อ \"31/10/2566 09:00\" (เวลาประเทศไทย) / public from this Bangkok day and time");
    publish->add_flag("--withdraw", commands.publish.withdraw,
                      "ยกเลิกฉบับที่ตั้งเวลาไว้และยังไม่เผยแพร่ / withdraw a version still waiting for its embargo");
}

void add_users(CLI::App& app, Commands& commands) {
    auto* users = app.add_subcommand("users", "บัญชีผู้ใช้ / Accounts");
    users->require_subcommand(1);
    auto* add = users->add_subcommand("add", "เพิ่มผู้ใช้ (รหัสผ่านจาก stdin) / Add a user (password from standard input)");
    add->add_option("--user", commands.user_id, "ชื่อผู้ใช้ / user name")->required();
    add->add_option("--name", commands.user_name, "ชื่อที่แสดง / display name")->required();
    add->add_option("--role", commands.user_role, "national_admin | agency_admin | auditor")->required();
    add->add_option("--agency", commands.user_agency, "หน่วยงาน (สำหรับ agency_admin) / agency (agency_admin)");
}

void add_codes(CLI::App& app, Commands& commands) {
    auto* codes = app.add_subcommand("codes", "ออกรหัสตอบแบบวัด IIT แบบใช้ครั้งเดียว / Issue one-time staff-survey codes");
    codes->add_option("--year", commands.codes_year, "ปีงบประมาณ พ.ศ. / Buddhist-era fiscal year")->required();
    codes->add_option("--agency", commands.codes_agency, "รหัสหน่วยงาน / agency id")->required();
    codes->add_option("--count", commands.codes_count, "จำนวนรหัส / how many codes")->required();
}

void add_methodology(CLI::App& app, Commands& commands) {
    auto* methodology = app.add_subcommand(
        "methodology", "แบบประเมินของแต่ละปี / Each year's instrument: list, show, validate, diff, new, import, export, record, freeze");
    methodology->require_subcommand(1);
    auto& command = commands.methodology;
    methodology->add_subcommand("list", "ปีที่มีแบบประเมิน / The years this ita has")->callback([&command] {
        command.action = app::MethodologyAction::list;
    });
    auto* show = methodology->add_subcommand("show", "แบบประเมินของปี / One year's instrument in brief");
    show->add_option("--year", command.years, "ปีงบประมาณ พ.ศ. / Buddhist-era fiscal year")->required()->expected(1);
    show->add_option("--type", command.agency_type, "ประเภทหน่วยงาน / as agencies of this type see it (their OIT list)");
    show->callback([&command] { command.action = app::MethodologyAction::show; });
    auto* validate = methodology->add_subcommand("validate", "ตรวจไฟล์แบบประเมิน / Check a methodology file as ita would load it");
    validate->add_option("file", command.file, "ไฟล์ ita-YYYY.json / the file")->required();
    validate->callback([&command] { command.action = app::MethodologyAction::validate; });
    auto* diff = methodology->add_subcommand("diff", "เทียบแบบประเมินสองปี / What changed from one year to another");
    diff->add_option("--year", command.years, "สองปี: --year A --year B / two years: --year A --year B")->required();
    diff->add_option("--format", commands.methodology_format, "รูปแบบผลลัพธ์ / output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->default_val("text");
    diff->callback([&command] { command.action = app::MethodologyAction::diff; });
    auto* create =
        methodology->add_subcommand("new", "สร้างปีใหม่จากปีก่อน / A new provisional year made from an earlier one (into --methodology DIR)");
    create->add_option("--year", command.years, "ปีใหม่ / the new fiscal year")->required()->expected(1);
    create->add_option("--from", command.from_year, "ปีต้นแบบ / the year to start from")->required();
    create->callback([&command] { command.action = app::MethodologyAction::create; });
    auto* import_list = methodology->add_subcommand(
        "import", "นำเข้ารายการ OIT หรือข้อคำถามจาก CSV / Replace a year's OIT list or questions with a CSV file (into --methodology DIR)");
    import_list->add_option("--year", command.years, "ปีงบประมาณ พ.ศ. / Buddhist-era fiscal year")->required()->expected(1);
    import_list->add_option("what", command.import_what, "items: รายการ OIT, questions: ข้อคำถาม IIT/EIT / the OIT list or the questions")
        ->required()
        ->check(CLI::IsMember({"items", "questions"}));
    import_list->add_option("file", command.file, "ไฟล์ CSV / the CSV file (code,title,indicator,…)")->required();
    import_list->callback([&command] { command.action = app::MethodologyAction::import_items; });
    auto* export_year = methodology->add_subcommand("export", "ไฟล์แบบประเมินของปี / A year's methodology file as ita uses it");
    export_year->add_option("--year", command.years, "ปีงบประมาณ พ.ศ. / Buddhist-era fiscal year")->required()->expected(1);
    export_year->add_option("--out", command.output, "ไฟล์ผลลัพธ์ / output file (default: standard output)");
    export_year->callback([&command] { command.action = app::MethodologyAction::export_year; });
    auto* record = methodology->add_subcommand(
        "record", "บันทึกแบบประเมินของปีลงฐานข้อมูล / Record a year's file in --db as the version every process uses");
    record->add_option("--year", command.years, "ปีงบประมาณ พ.ศ. / Buddhist-era fiscal year")->required()->expected(1);
    record->add_option("--reason", command.reason, "เหตุผล (จำเป็นเมื่อปีนั้นตรึงแล้ว) / why (needed once the year is frozen)");
    record->callback([&command] { command.action = app::MethodologyAction::record; });
    auto* freeze =
        methodology->add_subcommand("freeze", "ตรึงแบบประเมินของปี / Freeze a year's recorded version (opening its season does it)");
    freeze->add_option("--year", command.years, "ปีงบประมาณ พ.ศ. / Buddhist-era fiscal year")->required()->expected(1);
    freeze->callback([&command] { command.action = app::MethodologyAction::freeze; });
}

void add_backup(CLI::App& app, Commands& commands) {
    auto* backup = app.add_subcommand("backup", "สำรองฐานข้อมูล / Back up the database to a file");
    auto* out = backup->add_option("--out", commands.backup.out, "ไฟล์สำรอง / backup file");
    auto* into = backup->add_option("--into", commands.backup.folder,
                                    "โฟลเดอร์เก็บไฟล์สำรองตามเวลา / a folder: the file is named by its Bangkok time (ita-YYYYMMDD-HHMMSS)");
    out->excludes(into);
    backup
        ->add_option("--keep", commands.backup.keep,
                     "เก็บไว้กี่ชุดล่าสุด (ใช้กับ --into) / with --into: keep this many newest backups, delete older")
        ->needs(into)
        ->check(CLI::Range(1, 10000));
    app.add_subcommand("doctor",
                       "ตรวจความพร้อมของการติดตั้ง / Check this deployment: settings, database, secrets, fonts, methodologies, clock "
                       "(exit 1 when a check fails)");
    app.add_subcommand("migrate", "ปรับโครงสร้างฐานข้อมูลให้เป็นรุ่นล่าสุด / Apply the database migrations this ita has (ita serve waits for it)");
    auto* copy = app.add_subcommand("copy", "ย้ายฐานข้อมูล SQLite ไป PostgreSQL / Copy a SQLite database into an empty PostgreSQL one");
    copy->add_option("--from", commands.copy_from, "ไฟล์ SQLite / the SQLite file")->required();
    copy->add_option("--to", commands.copy_to, "ฐานข้อมูล PostgreSQL ว่าง / an empty PostgreSQL database (postgresql://…)")->required();
    auto* restore = app.add_subcommand("restore", "กู้คืนฐานข้อมูลจากไฟล์สำรอง / Replace the database with a backup");
    restore->add_option("--from", commands.restore_from, "ไฟล์สำรอง / backup file")->required();
}

int require_db(const GlobalOptions& global, const char* command) {
    if (global.db) return 0;
    std::fprintf(stderr, "ita %s: no database: give --db PATH_OR_URL or set ITA_DB\n", command);
    return 2;
}

// What each subcommand does once its options are parsed, given the shared ones. The commands
// that need a database have it checked before they are called.
int run_score(Commands& commands, const GlobalOptions& global) {
    commands.score.request.methodology_dir = global.methodology_dir;
    commands.score.db = global.db;
    commands.score.format = output_formats.at(commands.score_format);
    return app::run_score_command(commands.score);
}

int run_gen(Commands& commands, const GlobalOptions& global) {
    commands.gen.methodology_dir = global.methodology_dir;
    return app::run_gen_command(commands.gen);
}

int run_import(Commands& commands, const GlobalOptions& global) {
    static const std::map<std::string, service::ImportKind> kinds{{"agencies", service::ImportKind::agencies},
                                                                  {"responses", service::ImportKind::responses},
                                                                  {"oit", service::ImportKind::oit},
                                                                  {"published", service::ImportKind::published}};
    auto& command = commands.import;
    command.db = *global.db;
    command.request.kind = kinds.at(commands.import_kind);
    command.request.methodology_dir = global.methodology_dir;
    if (command.request.kind != service::ImportKind::agencies && command.request.fiscal_year == 0) {
        std::fprintf(stderr, "ita import: %s needs --year\n", commands.import_kind.c_str());
        return 2;
    }
    return app::run_import_command(command);
}

int run_publish(Commands& commands, const GlobalOptions& global) {
    commands.publish.db = *global.db;
    commands.publish.methodology_dir = global.methodology_dir;
    return app::run_publish_command(commands.publish);
}

int run_check_urls(Commands& commands, const GlobalOptions& global) {
    auto& command = commands.check_urls;
    command.db = *global.db;
    command.request.methodology_dir = global.methodology_dir;
    command.request.limits.total_timeout = std::chrono::milliseconds(static_cast<long long>(commands.check_urls_timeout * 1000));
    command.request.limits.connect_timeout = std::min(command.request.limits.connect_timeout, command.request.limits.total_timeout);
    command.json = commands.check_urls_format == "json";
    return app::run_check_urls_command(command);
}

int run_integrity(Commands& commands, const GlobalOptions& global) {
    auto& command = commands.integrity;
    command.db = *global.db;
    command.request.methodology_dir = global.methodology_dir;
    command.json = commands.integrity_format == "json";
    return app::run_integrity_command(command);
}

int run_rank(Commands& commands, const GlobalOptions& global) {
    commands.rank.db = *global.db;
    commands.rank.request.methodology_dir = global.methodology_dir;
    commands.rank.format = output_formats.at(commands.rank_format);
    return app::run_rank_command(commands.rank);
}

int run_analyse(Commands& commands, const GlobalOptions& global) {
    auto& command = commands.analyse;
    command.db = global.db;
    command.files.methodology_dir = global.methodology_dir;
    command.json = commands.analyse_format == "json";
    const auto& files = command.files;
    if (command.db && (!files.responses.empty() || files.oit || files.published || files.agencies)) {
        std::fprintf(stderr, "ita analyse: give either --db or input files, not both\n");
        return 2;
    }
    return app::run_analyse_command(command);
}

int run_measures(Commands& commands, const GlobalOptions& global) {
    auto& command = commands.measures;
    command.db = *global.db;
    command.methodology_dir = global.methodology_dir;
    command.json = commands.measures_format == "json";
    return app::run_measures_command(command);
}

int run_report(Commands& commands, const GlobalOptions& global) {
    if (!commands.report.all && commands.report.agency_id.empty()) {
        std::fprintf(stderr, "ita report: give --agency A or --all\n");
        return 2;
    }
    const auto& files = commands.report.files;
    const bool from_files = !files.responses.empty() || files.oit || files.published || files.agencies;
    if (global.db && from_files) {
        std::fprintf(stderr, "ita report: give either --db or input files, not both\n");
        return 2;
    }
    if (!from_files)
        if (const int missing = require_db(global, "report")) return missing;
    commands.report.db = global.db.value_or("");
    commands.report.methodology_dir = global.methodology_dir;
    return app::run_report_command(commands.report);
}

int run_serve(Commands& commands, const GlobalOptions& global) {
    commands.serve.db = *global.db;
    commands.serve.methodology_dir = global.methodology_dir;
    if (commands.evidence_check_at == "off") {
        commands.serve.evidence_nightly_minute = std::nullopt;
    } else if (const auto minute = util::minutes_of_day(commands.evidence_check_at)) {
        commands.serve.evidence_nightly_minute = *minute;
    } else {
        std::fprintf(stderr, "ita serve: --evidence-check-at must be HH:MM (such as 02:00) or off\n");
        return 2;
    }
    return app::run_serve_command(commands.serve);
}

int run_season(Commands& commands, const GlobalOptions& global) {
    if (commands.season_show) return app::run_season_show_command(*global.db, commands.season.fiscal_year);
    // Options not given leave empty entries behind: drop them so the defaults apply.
    for (auto* dates : {&commands.season.opens, &commands.season.closes})
        std::erase_if(*dates, [](const auto& entry) { return entry.second.empty(); });
    commands.season.methodology_dir = global.methodology_dir;
    return app::run_season_open_command(*global.db, commands.season);
}

int run_users(Commands& commands, const GlobalOptions& global) {
    return app::run_users_add_command(*global.db, commands.user_id, commands.user_name, commands.user_role, commands.user_agency);
}

int run_codes(Commands& commands, const GlobalOptions& global) {
    return app::run_codes_command(*global.db, commands.codes_year, commands.codes_agency, commands.codes_count, global.methodology_dir);
}

int run_methodology(Commands& commands, const GlobalOptions& global) {
    commands.methodology.methodology_dir = global.methodology_dir;
    commands.methodology.database = global.db;
    commands.methodology.json = commands.methodology_format == "json";
    return app::run_methodology_command(commands.methodology);
}

int run_doctor(Commands& commands, const GlobalOptions& global) {
    app::DoctorCommand doctor;
    doctor.config_file = global.config_file;
    doctor.db = global.db;
    doctor.methodology_dir = global.methodology_dir;
    doctor.serve = commands.serve;
    doctor.evidence_check_at = commands.evidence_check_at;
    return app::run_doctor_command(doctor);
}

int run_migrate(Commands&, const GlobalOptions& global) { return app::run_migrate_command(*global.db); }
int run_backup(Commands& commands, const GlobalOptions& global) {
    if (commands.backup.out.empty() == commands.backup.folder.empty()) {
        std::fprintf(stderr, "ita backup: give --out FILE or --into FOLDER\n");
        return 2;
    }
    commands.backup.db = *global.db;
    return app::run_backup_command(commands.backup);
}
int run_copy(Commands& commands, const GlobalOptions&) { return app::run_copy_command(commands.copy_from, commands.copy_to); }
int run_restore(Commands& commands, const GlobalOptions& global) { return app::run_restore_command(*global.db, commands.restore_from); }

struct Subcommand {
    const char* name;
    bool needs_db;
    int (*run)(Commands&, const GlobalOptions&);
};

// `constraints` is the measures command's other name (both set up by add_measures).
constexpr Subcommand subcommands[] = {
    {"score", false, run_score},
    {"gen", false, run_gen},
    {"import", true, run_import},
    {"publish", true, run_publish},
    {"check-urls", true, run_check_urls},
    {"integrity", true, run_integrity},
    {"rank", true, run_rank},
    {"analyse", false, run_analyse},
    {"measures", true, run_measures},
    {"constraints", true, run_measures},
    {"report", false, run_report},
    {"serve", true, run_serve},
    {"season", true, run_season},
    {"users", true, run_users},
    {"codes", true, run_codes},
    {"methodology", false, run_methodology},
    {"migrate", true, run_migrate},
    {"doctor", false, run_doctor},
    {"copy", false, run_copy},
    {"backup", true, run_backup},
    {"restore", true, run_restore},
};

}  // namespace

int run(int argc, char** argv) {
    CLI::App app{
        "ita — ระบบการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)\n"
        "ita — Thailand's Integrity and Transparency Assessment, end to end\n" +
        app::version_text()};
    app.set_version_flag("--version", app::version_text());
    app.require_subcommand(1);
    app.fallthrough();
    GlobalOptions global;
    app.add_option("--methodology", global.methodology_dir,
                   "โฟลเดอร์ที่มี ita-YYYY.json แทนฉบับในโปรแกรม / folder of ita-YYYY.json files overriding the built-in ones");
    app.add_option("--db", global.db, "ฐานข้อมูล: ไฟล์ SQLite หรือ postgresql://… / database: a SQLite file or a postgresql:// URL")
        ->envname("ITA_DB");
    app.add_option("--secrets", global.secrets, "ไฟล์กุญแจลับ / the secrets file (keys of codes, sessions and held answers)")
        ->envname("ITA_SECRETS");
    // Every long option can also come from a TOML file: top-level keys for the options above,
    // a [serve] section for ita serve's (deploy/ita.conf documents each). The command line wins,
    // then the file, then ITA_DB / ITA_SECRETS. An unknown key is an error, so a typo is not
    // silently ignored.
    app.set_config("--config", "", "ไฟล์ตั้งค่า / a settings file (TOML, such as /etc/ita/ita.conf)")->envname("ITA_CONFIG");
    app.allow_config_extras(CLI::config_extras_mode::error);
    Commands commands;
    for (const auto add : {add_score, add_gen, add_import, add_rank, add_analyse, add_measures, add_report, add_serve, add_codes,
                           add_season, add_users, add_publish, add_check_urls, add_integrity, add_methodology, add_backup})
        add(app, commands);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ConfigError& error) {
        // CLI11 says "INI was not able to parse serve.sesion-hours" for a key it does not know.
        std::string what = error.what();
        if (const auto at = what.find("not able to parse "); at != std::string::npos)
            what = "unknown setting " + what.substr(at + 18) + " (deploy/ita.conf lists every setting)";
        std::fprintf(stderr, "ita: the settings file (--config): %s\n", what.c_str());
        return 2;
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error);
        return code == 0 ? 0 : 2;
    }
    if (const auto* config = app.get_config_ptr(); config && config->count() > 0) global.config_file = config->as<std::string>();
    if (global.secrets) storage::use_secrets_file(*global.secrets);
    for (const auto& subcommand : subcommands) {
        if (!app.got_subcommand(subcommand.name)) continue;
        if (subcommand.needs_db)
            if (const int code = require_db(global, subcommand.name == std::string_view("constraints") ? "measures" : subcommand.name))
                return code;
        return subcommand.run(commands, global);
    }
    return 2;
}

}  // namespace ita::cli
