#include <fleet/planner/number_text.hpp>
#include <fleet/planner/printable.hpp>

#include <charconv>
#include <cmath>
#include <sstream>

namespace fleet {
namespace {

template <typename T>
std::optional<T> whole(std::string_view text) {
  T value{};
  if (text.empty() || text.front() == '+') return std::nullopt;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string shortest(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

}  // namespace

std::optional<std::int64_t> parse_integer(std::string_view text, std::int64_t lo,
                                          std::int64_t hi) {
  const auto value = whole<std::int64_t>(text);
  if (!value || *value < lo || *value > hi) return std::nullopt;
  return value;
}

std::optional<std::uint64_t> parse_seed(std::string_view text) {
  if (!text.empty() && text.front() == '-') return std::nullopt;  // from_chars would wrap it
  return whole<std::uint64_t>(text);
}

std::optional<double> parse_number(std::string_view text, double lo, double hi,
                                   bool lo_included) {
  const auto value = whole<double>(text);
  if (!value || !std::isfinite(*value) || *value > hi) return std::nullopt;
  if (lo_included ? *value < lo : *value <= lo) return std::nullopt;
  return value;
}

std::string describe_integer_range(std::int64_t lo, std::int64_t hi) {
  return "an integer in " + std::to_string(lo) + ".." + std::to_string(hi);
}

std::string describe_seed_range() { return "an integer in 0..18446744073709551615"; }

std::string describe_number_range(double lo, double hi, bool lo_included) {
  return "a number in " + std::string(lo_included ? "[" : "(") + shortest(lo) + ", " +
         shortest(hi) + "]";
}

namespace {
std::string got(std::string_view text) { return ", got '" + printable(text, 40) + "'"; }
}  // namespace

std::string integer_problem(std::string_view text, std::int64_t lo, std::int64_t hi) {
  return parse_integer(text, lo, hi) ? std::string() : "must be " + describe_integer_range(lo, hi) + got(text);
}

std::string seed_problem(std::string_view text) {
  return parse_seed(text) ? std::string() : "must be " + describe_seed_range() + got(text);
}

std::string number_problem(std::string_view text, double lo, double hi, bool lo_included) {
  return parse_number(text, lo, hi, lo_included)
             ? std::string()
             : "must be " + describe_number_range(lo, hi, lo_included) + got(text);
}

}  // namespace fleet
