// libFuzzer target: the binary run trace reader, and the decoding of every tick it indexes.
#include "fuzz_input.hpp"

#include <fleet/sim/trace.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto trace = fleet::fuzz::write_file("run.fltrace", {reinterpret_cast<const char*>(data), size});
  fleet::fuzz::expect_input_error_or_success([&] {
    const fleet::sim::TraceReader reader(trace);
    fleet::sim::TraceFrame frame;
    for (int tick = 0; tick < reader.tick_count(); ++tick) {
      reader.read(tick, frame);
      (void)reader.events(tick);
    }
  });
  return 0;
}
