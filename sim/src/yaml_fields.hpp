// Strict reading of YAML mappings for scenario files: only known keys, each once, values
// checked for type and range, every error a fleet::InputError with the file and line.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace fleet::sim::detail {

/// One key of a mapping: its dotted name (e.g. "layout.blocks_x"), its 1-based line, value.
struct YamlField {
  std::string name;
  int line = 0;
  YAML::Node value;
};

/// The file every error names, and the conversions that report it.
class YamlSource {
public:
  explicit YamlSource(std::string file) : file_(std::move(file)) {}
  [[nodiscard]] const std::string& file() const { return file_; }

  [[noreturn]] void fail(int line, const std::string& message) const;

  /// 1-based line of a parsed node, or `fallback` when it has no position.
  [[nodiscard]] static int line_of(const YAML::Node& node, int fallback);

  /// The keys of a mapping named `what` at `line`; fails if `node` is not a mapping, a key is
  /// not a plain scalar, repeats, or is not one of `allowed` (the message lists them).
  [[nodiscard]] std::vector<YamlField> fields(
      const YAML::Node& node, int line, const std::string& what,
      std::initializer_list<std::string_view> allowed) const;

  /// A scalar integer in lo..hi; `name` and `line` describe it in errors.
  [[nodiscard]] std::int64_t integer(const YAML::Node& value, const std::string& name, int line,
                                     std::int64_t lo, std::int64_t hi) const;
  [[nodiscard]] std::uint64_t unsigned_integer(const YAML::Node& value, const std::string& name,
                                               int line) const;
  /// A scalar number with lo < value <= hi.
  [[nodiscard]] double number(const YAML::Node& value, const std::string& name, int line, double lo,
                              double hi) const;
  /// A non-empty scalar string.
  [[nodiscard]] std::string text(const YAML::Node& value, const std::string& name, int line) const;
  /// A sequence (possibly empty).
  void require_sequence(const YAML::Node& value, const std::string& name, int line) const;

  [[nodiscard]] std::int64_t integer(const YamlField& f, std::int64_t lo, std::int64_t hi) const {
    return integer(f.value, f.name, f.line, lo, hi);
  }
  [[nodiscard]] double number(const YamlField& f, double lo, double hi) const {
    return number(f.value, f.name, f.line, lo, hi);
  }
  [[nodiscard]] std::string text(const YamlField& f) const { return text(f.value, f.name, f.line); }

private:
  std::string file_;
};

/// The field called `key` (its last dotted part), or nullptr.
const YamlField* find_field(const std::vector<YamlField>& fields, std::string_view key);

}  // namespace fleet::sim::detail
