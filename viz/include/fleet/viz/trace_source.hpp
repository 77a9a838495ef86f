// Replay sources that read files: a fleetsim run (its trace.fltrace) and a lacam-style
// result.txt with the map it was solved on. Bad input throws fleet::InputError naming the file.
#pragma once

#include <fleet/viz/replay_source.hpp>

#include <filesystem>
#include <memory>

namespace fleet::viz {

/// The trace file inside a run directory.
inline constexpr const char* kTraceFileName = "trace.fltrace";

/// Opens a run directory (or a trace file directly). `places_from` optionally names a
/// scenario (.yaml), a League of Robot Runners problem (.json) or a .map whose shelves,
/// stations and homes are drawn; without it the trace's own map file is tried, and a run
/// without one shows only free and blocked cells. Throws fleet::InputError for a missing,
/// truncated or corrupt trace, or a places file whose floor differs from the trace's.
std::unique_ptr<ReplaySource> open_run(const std::filesystem::path& run,
                                       const std::filesystem::path& places_from = {});

/// Opens `result` (lacam-style result.txt) over `map` (MovingAI .map). The motion model is
/// taken from the result itself: `(x,y,h)` tuples mean the rotation model. Throws
/// fleet::InputError when either file is malformed or the result does not fit the map (a
/// robot off the map or on a blocked cell).
std::unique_ptr<ReplaySource> open_result(const std::filesystem::path& map,
                                          const std::filesystem::path& result);

}  // namespace fleet::viz
