// What a Debian administrator runs: ita doctor (one line per check, exit 1 on any failure),
// ita migrate and the schema rules of a rolling upgrade, ita backup --into --keep.
#include "../../support/shell.hpp"
#include "../../support/temp_files.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

using ita::test::run_ita;

namespace {

const char* agencies_csv = "agency_id,name,type,province\nA1,เทศบาลเมืองแจระแม,เทศบาลเมือง,อุบลราชธานี\n";

// A deployment's settings file: a SQLite database and its own secrets file, `serve` lines under [serve].
std::string settings(ita::test::TempDir& files, const std::string& name, const std::string& top, const std::string& serve) {
    return files.write(name,
                       "db = \"" + files.path("ita.db") + "\"\nsecrets = \"" + files.path("secrets") + "\"\n" + top + "[serve]\n" + serve);
}

std::string sql(const std::string& db, const std::string& statements) {
    return ita::test::output_of("sqlite3 " + db + " \"" + statements + "\" 2>&1");
}

}  // namespace

TEST(Doctor, AReadyDeploymentPassesEveryCheck) {
    ita::test::TempDir files;
    const auto conf =
        settings(files, "ita.conf", "",
                 "listen = \"127.0.0.1:8081\"\ntrusted-proxy = [\"127.0.0.1\"]\npublic-url = \"https://ita.example.go.th\"\n");
    ASSERT_EQ(run_ita("--config " + conf + " migrate").exit_code, 0);
    const auto doctor = run_ita("--config " + conf + " doctor");
    EXPECT_EQ(doctor.exit_code, 0) << doctor.output;
    EXPECT_EQ(doctor.output.find("FAIL"), std::string::npos) << doctor.output;
    for (const char* line :
         {"ok    settings: ", "ok    secrets: ", "ok    database: sqlite answers at schema ", "ok    listen: 127.0.0.1:8081",
          "ok    trusted-proxy: 127.0.0.1", "ok    public-url: https://ita.example.go.th", "ok    log: ", "ok    fonts: Laksaman",
          "ok    methodology: 2563", "ok    clock: "})
        EXPECT_NE(doctor.output.find(line), std::string::npos) << line << "\n" << doctor.output;
}

TEST(Doctor, EachBrokenSettingFailsWithItsOwnLine) {
    ita::test::TempDir files;
    const auto good = settings(files, "ita.conf", "", "");
    ASSERT_EQ(run_ita("--config " + good + " migrate").exit_code, 0);
    std::filesystem::permissions(files.path("secrets"), std::filesystem::perms::group_read | std::filesystem::perms::others_read,
                                 std::filesystem::perm_options::add);
    const auto broken = settings(files, "broken.conf", "methodology = \"" + files.path("no-such-folder") + "\"\n",
                                 "listen = \"localhost8081\"\ntrusted-proxy = [\"nginx\"]\nlog-file = \"" +
                                     files.path("no/such/dir/ita.log") + "\"\nevidence-check-at = \"25:00\"\ntemplates = \"" +
                                     files.path("no-templates") + "\"\npublic-url = \"javascript:alert(1)\"\n");
    const auto doctor = run_ita("--config " + broken + " doctor");
    EXPECT_EQ(doctor.exit_code, 1) << doctor.output;
    for (const char* line : {"FAIL  secrets: ", "is readable by others than its owner", "FAIL  listen: 'localhost8081' is not ADDRESS:PORT",
                             "FAIL  trusted-proxy: 'nginx' is not an IP address", "FAIL  log: cannot write ",
                             "FAIL  templates: ", "FAIL  methodology: ", "is not a folder", "FAIL  evidence-check-at: '25:00'",
                             "FAIL  public-url: 'javascript:alert(1)'"})
        EXPECT_NE(doctor.output.find(line), std::string::npos) << line << "\n" << doctor.output;
    EXPECT_NE(doctor.output.find("ok    database: "), std::string::npos) << "the database itself is fine\n" << doctor.output;
}

TEST(Doctor, ADatabaseThatIsMissingOrBehindIsNamedNotCreatedOrMigrated) {
    ita::test::TempDir files;
    const auto conf = settings(files, "ita.conf", "", "");
    const auto missing = run_ita("--config " + conf + " doctor");
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.output.find("FAIL  database: the SQLite file " + files.path("ita.db") + " does not exist (ita migrate creates it)"),
              std::string::npos)
        << missing.output;
    EXPECT_FALSE(std::filesystem::exists(files.path("ita.db"))) << "the doctor created the database";
    ASSERT_EQ(run_ita("--config " + conf + " migrate").exit_code, 0);
    sql(files.path("ita.db"), "DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)");
    const auto behind = run_ita("--config " + conf + " doctor");
    EXPECT_EQ(behind.exit_code, 1);
    EXPECT_NE(behind.output.find("FAIL  database: the database is at schema "), std::string::npos) << behind.output;
    EXPECT_NE(behind.output.find("ita migrate"), std::string::npos) << behind.output;
    const auto none = run_ita("doctor");
    EXPECT_NE(none.output.find("FAIL  database: none given"), std::string::npos) << none.output;
}

