// libFuzzer target: the League of Robot Runners problem reader with the files it names: the
// input's parts are the problem JSON, p.map, p.agents and p.tasks.
#include "fuzz_input.hpp"

#include <fleet/sim/scenario.hpp>

#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = fleet::fuzz::split_parts(data, size, 4);
  const auto problem = fleet::fuzz::write_file("problem.json", parts[0]);
  fleet::fuzz::write_file("p.map", parts[1]);
  fleet::fuzz::write_file("p.agents", parts[2]);
  fleet::fuzz::write_file("p.tasks", parts[3]);
  fleet::fuzz::expect_input_error_or_success([&] {
    fleet::sim::LorrFleet fleet;
    if (size % 3 == 1) fleet.agents = 1 + static_cast<int>(size % 17);
    try {
      (void)fleet::sim::load_lorr_problem(problem, fleet);
    } catch (const std::invalid_argument&) {
      // Documented for a fleet size (the --agents option) larger than the floor holds.
      if (!fleet.agents) throw;
    }
  });
  return 0;
}
