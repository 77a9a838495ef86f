#include "commands.hpp"

#include <fleet/planner/number_text.hpp>

#include <tbb/global_control.h>

#include <limits>

#include <stdexcept>

namespace fleet::cli {

std::string check_key_value(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) return "expected key=value, got '" + text + "'";
  return {};
}

namespace {

CLI::Validator number_check(bool allow_zero) {
  return CLI::Validator(
      [allow_zero](std::string& text) {
        return number_problem(text, 0.0, std::numeric_limits<double>::max(), allow_zero);
      },
      allow_zero ? "NONNEGATIVE" : "POSITIVE");
}

}  // namespace

CLI::Validator positive() { return number_check(false); }
CLI::Validator non_negative() { return number_check(true); }

CLI::Validator time_limit() {
  return CLI::Validator(
      [](std::string& text) { return number_problem(text, 0.0, kMaxTimeLimitS); }, "SECONDS");
}

CLI::Validator seed() {
  return CLI::Validator([](std::string& text) { return seed_problem(text); }, "SEED");
}

std::map<std::string, std::string> parse_params(const std::vector<std::string>& items) {
  std::map<std::string, std::string> params;
  for (const auto& item : items) {
    if (const std::string problem = check_key_value(item); !problem.empty())
      throw std::invalid_argument("--param: " + problem);
    const auto eq = item.find('=');
    params[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return params;
}

struct ThreadLimit::Impl {
  explicit Impl(std::size_t threads)
      : control(tbb::global_control::max_allowed_parallelism, threads) {}
  tbb::global_control control;
};

ThreadLimit::ThreadLimit(int threads) {
  if (threads > 0)
    impl_ = std::make_unique<Impl>(static_cast<std::size_t>(threads));
}

ThreadLimit::~ThreadLimit() = default;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace fleet::cli
