// The shared input and output guards: bounded reading (size, line length, non-regular files),
// messages that never echo raw bytes, numbers range-checked one way, and output files that
// never follow a planted symlink, nor replace an earlier run's folder unasked.
#include "scratch_files.hpp"

#include <fleet/planner/grid.hpp>
#include <fleet/planner/input_error.hpp>
#include <fleet/planner/printable.hpp>
#include <fleet/planner/input_file.hpp>
#include <fleet/planner/instance.hpp>
#include <fleet/planner/number_text.hpp>
#include <fleet/planner/output_file.hpp>

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace {

namespace fs = std::filesystem;
using fleet::InputError;
using fleet::test::ScratchDir;

std::string message_of(const auto& call) {
  try {
    call();
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("expected a fleet::InputError");
  return {};
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("readers refuse devices, directories and pipes before reading", "[input][limits]") {
  const ScratchDir dir;
  const std::string zero = message_of([] { (void)fleet::planner::load_map("/dev/zero"); });
  CHECK_THAT(zero, Catch::Matchers::Contains("/dev/zero: not a regular file (it is a device)"));
  const std::string folder = message_of([&] { (void)fleet::planner::load_map(dir.path()); });
  CHECK_THAT(folder, Catch::Matchers::Contains("it is a directory"));
  CHECK_THAT(folder, !Catch::Matchers::Contains("unexpected end of file"));
  const fs::path fifo = dir.path() / "pipe.map";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THAT(message_of([&] { (void)fleet::planner::load_map(fifo); }),
             Catch::Matchers::Contains("it is a pipe"));
  CHECK_THAT(message_of([&] { (void)fleet::read_input_file(dir.path() / "none", "map"); }),
             Catch::Matchers::Contains("cannot open map file"));
}

TEST_CASE("readers stop at the size and line-length caps", "[input][limits]") {
  const ScratchDir dir;
  const auto file = dir.write("big.txt", "short\n" + std::string(100, 'x') + "\nend\n");
  CHECK(fleet::read_input_file(file, "test") == read(file));
  CHECK_THAT(message_of([&] { (void)fleet::read_input_file(file, "test", 50); }),
             Catch::Matchers::Contains("more than the limit of 50"));
  try {
    (void)fleet::read_input_file(file, "test", fleet::kMaxInputBytes, 99);
    FAIL("a 100-byte line passed a 99-byte cap");
  } catch (const InputError& e) {
    CHECK(e.line() == 2);
    CHECK_THAT(e.message(), Catch::Matchers::Contains("line has 100 bytes"));
  }
}

TEST_CASE("messages show control bytes and broken UTF-8 as escapes", "[input][messages]") {
  CHECK(fleet::printable("plain text") == "plain text");
  CHECK(fleet::printable("caf\xC3\xA9") == "caf\xC3\xA9");
  CHECK(fleet::printable("\x1B[2J\x07") == "\\x1B[2J\\x07");
  CHECK(fleet::printable("\xFF\xC3") == "\\xFF\\xC3");
  CHECK(fleet::printable(std::string(100, 'a'), 10) == std::string(10, 'a') + "...");
  const InputError e("in\x1B.map", 3, "found '\x1B]0;pwned\x07'");
  CHECK(std::string(e.what()) == "in\\x1B.map:3: found '\\x1B]0;pwned\\x07'");

  const ScratchDir dir;
  const auto binary = dir.write("bin.map", std::string("\x7F" "ELF\x02\x01\x01\0\0\0\n", 11));
  const std::string m = message_of([&] { (void)fleet::planner::load_map(binary); });
  CHECK_THAT(m, Catch::Matchers::Contains("\\x7FELF\\x02"));
  for (const char ch : m) CHECK((static_cast<unsigned char>(ch) >= 0x20 || ch == '\n'));
}

TEST_CASE("numbers are whole, finite and in range, seeds never wrap", "[input][numbers]") {
  CHECK(fleet::parse_number("2.5", 0.0, fleet::kMaxTimeLimitS) == 2.5);
  for (const char* bad : {"inf", "nan", "1e308", "-1", "0", "", " 1", "1s", "1e400", "+1"})
    CHECK_FALSE(fleet::parse_number(bad, 0.0, fleet::kMaxTimeLimitS));
  CHECK(fleet::parse_number("0", 0.0, 1.0, true) == 0.0);
  CHECK(fleet::parse_seed("18446744073709551615") == 18446744073709551615ULL);
  for (const char* bad : {"-1", "18446744073709551616", "1e3", "0x10", "+5", ""})
    CHECK_FALSE(fleet::parse_seed(bad));
  CHECK(fleet::parse_integer("-3", -5, 5) == -3);
  CHECK_FALSE(fleet::parse_integer("6", -5, 5));
  CHECK_FALSE(fleet::parse_integer("99999999999999999999", 0, 10));
  CHECK(fleet::number_problem("nan", 0.0, 10.0) == "must be a number in (0, 10], got 'nan'");
  CHECK(fleet::seed_problem("-1") == "must be an integer in 0..18446744073709551615, got '-1'");
  CHECK(fleet::integer_problem("-5", 0, 7) == "must be an integer in 0..7, got '-5'");
}

TEST_CASE("the .scen reader wants 9 fields and version 1", "[scen][input]") {
  const ScratchDir dir;
  const auto grid = std::make_shared<const fleet::planner::Grid>(
      fleet::planner::Grid::from_rows({"....", "....", "...."}));
  const std::string row9 = "0\tm.map\t4\t3\t0\t0\t3\t2\t5\n";
  const std::string row8 = "0\tm.map\t4\t3\t0\t0\t3\t2\n";
  CHECK(fleet::planner::load_scen(dir.write("ok.scen", "version 1\n" + row9), grid, 1).size() == 1);
  try {
    (void)fleet::planner::load_scen(dir.write("eight.scen", "version 1\n" + row8), grid, 1);
    FAIL("a row of 8 fields was accepted");
  } catch (const InputError& e) {
    CHECK(e.line() == 2);
    CHECK_THAT(e.message(), Catch::Matchers::Contains("expected 9 tab-separated fields"));
  }
  try {
    (void)fleet::planner::load_scen(dir.write("v99.scen", "version 99\n" + row9), grid, 1);
    FAIL("version 99 was accepted");
  } catch (const InputError& e) {
    CHECK(e.line() == 1);
    CHECK_THAT(e.message(), Catch::Matchers::Contains("unsupported scenario version '99'"));
  }
}

TEST_CASE("output files never follow a planted symlink", "[output]") {
  const ScratchDir dir;
  const auto victim = dir.write("victim.txt", "precious");
  const auto target = dir.path() / "summary.json";
  fs::create_symlink(victim, dir.path() / "summary.json.partial");
  fleet::write_file_atomically(target, "{}\n");
  CHECK(read(victim) == "precious");
  CHECK(read(target) == "{}\n");
  CHECK(fs::is_regular_file(fs::symlink_status(target)));
  CHECK_FALSE(fs::exists(fs::symlink_status(dir.path() / "summary.json.partial")));

  // A symlink at the final name is replaced itself, not written through.
  fs::create_symlink(victim, dir.path() / "result.txt");
  fleet::write_file_atomically(dir.path() / "result.txt", "new");
  CHECK(read(victim) == "precious");
  CHECK(read(dir.path() / "result.txt") == "new");
}

TEST_CASE("an unfinished output file leaves nothing under the final name", "[output]") {
  const ScratchDir dir;
  const auto path = dir.path() / "trace.bin";
  {
    fleet::OutputFile dropped(path);
    dropped.write("half");
  }
  CHECK_FALSE(fs::exists(path));
  CHECK_FALSE(fs::exists(dir.path() / "trace.bin.partial"));
  {
    fleet::OutputFile kept(path, /*keep_unfinished=*/true);
    kept.write("evidence");
  }
  CHECK_FALSE(fs::exists(path));
  CHECK(read(dir.path() / "trace.bin.partial") == "evidence");
}

TEST_CASE("names from files must be one plain path component", "[output]") {
  CHECK(fleet::path_component_problem("small-floor_2").empty());
  CHECK(fleet::path_component_problem("../../../x") == "contains a path separator");
  CHECK(fleet::path_component_problem("/etc/x") == "contains a path separator");
  CHECK(fleet::path_component_problem("a\\b") == "contains a path separator");
  CHECK(fleet::path_component_problem("..") == "is '..'");
  CHECK(fleet::path_component_problem("") == "is empty");
  CHECK(fleet::path_component_problem("a\nb") == "contains a control character");
  CHECK_FALSE(fleet::path_component_problem(std::string(201, 'a')).empty());
}

TEST_CASE("an output folder with files is refused unless overwriting", "[output]") {
  const ScratchDir dir;
  const auto run = dir.path() / "runs" / "one";
  fleet::prepare_output_folder(run, false);  // made, parents too
  CHECK(fs::is_directory(run));
  fleet::prepare_output_folder(run, false);  // empty: fine
  dir.write("runs/one/summary.json", "{}");
  CHECK_THAT(message_of([&] { fleet::prepare_output_folder(run, false); }),
             Catch::Matchers::Contains("already holds files") &&
                 Catch::Matchers::Contains("--overwrite"));
  fleet::prepare_output_folder(run, true);
  CHECK(read(run / "summary.json") == "{}");  // preparing never deletes
  const auto file = dir.write("plain.txt", "x");
  CHECK_THAT(message_of([&] { fleet::prepare_output_folder(file, true); }),
             Catch::Matchers::Contains("exists and is not a folder"));
}
