// Broken test plugins, one per way a plugin can be refused; FLEET_BAD_PLUGIN picks which this
// build is: 1 no entry point, 2 another ABI version, 3 a planner name already taken.
#include <fleet/planner/plugin.hpp>

#include <memory>

namespace {

[[maybe_unused]] void register_taken_name(fleet::planner::PlannerRegistry& registry) {
  registry.add({"pibt", "a second planner called pibt", {},
                [](const fleet::planner::ParamValues&, std::uint64_t seed) {
                  return fleet::planner::builtin_planners().make("pibt", {}, seed);
                }});
}

}  // namespace

#if FLEET_BAD_PLUGIN == 1
extern "C" __attribute__((visibility("default"))) int not_the_entry_point() { return 1; }
#elif FLEET_BAD_PLUGIN == 2
extern "C" __attribute__((visibility("default")))
const fleet::planner::PluginDescriptor* fleetsim_plugin() {
  static const fleet::planner::PluginDescriptor descriptor{FLEETSIM_PLUGIN_ABI_VERSION + 100,
                                                           "from-the-future",
                                                           &register_taken_name};
  return &descriptor;
}
#elif FLEET_BAD_PLUGIN == 3
FLEETSIM_PLUGIN("taken-name", register_taken_name)
#endif
