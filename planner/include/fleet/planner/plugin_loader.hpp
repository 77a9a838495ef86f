// The host side of planner plugins: turns a shared library into registry entries. A plugin is
// trusted native code running inside the host process (docs/plugins.md).
#pragma once

#include <fleet/planner/input_error.hpp>
#include <fleet/planner/registry.hpp>

#include <filesystem>
#include <vector>

namespace fleet::planner {

/// A plugin that cannot be loaded: a missing file, a library the loader cannot open, no
/// entry point, another ABI version, a planner name already taken, a registration that threw.
/// file() is the plugin's path.
class PluginError : public InputError {
public:
  PluginError(const std::filesystem::path& plugin, const std::string& message)
      : InputError(plugin.string(), 0, message) {}
};

/// Loads the plugin at `path` and adds its planners to `registry`. The library stays loaded
/// while any entry or planner made from it lives. Throws PluginError; `registry` is unchanged
/// then.
void load_plugin(PlannerRegistry& registry, const std::filesystem::path& path);

/// Loads each plugin once (paths naming the same file count once), in order.
void load_plugins(PlannerRegistry& registry, const std::vector<std::filesystem::path>& paths);

/// builtin_planners() plus the planners of `plugins`.
PlannerRegistry planners_with_plugins(const std::vector<std::filesystem::path>& plugins);

}  // namespace fleet::planner
