// Reads a fleetsim YAML scenario: the file, the top-level keys, the planner and run settings.
// The floor, fleet and tasks are read by scenario_world.cpp.
#include "scenario_parts.hpp"

#include <fleet/planner/input_error.hpp>
#include <fleet/planner/input_file.hpp>
#include <fleet/planner/number_text.hpp>
#include <fleet/planner/output_file.hpp>

#include <stdexcept>
#include <string>

namespace fleet::sim {
namespace {

using detail::find_field;
using detail::YamlField;
using detail::YamlSource;

constexpr std::int64_t kMaxSteps = 100'000'000;
constexpr std::int64_t kMaxPeriod = 1'000'000;
constexpr std::int64_t kMaxThreads = 4096;
constexpr std::int64_t kMaxDistanceMemoryMb = std::int64_t{1} << 20;  // 1 TiB

YAML::Node parse_file(const std::filesystem::path& path, const YamlSource& source) {
  const std::string text = read_input_file(path, "scenario");
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    source.fail(e.mark.line >= 0 ? e.mark.line + 1 : 0, "YAML syntax error: " + e.msg);
  } catch (const YAML::Exception& e) {
    source.fail(e.mark.line >= 0 ? e.mark.line + 1 : 0, "cannot read YAML: " + e.msg);
  }
}

PlannerChoice read_planner(const YamlSource& source, const YamlField& field) {
  PlannerChoice choice;
  choice.line = field.line;
  const auto fields =
      source.fields(field.value, field.line, "planner", {"name", "params", "time_limit"});
  if (const auto* f = find_field(fields, "name")) choice.name = source.text(*f);
  if (const auto* f = find_field(fields, "time_limit"))
    choice.time_limit_s = source.number(*f, 0.0, kMaxTimeLimitS);
  if (const auto* f = find_field(fields, "params")) {
    if (!f->value.IsMap())
      source.fail(f->line, "'planner.params' must be a mapping of parameter names to values");
    for (auto it = f->value.begin(); it != f->value.end(); ++it) {
      const int line = YamlSource::line_of(it->first, f->line);
      if (!it->first.IsScalar() || it->first.Scalar().empty())
        source.fail(line, "'planner.params' has a key that is not a plain name");
      const std::string key = it->first.Scalar();
      if (!it->second.IsScalar())
        source.fail(line, "planner parameter '" + key + "' must be a string, number or true/false");
      if (!choice.params.emplace(key, it->second.Scalar()).second)
        source.fail(line, "planner parameter '" + key + "' appears twice");
    }
  }
  return choice;
}

/// `plugins:`: a list of shared libraries, relative to the scenario's folder; each must exist.
std::vector<std::filesystem::path> read_plugins(const YamlSource& source, const YamlField& field,
                                                const std::filesystem::path& folder) {
  if (!field.value.IsSequence())
    source.fail(field.line, "'plugins' must be a list of plugin files (shared libraries)");
  std::vector<std::filesystem::path> plugins;
  for (const auto& item : field.value) {
    const int line = YamlSource::line_of(item, field.line);
    const std::filesystem::path plugin = folder / source.text(item, "plugins", line);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(plugin, ec))
      source.fail(line, "plugin file not found: " + plugin.string());
    plugins.push_back(plugin);
  }
  return plugins;
}

}  // namespace

Scenario load_scenario(const std::filesystem::path& path) {
  const YamlSource source(path.string());
  const YAML::Node root = parse_file(path, source);
  if (root.IsNull() || !root.IsDefined())
    source.fail(0,
                "the scenario file is empty; expected a mapping (see "
                "docs/scenario-format.md)");
  const int root_line = YamlSource::line_of(root, 1);
  const auto fields = source.fields(root, root_line, "scenario",
                                    {"name", "seed", "map", "layout", "motion", "fleet", "tasks",
                                     "planner", "replan_period", "horizon", "steps", "threads",
                                     "distance_memory_mb", "plugins", "execution"});

  Scenario scenario;
  scenario.source = path;
  scenario.name = path.stem().string();
  if (const auto* f = find_field(fields, "name")) {
    scenario.name = source.text(*f);
    // The name becomes the default run folder runs/<name>: it must stay one plain name.
    if (const std::string problem = path_component_problem(scenario.name); !problem.empty())
      source.fail(f->line, "'name' " + problem + "; it names the run folder runs/<name>, so it "
                           "must be one plain file name");
  }
  if (const auto* f = find_field(fields, "seed"))
    scenario.seed = source.unsigned_integer(f->value, f->name, f->line);
  if (const auto* f = find_field(fields, "motion")) {
    try {
      scenario.motion = planner::parse_motion_kind(source.text(*f));
    } catch (const std::invalid_argument& e) {
      source.fail(f->line, e.what());
    }
  }
  if (const auto* f = find_field(fields, "planner")) scenario.planner = read_planner(source, *f);
  if (const auto* f = find_field(fields, "steps"))
    scenario.steps = static_cast<int>(source.integer(*f, 1, kMaxSteps));
  if (const auto* f = find_field(fields, "replan_period"))
    scenario.replan_period = static_cast<int>(source.integer(*f, 1, kMaxPeriod));
  if (const auto* f = find_field(fields, "horizon")) {
    scenario.horizon = static_cast<int>(source.integer(*f, 0, kMaxPeriod));
    if (scenario.horizon > 0 && scenario.horizon < scenario.replan_period)
      source.fail(f->line, "'horizon' (" + std::to_string(scenario.horizon) +
                               ") must be 0 or at least 'replan_period' (" +
                               std::to_string(scenario.replan_period) +
                               "): each plan must cover the ticks run before the next one");
  }
  if (const auto* f = find_field(fields, "threads"))
    scenario.threads = static_cast<int>(source.integer(*f, 0, kMaxThreads));
  if (const auto* f = find_field(fields, "distance_memory_mb"))
    scenario.distance_memory_mb = static_cast<int>(source.integer(*f, 0, kMaxDistanceMemoryMb));

  if (const auto* f = find_field(fields, "plugins"))
    scenario.plugins = read_plugins(source, *f, path.parent_path());
  if (const auto* f = find_field(fields, "execution"))
    scenario.execution = detail::read_execution(source, *f);

  detail::WorldInput world{source, path.parent_path()};
  world.map = find_field(fields, "map");
  world.layout = find_field(fields, "layout");
  world.fleet = find_field(fields, "fleet");
  world.tasks = find_field(fields, "tasks");
  world.root_line = root_line;
  world.seed = scenario.seed;
  detail::read_world(world, scenario);
  return scenario;
}

}  // namespace fleet::sim
