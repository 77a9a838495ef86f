// libFuzzer target: the MovingAI .scen reader, on the map given as the input's first part.
#include "fuzz_input.hpp"

#include <fleet/planner/instance.hpp>

#include <memory>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace fleet::planner;
  const auto parts = fleet::fuzz::split_parts(data, size, 2);
  const auto map = fleet::fuzz::write_file("in.map", parts[0]);
  const auto scen = fleet::fuzz::write_file("in.scen", parts[1]);
  fleet::fuzz::expect_input_error_or_success([&] {
    const auto grid = std::make_shared<const Grid>(load_map(map));
    const int agents = 1 + static_cast<int>(size % 8);
    const auto kind = size % 2 == 0 ? MotionKind::FourConnected : MotionKind::Rotation;
    (void)load_scen(scen, grid, agents, kind);
  });
  return 0;
}
