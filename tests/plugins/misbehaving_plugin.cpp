// Planners that break the contract at run time: "throws" throws from solve, "crashes"
// dereferences a null pointer, "hangs" ignores its deadline and never returns.
#include <fleet/planner/plugin.hpp>

#include <chrono>
#include <csignal>
#include <memory>
#include <stdexcept>
#include <thread>

namespace {

using fleet::planner::Instance;
using fleet::planner::Result;
using fleet::planner::StopCondition;

enum class Misdeed { Throw, Crash, Hang };

class Misbehaving final : public fleet::planner::Planner {
public:
  explicit Misbehaving(Misdeed misdeed) : misdeed_(misdeed) {}
  [[nodiscard]] std::string_view name() const override {
    switch (misdeed_) {
      case Misdeed::Throw: return "throws";
      case Misdeed::Crash: return "crashes";
      case Misdeed::Hang: return "hangs";
    }
    return "?";
  }
  Result solve(const Instance& /*instance*/, const StopCondition& /*stop*/) override {
    switch (misdeed_) {
      case Misdeed::Throw: throw std::runtime_error("this planner always throws");
      case Misdeed::Crash:
        std::signal(SIGSEGV, SIG_DFL);  // a plain segfault, even where a sanitizer catches them
        std::raise(SIGSEGV);
        break;
      case Misdeed::Hang:
        for (;;) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return {};
  }

private:
  Misdeed misdeed_;
};

void add(fleet::planner::PlannerRegistry& registry, const char* name, Misdeed misdeed) {
  registry.add({name, std::string("a test planner that ") + name, {},
                [misdeed](const fleet::planner::ParamValues&, std::uint64_t) {
                  return std::make_unique<Misbehaving>(misdeed);
                }});
}

void register_planners(fleet::planner::PlannerRegistry& registry) {
  add(registry, "throws", Misdeed::Throw);
  add(registry, "crashes", Misdeed::Crash);
  add(registry, "hangs", Misdeed::Hang);
}

}  // namespace

FLEETSIM_PLUGIN("misbehaving-test-plugin", register_planners)
