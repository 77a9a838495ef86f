#include <fleet/planner/registry.hpp>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace fleet::planner {

std::string_view to_string(Status status) {
  switch (status) {
    case Status::Solved: return "solved";
    case Status::Timeout: return "timeout";
    case Status::Infeasible: return "infeasible";
    case Status::InvalidInput: return "invalid_input";
  }
  return "unknown";
}

std::string ParamValues::text(const std::string& name) const {
  const auto it = values_.find(name);
  if (it == values_.end())
    throw std::invalid_argument("planner '" + planner_ + "' has no parameter '" + name + "'");
  return it->second;
}

std::int64_t ParamValues::integer(const std::string& name) const {
  const std::string value = text(name);
  std::int64_t parsed = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (ec != std::errc() || ptr != value.data() + value.size())
    throw std::invalid_argument("planner '" + planner_ + "': parameter '" + name +
                                "' must be an integer, got '" + value + "'");
  return parsed;
}

double ParamValues::number(const std::string& name) const {
  const std::string value = text(name);
  try {
    std::size_t used = 0;
    const double parsed = std::stod(value, &used);
    if (used == value.size()) return parsed;
  } catch (const std::exception&) {
  }
  throw std::invalid_argument("planner '" + planner_ + "': parameter '" + name +
                              "' must be a number, got '" + value + "'");
}

bool ParamValues::flag(const std::string& name) const {
  const std::string value = text(name);
  if (value == "true" || value == "1" || value == "on" || value == "yes") return true;
  if (value == "false" || value == "0" || value == "off" || value == "no") return false;
  throw std::invalid_argument("planner '" + planner_ + "': parameter '" + name +
                              "' must be true or false, got '" + value + "'");
}

void PlannerRegistry::add(Entry entry) {
  if (find(entry.name) != nullptr)
    throw std::invalid_argument("planner '" + entry.name + "' is registered twice");
  entries_.push_back(std::move(entry));
}

const PlannerRegistry::Entry* PlannerRegistry::find(std::string_view name) const {
  const auto it = std::find_if(entries_.begin(), entries_.end(),
                               [&](const Entry& e) { return e.name == name; });
  return it == entries_.end() ? nullptr : &*it;
}

std::vector<const PlannerRegistry::Entry*> PlannerRegistry::entries() const {
  std::vector<const Entry*> sorted;
  for (const auto& e : entries_) sorted.push_back(&e);
  std::sort(sorted.begin(), sorted.end(),
            [](const Entry* a, const Entry* b) { return a->name < b->name; });
  return sorted;
}

std::unique_ptr<Planner> PlannerRegistry::make(std::string_view name,
                                               const std::map<std::string, std::string>& params,
                                               std::uint64_t seed) const {
  const Entry* entry = find(name);
  if (entry == nullptr) {
    std::string known;
    for (const Entry* e : entries()) known += (known.empty() ? "" : ", ") + e->name;
    throw std::invalid_argument("unknown planner '" + std::string(name) + "' (known: " + known +
                                ")");
  }
  std::map<std::string, std::string> values;
  for (const auto& spec : entry->params) values[spec.name] = spec.default_value;
  for (const auto& [key, value] : params) {
    if (!values.contains(key)) {
      std::string known;
      for (const auto& spec : entry->params) known += (known.empty() ? "" : ", ") + spec.name;
      throw std::invalid_argument("planner '" + entry->name + "' has no parameter '" + key +
                                  "' (known: " + (known.empty() ? "none" : known) + ")");
    }
    values[key] = value;
  }
  return entry->make(ParamValues(entry->name, std::move(values)), seed);
}

}  // namespace fleet::planner
