// Makes planners by name, with typed parameters (declared by each planner, given as strings)
// and a seed. A registry is a value: no global or static configuration.
#pragma once

#include <fleet/planner/planner.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fleet::planner {

struct ParamSpec {
  std::string name;
  std::string default_value;
  std::string description;
};

/// A planner's parameters after merging the user's strings over the declared defaults.
/// Getters throw std::invalid_argument naming the planner, parameter and bad value.
class ParamValues {
public:
  ParamValues(std::string planner, std::map<std::string, std::string> values)
      : planner_(std::move(planner)), values_(std::move(values)) {}

  [[nodiscard]] std::string text(const std::string& name) const;
  [[nodiscard]] std::int64_t integer(const std::string& name) const;
  [[nodiscard]] double number(const std::string& name) const;
  [[nodiscard]] bool flag(const std::string& name) const;
  [[nodiscard]] const std::map<std::string, std::string>& all() const { return values_; }

private:
  std::string planner_;
  std::map<std::string, std::string> values_;
};

class PlannerRegistry {
public:
  using Factory = std::function<std::unique_ptr<Planner>(const ParamValues&, std::uint64_t seed)>;
  struct Entry {
    std::string name;
    std::string description;
    std::vector<ParamSpec> params;
    Factory make;
  };

  /// Adds a planner; throws std::invalid_argument if the name is taken.
  void add(Entry entry);
  [[nodiscard]] const Entry* find(std::string_view name) const;
  /// Entries sorted by name.
  [[nodiscard]] std::vector<const Entry*> entries() const;

  /// Makes a planner. Throws std::invalid_argument for an unknown planner, an unknown
  /// parameter or a value its getter cannot parse, listing what is known.
  [[nodiscard]] std::unique_ptr<Planner> make(
      std::string_view name, const std::map<std::string, std::string>& params = {},
      std::uint64_t seed = 0) const;

private:
  std::vector<Entry> entries_;
};

/// A registry holding every planner fleetsim ships.
PlannerRegistry builtin_planners();

}  // namespace fleet::planner
