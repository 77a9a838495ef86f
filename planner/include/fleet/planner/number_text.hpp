// Numbers read from text, checked the same way wherever they come from (command-line flags,
// YAML scenarios and suites, JSON problems): the whole text is the number, it is finite and
// within the range. Each returns nothing when the text does not qualify; `describe_*` says
// what was expected, for the caller's message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fleet {

/// Longest planner time limit accepted anywhere (one day, in seconds): a deadline this far
/// ahead still fits a steady_clock time point.
inline constexpr double kMaxTimeLimitS = 86'400.0;

/// A decimal integer in lo..hi (an optional leading '-', no '+', no spaces).
std::optional<std::int64_t> parse_integer(std::string_view text, std::int64_t lo,
                                          std::int64_t hi);
/// A seed: a decimal integer in 0..2^64-1 (no sign, no wrapping).
std::optional<std::uint64_t> parse_seed(std::string_view text);
/// A finite decimal number with lo < value <= hi (or lo <= value <= hi when `lo_included`).
std::optional<double> parse_number(std::string_view text, double lo, double hi,
                                   bool lo_included = false);

std::string describe_integer_range(std::int64_t lo, std::int64_t hi);  ///< "an integer in 1..10"
std::string describe_seed_range();                                      ///< "an integer in 0..2^64-1"
std::string describe_number_range(double lo, double hi, bool lo_included = false);

/// For command-line checks: empty when `text` qualifies, else "must be <range>, got '<text>'".
std::string integer_problem(std::string_view text, std::int64_t lo, std::int64_t hi);
std::string seed_problem(std::string_view text);
std::string number_problem(std::string_view text, double lo, double hi, bool lo_included = false);

}  // namespace fleet
