// Writes the binary run trace of docs/trace-format.md.
#include "trace_layout.hpp"

#include <fleet/planner/input_error.hpp>
#include <fleet/sim/actions.hpp>
#include <fleet/sim/trace.hpp>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace fleet::sim {

std::string_view to_string(TraceEventKind kind) {
  switch (kind) {
    case TraceEventKind::ErrandDone: return "errand done";
    case TraceEventKind::ViolationPrevented: return "violation prevented";
    case TraceEventKind::PlannerTimeout: return "planner timeout";
    case TraceEventKind::PlannerFailed: return "planner failed";
    case TraceEventKind::Replan: return "replan";
    case TraceEventKind::Stalled: return "stalled";
    case TraceEventKind::BrokenDown: return "broke down";
  }
  return "unknown";
}

namespace {

template <typename T>
void append(std::vector<std::uint8_t>& out, T value) {
  const auto at = out.size();
  out.resize(at + sizeof(T));
  std::memcpy(out.data() + at, &value, sizeof(T));
}

template <typename T>
void append_all(std::vector<std::uint8_t>& out, std::span<const T> values) {
  static_assert(sizeof(T) == 4);
  const auto at = out.size();
  out.resize(at + values.size_bytes());
  if (!values.empty()) std::memcpy(out.data() + at, values.data(), values.size_bytes());
}

void pad(std::vector<std::uint8_t>& out, std::size_t bytes) {
  for (std::size_t i = 0; i < bytes; ++i) out.push_back(0);
}

void append_string(std::vector<std::uint8_t>& out, const std::string& text) {
  append(out, static_cast<std::uint32_t>(text.size()));
  out.insert(out.end(), text.begin(), text.end());
}

}  // namespace

TraceWriter::TraceWriter(const std::filesystem::path& path,
                         std::shared_ptr<const planner::Grid> grid, TraceMeta meta)
    : grid_(std::move(grid)),
      motion_(*grid_, meta.motion),
      meta_(std::move(meta)),
      out_(path, /*keep_unfinished=*/true) {
  if (meta_.robots < 0) throw std::invalid_argument("trace: negative robot count");
  meta_.keyframe_interval = std::max(1, meta_.keyframe_interval);

  std::vector<std::uint8_t> header;
  header.insert(header.end(), trace_layout::kMagic, trace_layout::kMagic + 8);
  append(header, kTraceVersion);
  append(header, std::uint32_t{0});  // header size, patched below
  append(header, std::int32_t{grid_->width()});
  append(header, std::int32_t{grid_->height()});
  append(header, static_cast<std::uint8_t>(meta_.motion));
  append(header, static_cast<std::uint8_t>(meta_.one_shot ? 1 : 0));  // flags
  pad(header, 2);
  append(header, std::int32_t{meta_.robots});
  append(header, static_cast<std::uint32_t>(meta_.keyframe_interval));
  append(header, std::uint32_t{0});
  append(header, meta_.seed);
  append_string(header, meta_.map_file);
  append_string(header, meta_.scenario);
  append_string(header, meta_.planner);
  const auto bitmap_at = header.size();
  header.resize(bitmap_at + (static_cast<std::size_t>(grid_->size()) + 7) / 8, 0);
  for (Cell c = 0; c < grid_->size(); ++c)
    if (grid_->passable(c)) header[bitmap_at + c / 8] |= static_cast<std::uint8_t>(1U << (c % 8));
  const auto size = static_cast<std::uint32_t>(header.size());
  std::memcpy(header.data() + 12, &size, sizeof size);
  put(header.data(), header.size());
}

// An unfinished trace stays as `<name>.partial`: evidence of the crash, never a result.
TraceWriter::~TraceWriter() = default;

void TraceWriter::put(const void* data, std::size_t bytes) {
  out_.write(data, bytes);
  offset_ += bytes;
}

