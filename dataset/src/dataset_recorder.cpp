// The dataset recorder: the step loop copies each tick's raw arrays into a block; a writer
// thread turns full blocks into columns (cells, actions, wait reasons), compresses and
// appends them. Blocks are recycled, and at most `buffered_chunks` wait, bounding memory.
#include "h5_file.hpp"

#include <fleet/dataset/dataset_recorder.hpp>
#include <fleet/dataset/tick_columns.hpp>
#include <fleet/sim/metrics.hpp>

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace fleet::dataset {

namespace {

/// Raw ticks as the loop hands them over; the writer derives every column from these.
struct Block {
  std::int64_t first_tick = 0;
  int ticks = 0;
  std::vector<planner::State> before;  ///< the states before the block's first tick
  std::vector<planner::State> states;  ///< ticks x robots
  std::vector<planner::State> proposed;
  std::vector<planner::Cell> goals;
  std::vector<std::uint8_t> held;
  std::vector<PlannerTick> per_tick;

  void reserve(int rows, std::size_t robots) {
    const std::size_t n = static_cast<std::size_t>(rows) * robots;
    states.resize(n);
    proposed.resize(n);
    goals.resize(n);
    held.resize(n);
    before.resize(robots);
    per_tick.resize(static_cast<std::size_t>(rows));
  }
};

/// The columns of one block, scratch reused by the writer.
struct Columns {
  std::vector<planner::Cell> cell;
  std::vector<std::int8_t> heading;
  std::vector<std::uint8_t> action;
  std::vector<std::uint8_t> planned_action;
  std::vector<std::uint8_t> wait;
  std::vector<std::uint8_t> planner_outcome;
  std::vector<float> planner_seconds;
  std::vector<std::int32_t> errands_done;
  std::vector<std::int32_t> violations_prevented;
};

}  // namespace

struct DatasetRecorder::Impl {
  Impl(const std::filesystem::path& directory, const sim::Scenario& scenario, DatasetOptions options);
  ~Impl();
  void record(const sim::TickView& tick);
  void finish(const sim::RunSummary& summary);
  void hand_over();
  void write_loop();
  void write_block(const Block& block);
  void stop_writer();
  void rethrow_error();

  std::shared_ptr<const planner::Grid> grid;
  planner::Motion motion;
  std::size_t robots;
  int chunk_ticks;
  int buffered;
  std::filesystem::path final_path;
  std::filesystem::path partial_path;
  h5::File file;
  struct {
    h5::Handle cell, heading, goal, action, planned_action, wait, held;
    h5::Handle planner_outcome, planner_seconds, errands_done, violations_prevented;
  } columns;

  Block filling;
  std::vector<planner::State> last_states;  ///< the last tick handed over
  std::int64_t ticks_recorded = 0;
  std::deque<Block> queue;
  std::vector<Block> spare;
  std::mutex mutex;
  std::condition_variable work_ready;
  std::condition_variable block_freed;
  bool closing = false;
  bool finished = false;
  std::exception_ptr error;
  Columns scratch;
  std::thread writer;  // last: started after everything above exists
};

DatasetRecorder::Impl::Impl(const std::filesystem::path& directory, const sim::Scenario& scenario,
                            DatasetOptions options)
    : grid(scenario.warehouse.grid),
      motion(grid ? *grid : throw std::invalid_argument("scenario has no map"), scenario.motion),
      robots(scenario.starts.size()),
      chunk_ticks(options.ticks_per_chunk > 0
                      ? options.ticks_per_chunk
                      : static_cast<int>(std::clamp<std::size_t>(
                            (std::size_t{1} << 18) / std::max<std::size_t>(robots, 1), 1, 4096))),
      buffered(std::max(1, options.buffered_chunks)),
      final_path(directory / kDatasetFile),
      partial_path(directory / (std::string(kDatasetFile) + ".partial")),
      file((std::filesystem::create_directories(directory), partial_path)) {
  if (options.compression < 0 || options.compression > 9)
    throw std::invalid_argument("dataset compression must be 0..9");
  const int level = options.compression;
  const auto n = static_cast<std::int64_t>(robots);
  columns.cell = file.create_column("cell", H5T_NATIVE_INT32, n, chunk_ticks, level);
  if (motion.has_heading())
    columns.heading = file.create_column("heading", H5T_NATIVE_INT8, n, chunk_ticks, level);
  columns.goal = file.create_column("goal", H5T_NATIVE_INT32, n, chunk_ticks, level);
  columns.action = file.create_column("action", H5T_NATIVE_UINT8, n, chunk_ticks, level);
  columns.planned_action = file.create_column("planned_action", H5T_NATIVE_UINT8, n, chunk_ticks, level);
  columns.wait = file.create_column("wait", H5T_NATIVE_UINT8, n, chunk_ticks, level);
  columns.held = file.create_column("held", H5T_NATIVE_UINT8, n, chunk_ticks, level);
  const int tick_chunk = 4096;
  columns.planner_outcome = file.create_column("planner_outcome", H5T_NATIVE_UINT8, 0, tick_chunk, level);
  columns.planner_seconds = file.create_column("planner_seconds", H5T_NATIVE_FLOAT, 0, tick_chunk, level);
  columns.errands_done = file.create_column("errands_done", H5T_NATIVE_INT32, 0, tick_chunk, level);
  columns.violations_prevented =
      file.create_column("violations_prevented", H5T_NATIVE_INT32, 0, tick_chunk, level);

  std::vector<std::uint8_t> passable(static_cast<std::size_t>(grid->size()));
  for (planner::Cell c = 0; c < grid->size(); ++c) passable[c] = grid->passable(c) ? 1 : 0;
  file.write_array("passable", H5T_NATIVE_UINT8, grid->height(), grid->width(), passable.data());
  file.attribute("format", std::string("fleetsim-dataset"));
  file.attribute("version", std::int64_t{kDatasetVersion});
  file.attribute("width", std::int64_t{grid->width()});
  file.attribute("height", std::int64_t{grid->height()});
  file.attribute("robots", n);
  file.attribute("motion", std::string(planner::to_string(motion.kind())));
  file.attribute("scenario", scenario.name);
  file.attribute("map_file", scenario.warehouse.map_file);
  file.attribute("planner", scenario.planner.name);
  file.attribute("seed", static_cast<std::int64_t>(scenario.seed));
  file.attribute("lifelong", std::int64_t{scenario.tasks && scenario.tasks->lifelong() ? 1 : 0});
  file.attribute("ticks_per_chunk", std::int64_t{chunk_ticks});

  filling.reserve(chunk_ticks, robots);
  writer = std::thread([this] { write_loop(); });
}

DatasetRecorder::Impl::~Impl() {
  if (finished) return;
  stop_writer();
  std::error_code ignored;
  std::filesystem::remove(partial_path, ignored);  // an unfinished run leaves no dataset
}

void DatasetRecorder::Impl::record(const sim::TickView& tick) {
  if (finished) return;
  if (filling.ticks == chunk_ticks) hand_over();
  if (filling.ticks == 0) {
    filling.first_tick = ticks_recorded;
    if (last_states.empty()) std::copy(tick.states.begin(), tick.states.end(), filling.before.begin());
    else filling.before = last_states;
  }
  const std::size_t at = static_cast<std::size_t>(filling.ticks) * robots;
  std::copy(tick.states.begin(), tick.states.end(), filling.states.begin() + at);
  std::copy(tick.proposed.begin(), tick.proposed.end(), filling.proposed.begin() + at);
  std::copy(tick.goals.begin(), tick.goals.end(), filling.goals.begin() + at);
  if (tick.held.empty()) std::fill_n(filling.held.begin() + at, robots, 0);
  else std::copy(tick.held.begin(), tick.held.end(), filling.held.begin() + at);
  filling.per_tick[filling.ticks] = planner_tick(tick.events);
  ++filling.ticks;
  ++ticks_recorded;
}

void DatasetRecorder::Impl::hand_over() {
  const auto last_row = filling.states.begin() + static_cast<std::ptrdiff_t>((filling.ticks - 1) * robots);
  last_states.assign(last_row, last_row + static_cast<std::ptrdiff_t>(robots));
  std::unique_lock lock(mutex);
  block_freed.wait(lock, [&] { return queue.size() < static_cast<std::size_t>(buffered) || error; });
  if (error) {
    lock.unlock();
    rethrow_error();
  }
  queue.push_back(std::move(filling));
  Block next;
  if (!spare.empty()) {
    next = std::move(spare.back());
    spare.pop_back();
  }
  lock.unlock();
  work_ready.notify_one();
  next.reserve(chunk_ticks, robots);
  next.ticks = 0;
  filling = std::move(next);
}

void DatasetRecorder::Impl::write_loop() {
  for (;;) {
    std::unique_lock lock(mutex);
    work_ready.wait(lock, [&] { return !queue.empty() || closing; });
    if (queue.empty()) return;
    Block block = std::move(queue.front());
    queue.pop_front();
    const bool failed = static_cast<bool>(error);
    lock.unlock();
    if (!failed) {
      try {
        write_block(block);
      } catch (...) {
        const std::lock_guard guard(mutex);
        error = std::current_exception();
      }
    }
    lock.lock();
    spare.push_back(std::move(block));
    lock.unlock();
    block_freed.notify_one();
  }
}

void DatasetRecorder::Impl::write_block(const Block& block) {
  const std::size_t rows = static_cast<std::size_t>(block.ticks);
  const std::size_t n = rows * robots;
  Columns& c = scratch;
  c.cell.resize(n);
  c.action.resize(n);
  c.planned_action.resize(n);
  c.wait.resize(n);
  if (motion.has_heading()) c.heading.resize(n);
  for (std::size_t i = 0; i < n; ++i) c.cell[i] = motion.cell(block.states[i]);
  if (motion.has_heading())
    for (std::size_t i = 0; i < n; ++i) c.heading[i] = static_cast<std::int8_t>(motion.heading(block.states[i]));
  c.planner_outcome.resize(rows);
  c.planner_seconds.resize(rows);
  c.errands_done.resize(rows);
  c.violations_prevented.resize(rows);
  for (std::size_t t = 0; t < rows; ++t) {
    const std::size_t at = t * robots;
    const auto row = [&](const auto& v) { return std::span(v.data() + at, robots); };
    sim::TickView view;
    view.tick = static_cast<int>(block.first_tick + static_cast<std::int64_t>(t));
    view.states = row(block.states);
    view.previous = t == 0 ? std::span<const planner::State>(block.before)
                           : std::span<const planner::State>(block.states.data() + at - robots, robots);
    view.proposed = row(block.proposed);
    view.goals = row(block.goals);
    view.held = row(block.held);
    tick_columns(motion, view, std::span(c.action.data() + at, robots),
                 std::span(c.planned_action.data() + at, robots),
                 std::span(c.wait.data() + at, robots));
    const PlannerTick& p = block.per_tick[t];
    c.planner_outcome[t] = static_cast<std::uint8_t>(p.outcome);
    c.planner_seconds[t] = p.seconds;
    c.errands_done[t] = p.errands_done;
    c.violations_prevented[t] = p.violations_prevented;
  }
  const auto cols = static_cast<std::int64_t>(robots);
  const std::int64_t first = block.first_tick;
  const auto count = static_cast<std::int64_t>(rows);
  file.write_rows(columns.cell, H5T_NATIVE_INT32, cols, first, count, c.cell.data());
  if (motion.has_heading())
    file.write_rows(columns.heading, H5T_NATIVE_INT8, cols, first, count, c.heading.data());
  file.write_rows(columns.goal, H5T_NATIVE_INT32, cols, first, count, block.goals.data());
  file.write_rows(columns.action, H5T_NATIVE_UINT8, cols, first, count, c.action.data());
  file.write_rows(columns.planned_action, H5T_NATIVE_UINT8, cols, first, count, c.planned_action.data());
  file.write_rows(columns.wait, H5T_NATIVE_UINT8, cols, first, count, c.wait.data());
  file.write_rows(columns.held, H5T_NATIVE_UINT8, cols, first, count, block.held.data());
  file.write_rows(columns.planner_outcome, H5T_NATIVE_UINT8, 0, first, count, c.planner_outcome.data());
  file.write_rows(columns.planner_seconds, H5T_NATIVE_FLOAT, 0, first, count, c.planner_seconds.data());
  file.write_rows(columns.errands_done, H5T_NATIVE_INT32, 0, first, count, c.errands_done.data());
  file.write_rows(columns.violations_prevented, H5T_NATIVE_INT32, 0, first, count,
                  c.violations_prevented.data());
}

void DatasetRecorder::Impl::stop_writer() {
  {
    const std::lock_guard guard(mutex);
    closing = true;
  }
  work_ready.notify_one();
  if (writer.joinable()) writer.join();
}

void DatasetRecorder::Impl::rethrow_error() {
  std::exception_ptr e;
  {
    const std::lock_guard guard(mutex);
    e = error;
  }
  if (e) std::rethrow_exception(e);
}

void DatasetRecorder::Impl::finish(const sim::RunSummary& summary) {
  if (finished) return;
  if (filling.ticks > 0) hand_over();
  stop_writer();
  finished = true;
  rethrow_error();
  file.attribute("ticks", ticks_recorded);
  file.attribute("summary_json", sim::to_json(summary));
  columns = {};
  file.close();
  std::filesystem::rename(partial_path, final_path);
}

DatasetRecorder::DatasetRecorder(const std::filesystem::path& directory,
                                 const sim::Scenario& scenario, DatasetOptions options)
    : impl_(std::make_unique<Impl>(directory, scenario, options)) {}

DatasetRecorder::~DatasetRecorder() = default;

void DatasetRecorder::record(const sim::TickView& tick) { impl_->record(tick); }

void DatasetRecorder::finish(const sim::RunSummary& summary) { impl_->finish(summary); }

std::filesystem::path DatasetRecorder::path() const { return impl_->final_path; }

std::uintmax_t DatasetRecorder::bytes() const {
  std::error_code ec;
  const auto size = std::filesystem::file_size(impl_->final_path, ec);
  return ec ? 0 : size;
}

}  // namespace fleet::dataset
