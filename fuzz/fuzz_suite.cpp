// libFuzzer target: the benchmark suite YAML reader (every problem it finds is collected into
// one SuiteError, itself a fleet::InputError).
#include "fuzz_input.hpp"

#include <fleet/bench/suite.hpp>
#include <fleet/planner/registry.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fleet::planner::PlannerRegistry registry = fleet::planner::builtin_planners();
  const auto suite = fleet::fuzz::write_file("suite.yaml", {reinterpret_cast<const char*>(data), size});
  fleet::fuzz::expect_input_error_or_success([&] { (void)fleet::bench::load_suite(suite, registry); });
  return 0;
}
