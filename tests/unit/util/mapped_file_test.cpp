// A file that shrinks while it is mapped reads as zeros and says it changed, instead of killing
// the process with SIGBUS; what is not a regular file is refused without waiting on it.
#include <ita/util/mapped_file.hpp>

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {
std::string temp_path(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("ita-mapped-" + std::to_string(::getpid()) + "-" + name)).string();
}
}  // namespace

TEST(MappedFile, AFileThatShrinksUnderTheReaderIsReportedNotFatal) {
    const std::string path = temp_path("shrink.csv");
    std::ofstream(path) << std::string(1 << 20, 'x');
    auto file = ita::util::MappedFile::open(path);
    ASSERT_TRUE(file) << file.error().to_string();
    EXPECT_FALSE(file->changed());
    ASSERT_EQ(::truncate(path.c_str(), 100), 0);
    // Reading past the new end used to be SIGBUS; now those pages read as zeros.
    std::size_t zeros = 0;
    for (const char c : file->text()) zeros += c == '\0';
    EXPECT_GT(zeros, 0u);
    EXPECT_TRUE(file->changed());
    std::filesystem::remove(path);
}

TEST(MappedFile, AFileRewrittenMeanwhileIsReportedAsChanged) {
    const std::string path = temp_path("rewritten.csv");
    std::ofstream(path) << "agency_id,name\n";
    auto file = ita::util::MappedFile::open(path);
    ASSERT_TRUE(file);
    std::ofstream(path, std::ios::app) << "A1,x\n";
    EXPECT_TRUE(file->changed());
    std::filesystem::remove(path);
}

TEST(MappedFile, APipeIsRefusedAtOnce) {
    const std::string path = temp_path("pipe");
    ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
    const auto file = ita::util::MappedFile::open(path);  // no writer: it must not wait for one
    ASSERT_FALSE(file);
    EXPECT_EQ(file.error().code, ita::ErrorCode::invalid_input);
    EXPECT_NE(file.error().message.find("not a regular file"), std::string::npos) << file.error().message;
    std::filesystem::remove(path);
    EXPECT_EQ(ita::util::MappedFile::open(temp_path("missing")).error().code, ita::ErrorCode::invalid_input);
}
