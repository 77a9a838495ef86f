// Records a fleet-state dataset: every tick's robot states, goals, actions taken and
// proposed, wait reasons and the planner's timing, as chunked, compressed HDF5 columns
// (docs/datasets.md). The step loop only copies each tick into a buffer; full blocks of ticks
// are compressed and written by a thread of the recorder's own, so recording costs the loop
// little. Written to `<file>.partial` and renamed into place when the run finishes.
#pragma once

#include <fleet/sim/scenario.hpp>
#include <fleet/sim/simulator.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>

namespace fleet::dataset {

inline constexpr int kDatasetVersion = 1;
/// The file a dataset directory holds.
inline constexpr const char* kDatasetFile = "dataset.h5";

struct DatasetOptions {
  int compression = 1;        ///< deflate level 0..9 (after byte shuffling); 0: none
  int ticks_per_chunk = 0;    ///< rows per chunk; 0: about 1 MiB of states per chunk
  int buffered_chunks = 4;    ///< blocks of ticks waiting for the writer before the loop waits
};

class DatasetRecorder : public sim::TickRecorder {
public:
  /// Creates `directory` and its dataset file for a run of `scenario` (whose planner, seed and
  /// fleet are the ones that will run). Throws std::runtime_error when it cannot be written.
  DatasetRecorder(const std::filesystem::path& directory, const sim::Scenario& scenario,
                  DatasetOptions options = {});
  ~DatasetRecorder() override;
  DatasetRecorder(const DatasetRecorder&) = delete;
  DatasetRecorder& operator=(const DatasetRecorder&) = delete;

  void record(const sim::TickView& tick) override;
  /// Writes the remaining ticks and the run's summary, and renames the file into place.
  /// Rethrows the writer's error, if it had one.
  void finish(const sim::RunSummary& summary) override;

  /// The finished file (it exists once finish() returned).
  [[nodiscard]] std::filesystem::path path() const;
  /// Bytes of the finished file.
  [[nodiscard]] std::uintmax_t bytes() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fleet::dataset