void TraceWriter::write_tick(std::span<const State> states, std::span<const Cell> goals,
                             std::span<const std::uint8_t> held,
                             std::span<const TraceEvent> events) {
  if (finished_) throw std::logic_error("trace: write_tick after finish");
  const auto robots = static_cast<std::size_t>(meta_.robots);
  if (states.size() != robots || goals.size() != robots || (!held.empty() && held.size() != robots))
    throw std::invalid_argument("trace: a tick must list every robot's state and goal");
  const auto tick = static_cast<std::uint32_t>(index_.size());

  nibbles_.assign((robots + 1) / 2, 0);
  bool encodable = tick > 0;
  for (std::size_t r = 0; r < robots; ++r) {
    const TraceAction a =
        tick == 0 ? TraceAction::Unknown : encode_action(motion_, last_states_[r], states[r]);
    encodable = encodable && a != TraceAction::Unknown;
    nibbles_[r / 2] |= static_cast<std::uint8_t>(static_cast<std::uint8_t>(a) << (4 * (r % 2)));
  }
  const bool keyframe = !encodable || tick % static_cast<std::uint32_t>(meta_.keyframe_interval) == 0;

  record_.clear();
  append(record_, static_cast<std::uint8_t>(keyframe ? 0 : 1));
  pad(record_, 3);
  append(record_, static_cast<std::int32_t>(tick));
  append(record_, static_cast<std::uint32_t>(events.size()));
  const auto changes_at = record_.size();
  append(record_, std::uint32_t{0});
  record_.insert(record_.end(), nibbles_.begin(), nibbles_.end());
  if (keyframe) {
    append_all(record_, states);
    append_all(record_, goals);
  } else {
    std::uint32_t changes = 0;
    for (std::size_t r = 0; r < robots; ++r) {
      if (goals[r] == last_goals_[r]) continue;
      append(record_, static_cast<std::int32_t>(r));
      append(record_, static_cast<std::int32_t>(goals[r]));
      ++changes;
    }
    std::memcpy(record_.data() + changes_at, &changes, sizeof changes);
  }
  const auto held_at = record_.size();
  record_.resize(held_at + (robots + 7) / 8, 0);
  if (!held.empty()) {
    for (std::size_t r = 0; r < robots; ++r)
      if (held[r] != 0) record_[held_at + r / 8] |= static_cast<std::uint8_t>(1U << (r % 8));
  }
  for (const TraceEvent& e : events) {
    append(record_, static_cast<std::uint8_t>(e.kind));
    append(record_, e.detail);
    append(record_, std::uint16_t{0});
    append(record_, static_cast<std::int32_t>(e.robot));
    append(record_, static_cast<std::int32_t>(e.other));
    append(record_, static_cast<std::int32_t>(e.cell));
    append(record_, e.count);
    append(record_, e.seconds);
  }

  const std::uint32_t base = keyframe ? tick : index_.back().keyframe;
  index_.push_back({offset_, base, static_cast<std::uint32_t>(record_.size())});
  put(record_.data(), record_.size());
  last_states_.assign(states.begin(), states.end());
  last_goals_.assign(goals.begin(), goals.end());
  hash_.add(states);
}

void TraceWriter::finish() {
  if (finished_) return;
  const std::uint64_t index_offset = offset_;
  std::vector<std::uint8_t> tail;
  tail.reserve(index_.size() * 16 + trace_layout::kFooterBytes);
  for (const IndexEntry& e : index_) {
    append(tail, e.offset);
    append(tail, e.keyframe);
    append(tail, e.bytes);
  }
  append(tail, index_offset);
  append(tail, static_cast<std::uint32_t>(index_.size()));
  append(tail, std::uint32_t{0});
  append(tail, hash_.value());
  tail.insert(tail.end(), trace_layout::kEndMagic, trace_layout::kEndMagic + 8);
  put(tail.data(), tail.size());
  out_.commit();
  finished_ = true;
}

}  // namespace fleet::sim
