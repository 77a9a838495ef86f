// fleetsim: the command-line front end. Parses the command line, runs the chosen command, and
// turns every error into one line on stderr with exit code 2. Exceptions are caught here only.
#include "commands.hpp"

#include <fleet/planner/input_error.hpp>

#include <fmt/core.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <exception>
#include <filesystem>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#ifndef FLEET_VERSION
#define FLEET_VERSION "unknown"
#endif

namespace {

using fleet::cli::ExitCode;

void setup_logging(const fleet::cli::GlobalOptions& globals) {
  auto logger = spdlog::stderr_color_mt("fleetsim");
  logger->set_pattern("fleetsim: %^%l%$: %v");
  if (globals.quiet) {
    logger->set_level(spdlog::level::err);
  } else if (globals.verbosity >= 2) {
    logger->set_level(spdlog::level::trace);
  } else if (globals.verbosity == 1) {
    logger->set_level(spdlog::level::debug);
  } else {
    logger->set_level(spdlog::level::info);
  }
  spdlog::set_default_logger(std::move(logger));
}

int fail(const std::string& message) {
  fmt::print(stderr, "fleetsim: error: {}\n", message);
  return static_cast<int>(ExitCode::Error);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"fleetsim: warehouse robot fleet simulator and multi-agent path finding",
               "fleetsim"};
  app.set_version_flag("--version", std::string("fleetsim ") + FLEET_VERSION);
  app.require_subcommand(1);
  // Lets global flags such as -v follow the subcommand's own options.
  app.fallthrough();
  fleet::cli::GlobalOptions globals;
  app.add_flag("-v,--verbose", globals.verbosity, "More log output on stderr (-vv: even more)");
  app.add_flag("-q,--quiet", globals.quiet, "Only errors on stderr (no progress, no info)");
  app.footer("Exit codes: 0 success, 1 not solved / plan invalid, 2 error. See docs/cli.md.");

  const std::vector<fleet::cli::Command> commands = {
      fleet::cli::add_run_command(app, globals),
      fleet::cli::add_solve_command(app, globals),
      fleet::cli::add_validate_command(app, globals),
      fleet::cli::add_planners_command(app, globals),
      fleet::cli::add_bench_command(app, globals),
      fleet::cli::add_report_command(app, globals),
      fleet::cli::add_check_planner_command(app, globals),
      fleet::cli::add_planner_worker_command(app, globals),
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string where = "fleetsim";
    for (const auto& command : commands)
      if (command.app->parsed()) where += " " + command.app->get_name();
    if (const auto rest = app.remaining(); where == "fleetsim" && !rest.empty()) {
      std::string known;
      for (const auto& command : commands)
        known += (known.empty() ? "" : ", ") + command.app->get_name();
      return fail("unknown command '" + rest.front() + "' (known: " + known + ")");
    }
    return fail(std::string(e.what()) + " (see '" + where + " --help')");
  }

  try {
    setup_logging(globals);
    for (const auto& command : commands)
      if (command.app->parsed()) return static_cast<int>(command.run());
    return fail("no command given (see 'fleetsim --help')");
  } catch (const fleet::InputError& e) {
    return fail(e.what());
  } catch (const std::filesystem::filesystem_error& e) {
    return fail(e.what());
  } catch (const std::invalid_argument& e) {
    return fail(e.what());
  } catch (const std::bad_alloc&) {
    return fail("out of memory");
  } catch (const std::exception& e) {
    return fail(std::string("unexpected: ") + e.what());
  } catch (...) {
    return fail("unexpected error of unknown type");
  }
}
