// libFuzzer target: the lacam-style result file reader, on the map given as the input's
// first part, under either motion model.
#include "fuzz_input.hpp"

#include <fleet/planner/grid.hpp>
#include <fleet/planner/motion.hpp>
#include <fleet/planner/result_file.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace fleet::planner;
  const auto parts = fleet::fuzz::split_parts(data, size, 2);
  const auto map = fleet::fuzz::write_file("in.map", parts[0]);
  const auto result = fleet::fuzz::write_file("result.txt", parts[1]);
  fleet::fuzz::expect_input_error_or_success([&] {
    const Grid grid = load_map(map);
    const Motion motion(grid, size % 2 == 0 ? MotionKind::FourConnected : MotionKind::Rotation);
    (void)read_result_file(result, motion);
  });
  return 0;
}
