// A well-formed test plugin: "plugin-pibt", the built-in pibt under another name, with a
// parameter of its own, so the host can list it, run it and check it like a built-in.
#include <fleet/planner/plugin.hpp>

#include <memory>

namespace {

class Renamed final : public fleet::planner::Planner {
public:
  explicit Renamed(std::unique_ptr<fleet::planner::Planner> inner) : inner_(std::move(inner)) {}
  [[nodiscard]] std::string_view name() const override { return "plugin-pibt"; }
  fleet::planner::Result solve(const fleet::planner::Instance& instance,
                               const fleet::planner::StopCondition& stop) override {
    return inner_->solve(instance, stop);
  }
  void preprocess(const fleet::planner::Instance& instance) override {
    inner_->preprocess(instance);
  }

private:
  std::unique_ptr<fleet::planner::Planner> inner_;
};

void register_planners(fleet::planner::PlannerRegistry& registry) {
  registry.add({"plugin-pibt",
                "the built-in pibt, loaded from a test plugin",
                {{"note", "unused", "a parameter only the plugin declares"}},
                [](const fleet::planner::ParamValues& values, std::uint64_t seed) {
                  (void)values.text("note");
                  return std::make_unique<Renamed>(
                      fleet::planner::builtin_planners().make("pibt", {}, seed));
                }});
}

}  // namespace

FLEETSIM_PLUGIN("good-test-plugin", register_planners)
