// The binary run trace: round trips (4-connected and rotation, deltas, keyframes, jumps,
// events, goal changes), random access, the state hash, and rejection of bad files.
#include "loop_test_support.hpp"

#include <fleet/planner/input_error.hpp>
#include <fleet/sim/trace.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <random>

using fleet::planner::Cell;
using fleet::planner::Grid;
using fleet::planner::Motion;
using fleet::planner::MotionKind;
using fleet::planner::State;
using fleet::sim::TraceEvent;
using fleet::sim::TraceEventKind;
using fleet::sim::TraceFrame;
using fleet::sim::TraceReader;
using fleet::sim::TraceWriter;

namespace {

struct Tick {
  std::vector<State> states;
  std::vector<Cell> goals;
  std::vector<std::uint8_t> held;
  std::vector<TraceEvent> events;
};

/// A random walk of `robots` robots (collisions do not matter to the trace), with goal
/// changes, held flags, events, and one teleport at tick 13 to force an off-cycle keyframe.
std::vector<Tick> random_run(const Grid& grid, MotionKind kind, int robots, int ticks) {
  const Motion motion(grid, kind);
  std::mt19937 rng(7);
  std::vector<Tick> run;
  Tick t;
  for (int r = 0; r < robots; ++r) {
    t.states.push_back(motion.state(grid.free_cells()[r * 3 % grid.free_count()], r % 4 * motion.has_heading()));
    t.goals.push_back(r % 5 == 0 ? fleet::planner::kNoCell : grid.free_cells()[r]);
  }
  t.held.assign(static_cast<std::size_t>(robots), 0);
  run.push_back(t);
  for (int k = 1; k < ticks; ++k) {
    Motion::Neighbours next{};
    for (int r = 0; r < robots; ++r) {
      const int n = motion.successors(t.states[r], next);
      t.states[r] = next[rng() % static_cast<unsigned>(n)];
      t.held[r] = rng() % 7 == 0 ? 1 : 0;
      if (rng() % 11 == 0) t.goals[r] = grid.free_cells()[rng() % grid.free_count()];
    }
    if (k == 13) t.states[0] = motion.state(grid.free_cells().back(), 0);
    t.events.clear();
    if (k % 3 == 0)
      t.events.push_back({TraceEventKind::ErrandDone, 0, k % robots, -1, t.goals[0], k, 0.0F});
    if (k % 5 == 0)
      t.events.push_back({TraceEventKind::ViolationPrevented, 1, 0, 1, 42, 0, 0.0F});
    if (k % 4 == 0) t.events.push_back({TraceEventKind::Replan, 0, -1, -1, -1, 2, 0.125F});
    run.push_back(t);
  }
  return run;
}

void write_run(const std::filesystem::path& path, const std::shared_ptr<const Grid>& grid,
               MotionKind kind, const std::vector<Tick>& run, int keyframe_interval,
               std::uint64_t* hash = nullptr, bool one_shot = false) {
  fleet::sim::TraceMeta meta;
  meta.motion = kind;
  meta.robots = static_cast<int>(run.front().states.size());
  meta.map_file = "room.map";
  meta.scenario = "trace-test";
  meta.planner = "none";
  meta.seed = 99;
  meta.keyframe_interval = keyframe_interval;
  meta.one_shot = one_shot;
  TraceWriter writer(path, grid, meta);
  for (const Tick& t : run) writer.write_tick(t.states, t.goals, t.held, t.events);
  REQUIRE_FALSE(std::filesystem::exists(path));  // only the .partial exists until finish
  writer.finish();
  if (hash != nullptr) *hash = writer.state_hash();
}

void require_frame(const TraceFrame& frame, const Tick& expected, int tick) {
  REQUIRE(frame.tick == tick);
  REQUIRE(frame.states == expected.states);
  REQUIRE(frame.goals == expected.goals);
  REQUIRE(frame.held == expected.held);
  REQUIRE(frame.events == expected.events);
}

}  // namespace

TEST_CASE("a trace round-trips every tick, in order and at random", "[trace]") {
  const auto kind = GENERATE(MotionKind::FourConnected, MotionKind::Rotation);
  const auto grid = std::make_shared<const Grid>(Grid::from_rows(fleet::test::room_rows()));
  const auto run = random_run(*grid, kind, 9, 40);
  fleet::test::LoopScratch dir;
  const auto path = dir.path() / "run.fltrace";
  std::uint64_t written_hash = 0;
  const bool one_shot = kind == MotionKind::Rotation;  // both flag values, one per motion
  write_run(path, grid, kind, run, 8, &written_hash, one_shot);

  const TraceReader reader(path);
  REQUIRE(reader.tick_count() == 40);
  REQUIRE(reader.robots() == 9);
  REQUIRE(reader.meta().motion == kind);
  REQUIRE(reader.meta().map_file == "room.map");
  REQUIRE(reader.meta().scenario == "trace-test");
  REQUIRE(reader.meta().seed == 99);
  REQUIRE(reader.meta().one_shot == one_shot);
  REQUIRE(reader.grid()->width() == grid->width());
  for (Cell c = 0; c < grid->size(); ++c) REQUIRE(reader.grid()->passable(c) == grid->passable(c));

  TraceFrame playing;  // sequential playback reuses one frame
  fleet::sim::StateHash hash;
  for (int t = 0; t < reader.tick_count(); ++t) {
    reader.read(t, playing);
    require_frame(playing, run[t], t);
    hash.add(playing.states);
  }
  REQUIRE(hash.value() == reader.state_hash());
  REQUIRE(reader.state_hash() == written_hash);

  for (const int t : {39, 0, 13, 12, 14, 17, 8, 31, 7}) require_frame(reader.frame(t), run[t], t);
  REQUIRE(reader.events(15) == run[15].events);
  REQUIRE_THROWS_AS(reader.frame(40), std::out_of_range);
}

