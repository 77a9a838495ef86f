// Small statistics and CSV helpers shared by the report's tables (report.cpp,
// report_lifelong.cpp).
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace fleet::bench::report_stats {

/// Linear interpolation between the closest ranks (numpy's default); `sorted` non-empty.
inline double quantile(const std::vector<double>& sorted, double q) {
  const double at = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(at);
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (at - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

inline std::optional<double> median_of(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  return quantile(values, 0.5);
}

/// Quotes a CSV field when it holds a comma, quote or newline.
inline std::string csv_text(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace fleet::bench::report_stats
