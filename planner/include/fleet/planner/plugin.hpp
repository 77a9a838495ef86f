// What a planner plugin exports: one C entry point, `fleetsim_plugin`, returning a descriptor
// with the ABI version the plugin was built against and the function that registers its
// planners into the registry the host gives it. Write it with FLEETSIM_PLUGIN (docs/plugins.md).
#pragma once

#include <fleet/planner/registry.hpp>
#include <fleet/planner/version.hpp>

#include <cstdint>

namespace fleet::planner {

struct PluginDescriptor {
  /// FLEETSIM_PLUGIN_ABI_VERSION of the headers the plugin was compiled with; the host checks
  /// it before touching anything else, so it stays the first member in every ABI version.
  std::uint32_t abi_version;
  /// A short name for messages (the plugin's, not a planner's).
  const char* name;
  /// Adds the plugin's planners to `registry`; PlannerRegistry::add refuses a taken name.
  void (*register_planners)(PlannerRegistry& registry);
};

/// The symbol the host looks up.
inline constexpr const char* kPluginEntryPoint = "fleetsim_plugin";

}  // namespace fleet::planner

/// Defines the entry point of a plugin named `plugin_name` whose planners `register_function`
/// (a `void(fleet::planner::PlannerRegistry&)`) adds. Use once per shared library.
#define FLEETSIM_PLUGIN(plugin_name, register_function)                                \
  extern "C" __attribute__((visibility("default")))                                   \
  const fleet::planner::PluginDescriptor* fleetsim_plugin() {                          \
    static const fleet::planner::PluginDescriptor descriptor{                          \
        FLEETSIM_PLUGIN_ABI_VERSION, plugin_name, &register_function};                 \
    return &descriptor;                                                                \
  }