TEST_CASE("trace actions tell waiting robots apart from moving ones", "[trace]") {
  const auto grid = std::make_shared<const Grid>(Grid::from_rows({"....", "...."}));
  fleet::test::LoopScratch dir;
  const auto path = dir.path() / "run.fltrace";
  fleet::sim::TraceMeta meta;
  meta.motion = MotionKind::Rotation;
  meta.robots = 2;
  {
    TraceWriter writer(path, grid, meta);
    const std::vector<Cell> goals{3, 7};
    writer.write_tick(std::vector<State>{0, 4 * 4}, goals, {}, {});
    writer.write_tick(std::vector<State>{1 * 4, 4 * 4 + 1}, goals, {}, {});  // forward; rotate
    writer.write_tick(std::vector<State>{1 * 4, 4 * 4 + 1}, goals, {}, {});  // both wait
    writer.finish();
  }
  const TraceReader reader(path);
  const TraceFrame one = reader.frame(1);
  REQUIRE(one.actions[0] == fleet::sim::TraceAction::MoveEast);
  REQUIRE(one.actions[1] == fleet::sim::TraceAction::RotateCW);
  REQUIRE_FALSE(one.waiting(0));
  const TraceFrame two = reader.frame(2);
  REQUIRE(two.waiting(0));
  REQUIRE(two.waiting(1));
}

TEST_CASE("the trace reader rejects missing, truncated and corrupt files", "[trace]") {
  const auto grid = std::make_shared<const Grid>(Grid::from_rows(fleet::test::room_rows()));
  const auto run = random_run(*grid, MotionKind::FourConnected, 5, 20);
  fleet::test::LoopScratch dir;
  const auto path = dir.path() / "run.fltrace";
  write_run(path, grid, MotionKind::FourConnected, run, 4);
  const auto size = std::filesystem::file_size(path);

  REQUIRE_THROWS_AS(TraceReader(dir.path() / "missing.fltrace"), fleet::InputError);

  auto copy_with = [&](const std::string& name, std::size_t keep, std::size_t flip_at = 0) {
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    bytes.resize(keep);
    if (flip_at > 0) bytes[flip_at] = static_cast<char>(bytes[flip_at] ^ 0x5A);
    const auto out_path = dir.path() / name;
    std::ofstream(out_path, std::ios::binary) << bytes;
    return out_path;
  };
  for (const std::size_t keep : {std::size_t{0}, std::size_t{10}, std::size_t{100}, size / 2, size - 1}) {
    INFO("truncated to " << keep << " of " << size << " bytes");
    try {
      TraceReader reader(copy_with("cut.fltrace", keep));
      FAIL("a truncated trace was accepted");
    } catch (const fleet::InputError& e) {
      REQUIRE(e.file().find("cut.fltrace") != std::string::npos);
    }
  }
  REQUIRE_THROWS_AS(TraceReader(copy_with("magic.fltrace", size, 1)), fleet::InputError);
  REQUIRE_THROWS_AS(TraceReader(copy_with("version.fltrace", size, 8)), fleet::InputError);
  // A corrupted index entry (its offset) is caught when the file is opened.
  REQUIRE_THROWS_AS(TraceReader(copy_with("index.fltrace", size, size - 32 - 16 * 20 + 16 * 3)),
                    fleet::InputError);
}

TEST_CASE("an unfinished trace never takes the final name", "[trace]") {
  const auto grid = std::make_shared<const Grid>(Grid::from_rows({"...."}));
  fleet::test::LoopScratch dir;
  const auto path = dir.path() / "run.fltrace";
  {
    fleet::sim::TraceMeta meta;
    meta.robots = 1;
    TraceWriter writer(path, grid, meta);
    writer.write_tick(std::vector<State>{0}, std::vector<Cell>{3}, {}, {});
  }  // destroyed without finish(), as in a crash
  REQUIRE_FALSE(std::filesystem::exists(path));
  REQUIRE_THROWS_AS(TraceReader(path.string() + ".partial"), fleet::InputError);
}
