// What a results header says about where and with what the runs were measured: fleetsim's
// version, the git commit of the source, the host, its CPU model and count.
#pragma once

#include <fleet/bench/record.hpp>
#include <fleet/bench/runs.hpp>
#include <fleet/bench/suite.hpp>

#include <string>

namespace fleet::bench {

/// fleetsim's version, as configured by CMake.
std::string fleetsim_version();
/// The commit of the source tree this binary was built from: `git rev-parse` in the source
/// folder now (with "-dirty" when tracked files changed), else the commit seen when CMake
/// configured the build, else "unknown".
std::string git_commit();
/// The CPU model from /proc/cpuinfo ("unknown" elsewhere).
std::string cpu_model();

/// A header for a session of `suite` with `jobs` runs at once over `shard`.
HeaderRecord make_header(const Suite& suite, int jobs, Shard shard);

}  // namespace fleet::bench
