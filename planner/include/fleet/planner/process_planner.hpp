// Runs a planner in a child process, so that a planner that crashes or hangs ends one call,
// not the program that called it. The child is a worker command serving one planner over its
// stdin and stdout (serve_planner); it is started on the first call and started afresh after
// a crash or a hang, which loses whatever the planner kept between calls.
#pragma once

#include <fleet/planner/planner.hpp>
#include <fleet/planner/registry.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace fleet::planner {

/// The command line of a worker serving planner `name` with `params` and `seed`.
using WorkerCommand = std::function<std::vector<std::string>(
    const std::string& name, const std::map<std::string, std::string>& params,
    std::uint64_t seed)>;

/// A planner that forwards each call to a worker process. A call whose worker dies is
/// InvalidInput with a message naming the signal; one that is still running `grace_s` after
/// its deadline (or a cancel) is killed and answered Timeout.
std::unique_ptr<Planner> make_process_planner(std::string name, std::vector<std::string> command,
                                              double grace_s = 1.0);

/// Every planner of `registry`, each made as a process planner running `command`.
PlannerRegistry process_planners(const PlannerRegistry& registry, WorkerCommand command,
                                 double grace_s = 1.0);

/// The worker's side: answers the requests read from `in_fd` with `planner` on `out_fd` until
/// `in_fd` closes. Returns 0 then, 2 on a malformed request.
int serve_planner(Planner& planner, int in_fd, int out_fd);

}  // namespace fleet::planner
