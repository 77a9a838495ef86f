// libFuzzer target: the fleetsim YAML scenario reader, with the map and task file it may name
// (tiny.map, tiny.tasks) as the input's second and third parts.
#include "fuzz_input.hpp"

#include <fleet/sim/scenario.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = fleet::fuzz::split_parts(data, size, 3);
  const auto scenario = fleet::fuzz::write_file("scenario.yaml", parts[0]);
  fleet::fuzz::write_file("tiny.map", parts[1]);
  fleet::fuzz::write_file("tiny.tasks", parts[2]);
  fleet::fuzz::expect_input_error_or_success([&] { (void)fleet::sim::load_scenario(scenario); });
  return 0;
}