TEST(Upgrade, ANewerSchemaRunsOnlyWhereTheItaThatMigratedItSaysSo) {
    ita::test::TempDir files;
    const auto conf = settings(files, "ita.conf", "", "");
    ASSERT_EQ(run_ita("--config " + conf + " import agencies " + files.write("agencies.csv", agencies_csv)).exit_code, 0);
    ASSERT_EQ(run_ita("--config " + conf + " import --year 2565 published " +
                      files.write("published.csv",
                                  "agency_id,level,code,score\nA1,instrument,IIT,90\nA1,instrument,EIT,90\nA1,instrument,OIT,90\n"))
                  .exit_code,
              0);
    const std::string db = files.path("ita.db");
    const std::string newest = sql(db, "SELECT max(version) FROM schema_migrations");
    const int known = std::stoi(newest);
    // Migrating records, for the schema it reached, the oldest schema that may still run on it.
    const std::string note = sql(db, "SELECT CAST(value AS TEXT) FROM settings WHERE name = 'schema_readable_from'");
    ASSERT_TRUE(note.starts_with(std::to_string(known) + ":")) << note;
    EXPECT_LE(std::stoi(note.substr(note.find(':') + 1)), known) << note;
    // A newer ita's migration that only adds, declared readable by this schema: this ita runs on it.
    const std::string next = std::to_string(known + 1);
    // Applied by something that left the note as it was: the note is for the older schema, not believed.
    sql(db, "INSERT INTO schema_migrations VALUES (" + next + ", 'NNN_added.sql', '2026-11-30T00:00:00Z')");
    EXPECT_EQ(run_ita("--config " + conf + " rank --year 2565").exit_code, 2) << "a note written for the older schema was believed";
    sql(db, "UPDATE settings SET value = CAST('" + next + ":" + std::to_string(known) + "' AS BLOB) WHERE name = 'schema_readable_from'");
    const auto runs = run_ita("--config " + conf + " rank --year 2565");
    EXPECT_EQ(runs.exit_code, 0) << runs.output;
    const auto migrate = run_ita("--config " + conf + " migrate");
    EXPECT_EQ(migrate.exit_code, 0);
    EXPECT_NE(migrate.output.find("newer than this ita (" + newest.substr(0, newest.size() - 1) +
                                  "), which its newer ita says can still run on it"),
              std::string::npos)
        << migrate.output;
    EXPECT_EQ(sql(db, "SELECT max(version) FROM schema_migrations"), next + "\n") << "nothing written back";
    // One that changed what this ita relies on: refused, by every command.
    sql(db, "UPDATE settings SET value = CAST('" + next + ":" + next + "' AS BLOB) WHERE name = 'schema_readable_from'");
    const auto refused = run_ita("--config " + conf + " rank --year 2565");
    EXPECT_EQ(refused.exit_code, 2) << refused.output;
    EXPECT_NE(refused.output.find("the database is at schema " + next + ", newer than this ita knows"), std::string::npos)
        << refused.output;
    EXPECT_NE(refused.output.find("needs schema " + next + " or newer"), std::string::npos) << refused.output;
}

TEST(Backup, IntoAFolderNamedByTimeKeepingTheNewest) {
    ita::test::TempDir files;
    const auto conf = settings(files, "ita.conf", "", "");
    ASSERT_EQ(run_ita("--config " + conf + " import agencies " + files.write("agencies.csv", agencies_csv)).exit_code, 0);
    const std::string folder = files.path("backups");
    for (int round = 0; round < 3; ++round) {
        if (round > 0) std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // one name per second
        const auto backup = run_ita("--config " + conf + " backup --into " + folder + " --keep 2");
        ASSERT_EQ(backup.exit_code, 0) << backup.output;
        if (round == 2) EXPECT_NE(backup.output.find("1 older backup(s) deleted, the newest 2 kept"), std::string::npos) << backup.output;
    }
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        names.push_back(entry.path().filename().string());
        EXPECT_EQ(entry.status().permissions() & (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
                  std::filesystem::perms::none)
            << names.back();
    }
    ASSERT_EQ(names.size(), 2u);
    for (const auto& name : names) {
        EXPECT_TRUE(name.starts_with("ita-20") && name.ends_with(".sqlite")) << name;
        // Each is a whole database: a restore reads it.
        EXPECT_EQ(ita::test::output_of("sqlite3 " + folder + "/" + name + " 'SELECT agency_id FROM agencies'"), "A1\n") << name;
    }
    EXPECT_EQ(std::filesystem::status(folder).permissions() & std::filesystem::perms::others_all, std::filesystem::perms::none);
    EXPECT_EQ(run_ita("--config " + conf + " backup --out x.db --into " + folder).exit_code, 2) << "one or the other";
}

TEST(Version, HelpAndVersionNameTheSameBuild) {
    const auto version = run_ita("--version");
    ASSERT_EQ(version.exit_code, 0);
    ASSERT_TRUE(version.output.starts_with("ita ")) << version.output;
    EXPECT_NE(version.output.find("(database schema "), std::string::npos) << version.output;
    const auto help = run_ita("--help");
    EXPECT_NE(help.output.find(version.output.substr(0, version.output.find('\n'))), std::string::npos) << help.output;
}
