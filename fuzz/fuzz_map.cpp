// libFuzzer target: the MovingAI .map reader.
#include "fuzz_input.hpp"

#include <fleet/planner/grid.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto map = fleet::fuzz::write_file("in.map", {reinterpret_cast<const char*>(data), size});
  fleet::fuzz::expect_input_error_or_success([&] { (void)fleet::planner::load_map(map); });
  return 0;
}
