// libFuzzer target: the benchmark results reader (JSON lines; bad lines become problems).
#include "fuzz_input.hpp"

#include <fleet/bench/results_file.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto results = fleet::fuzz::write_file("results.jsonl", {reinterpret_cast<const char*>(data), size});
  fleet::fuzz::expect_input_error_or_success([&] { (void)fleet::bench::read_results(results); });
  return 0;
}
