// The Catch2 main of every suite. FLEET_TEST_TBB_THREADS=N caps TBB's workers for the whole
// run: scripts/tsan.sh sets 1, since Debian's TBB is not built with ThreadSanitizer and its
// task hand-overs between workers would be reported as races; the simulator's own threads
// (the planner thread) are still checked.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <tbb/global_control.h>

#include <cstdlib>
#include <memory>
#include <string>

int main(int argc, char* argv[]) {
  std::unique_ptr<tbb::global_control> cap;
  if (const char* threads = std::getenv("FLEET_TEST_TBB_THREADS"); threads != nullptr && *threads)
    cap = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                std::stoul(threads));
  return Catch::Session().run(argc, argv);
}
