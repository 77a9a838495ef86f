// A suite's `plugins:` list: shared libraries, relative to the suite's folder, whose planners
// the suite may name beside the built-in ones.
#include "suite_parts.hpp"

#include <fleet/planner/plugin_loader.hpp>

#include <yaml-cpp/yaml.h>

namespace fleet::bench {
namespace detail {

planner::PlannerRegistry read_plugins(const YAML::Node& root, const std::filesystem::path& base,
                                      const planner::PlannerRegistry& given, Suite& suite,
                                      Problems& problems) {
  planner::PlannerRegistry registry = given;
  const YAML::Node list = root.IsMap() ? root["plugins"] : YAML::Node();
  if (!list.IsDefined() || list.IsNull()) return registry;
  const int list_line = list.Mark().line + 1;
  if (!list.IsSequence()) {
    problems.add(list_line, "plugins must be a list of plugin files (shared libraries)");
    return registry;
  }
  for (const auto& item : list) {
    const int line = item.Mark().line >= 0 ? item.Mark().line + 1 : list_line;
    if (!item.IsScalar() || item.Scalar().empty()) {
      problems.add(line, "each entry of plugins must be a file name");
      continue;
    }
    const std::filesystem::path plugin = base / item.Scalar();
    try {
      planner::load_plugins(registry, {plugin});
      suite.plugins.push_back(plugin);
    } catch (const planner::PluginError& e) {
      problems.add(line, "plugin " + plugin.string() + ": " + e.message());
    }
  }
  return registry;
}

}  // namespace detail

planner::PlannerRegistry suite_planners(const Suite& suite, const planner::PlannerRegistry& given) {
  planner::PlannerRegistry registry = given;
  planner::load_plugins(registry, suite.plugins);
  return registry;
}

}  // namespace fleet::bench
