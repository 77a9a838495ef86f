// Reads the binary run trace of docs/trace-format.md through a read-only memory map.
#include "trace_layout.hpp"

#include <fleet/planner/input_error.hpp>
#include <fleet/sim/actions.hpp>
#include <fleet/planner/input_file.hpp>
#include <fleet/sim/trace.hpp>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

namespace fleet::sim {

namespace {

/// Bounds-checked reads from the mapped bytes; `fail` is called with a description.
template <typename Fail>
struct Bytes {
  const std::uint8_t* data;
  std::size_t size;
  std::size_t pos;
  Fail fail;

  template <typename T>
  T get(const char* what) {
    if (pos + sizeof(T) > size) fail(std::string("truncated while reading ") + what);
    T value;
    std::memcpy(&value, data + pos, sizeof(T));
    pos += sizeof(T);
    return value;
  }
  std::string text(const char* what) {
    const auto n = get<std::uint32_t>(what);
    if (n > size - pos) fail(std::string("truncated while reading ") + what);
    std::string out(reinterpret_cast<const char*>(data + pos), n);
    pos += n;
    return out;
  }
};

}  // namespace

void TraceReader::corrupt(const std::string& what) const { throw InputError(source_, 0, what); }

TraceReader::TraceReader(const std::filesystem::path& path) : source_(path.string()) {
  // Mapped, not read: the cap only keeps the address space sane.
  constexpr std::size_t kMaxTraceBytes = std::size_t{1} << 40;
  const OpenedInput input = open_input_file(path, "trace", kMaxTraceBytes);
  const int fd = input.fd;
  size_ = input.size;
  if (size_ < trace_layout::kFixedHeaderBytes + trace_layout::kFooterBytes) {
    ::close(fd);
    corrupt("file is too short to be a trace (" + std::to_string(size_) + " bytes)");
  }
  void* mapped = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (mapped == MAP_FAILED) corrupt("cannot map trace file");
  data_ = static_cast<const std::uint8_t*>(mapped);
  try {
    auto fail = [this](const std::string& what) { corrupt(what); };
    Bytes<decltype(fail)> in{data_, size_, 0, fail};
    if (std::memcmp(data_, trace_layout::kMagic, 8) != 0) corrupt("not a fleetsim trace (bad magic)");
    in.pos = 8;
    const auto version = in.get<std::uint32_t>("version");
    if (version != kTraceVersion)
      corrupt("trace version " + std::to_string(version) + " is not supported (expected " +
              std::to_string(kTraceVersion) + ")");
    const auto header_bytes = in.get<std::uint32_t>("header size");
    const auto width = in.get<std::int32_t>("width");
    const auto height = in.get<std::int32_t>("height");
    const auto motion = in.get<std::uint8_t>("motion model");
    meta_.one_shot = (in.get<std::uint8_t>("flags") & 1U) != 0;
    in.pos += 2;
    meta_.robots = in.get<std::int32_t>("robot count");
    const auto keyframe = in.get<std::uint32_t>("keyframe interval");
    in.pos += 4;
    meta_.seed = in.get<std::uint64_t>("seed");
    if (width <= 0 || height <= 0 || width > planner::kMaxGridSide ||
        height > planner::kMaxGridSide ||
        std::int64_t{width} * height > planner::kMaxGridCells)
      corrupt("map size " + std::to_string(width) + "x" + std::to_string(height) + " is out of range");
    if (motion > 1) corrupt("unknown motion model " + std::to_string(motion));
    if (meta_.robots < 0) corrupt("negative robot count");
    if (keyframe == 0 || keyframe > (1U << 30)) corrupt("bad keyframe interval");
    meta_.motion = static_cast<planner::MotionKind>(motion);
    meta_.keyframe_interval = static_cast<int>(keyframe);
    meta_.map_file = in.text("map file");
    meta_.scenario = in.text("scenario name");
    meta_.planner = in.text("planner name");
    const auto cells = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    if (in.pos + (cells + 7) / 8 != header_bytes || header_bytes > size_)
      corrupt("header size does not match its contents");
    std::vector<std::uint8_t> passable(cells);
    for (std::size_t c = 0; c < cells; ++c)
      passable[c] = (data_[in.pos + c / 8] >> (c % 8)) & 1U;
    grid_ = std::make_shared<const planner::Grid>(width, height, std::move(passable));
    motion_.emplace(*grid_, meta_.motion);

    const std::uint8_t* footer = data_ + size_ - trace_layout::kFooterBytes;
    if (std::memcmp(footer + 24, trace_layout::kEndMagic, 8) != 0)
      corrupt("truncated trace: no footer (the run did not finish writing it)");
    Bytes<decltype(fail)> tail{data_, size_, size_ - trace_layout::kFooterBytes, fail};
    const auto index_offset = tail.get<std::uint64_t>("index offset");
    const auto ticks = tail.get<std::uint32_t>("tick count");
    tail.pos += 4;
    state_hash_ = tail.get<std::uint64_t>("state hash");
    if (index_offset < header_bytes ||
        index_offset + std::uint64_t{ticks} * trace_layout::kIndexEntryBytes +
                trace_layout::kFooterBytes !=
            size_)
      corrupt("index does not fit the file");
    index_.resize(ticks);
    Bytes<decltype(fail)> idx{data_, size_, static_cast<std::size_t>(index_offset), fail};
    std::uint64_t expected = header_bytes;
    for (std::uint32_t t = 0; t < ticks; ++t) {
      IndexEntry& e = index_[t];
      e.offset = idx.get<std::uint64_t>("index");
      e.keyframe = idx.get<std::uint32_t>("index");
      e.bytes = idx.get<std::uint32_t>("index");
      if (e.offset != expected || e.bytes < trace_layout::kRecordHeaderBytes ||
          e.offset + e.bytes > index_offset)
        corrupt("index entry of tick " + std::to_string(t) + " points outside the records");
      if (e.keyframe > t || index_[e.keyframe].keyframe != e.keyframe)
        corrupt("index entry of tick " + std::to_string(t) + " names a bad keyframe");
      expected = e.offset + e.bytes;
    }
    if (expected != index_offset) corrupt("records do not end where the index begins");
  } catch (...) {
    ::munmap(const_cast<std::uint8_t*>(data_), size_);
    data_ = nullptr;
    throw;
  }
}

TraceReader::~TraceReader() {
  if (data_ != nullptr) ::munmap(const_cast<std::uint8_t*>(data_), size_);
}

void TraceReader::apply_record(int tick, TraceFrame& frame, bool want_events) const {
  const IndexEntry& e = index_[static_cast<std::size_t>(tick)];
  const std::string where = "tick " + std::to_string(tick) + ": ";
  auto fail = [&](const std::string& what) { corrupt(where + what); };
  Bytes<decltype(fail)> in{data_, static_cast<std::size_t>(e.offset + e.bytes),
                           static_cast<std::size_t>(e.offset), fail};
  const auto kind = in.get<std::uint8_t>("record kind");
  in.pos += 3;
  const auto stored_tick = in.get<std::int32_t>("tick");
  const auto events = in.get<std::uint32_t>("event count");
  const auto changes = in.get<std::uint32_t>("goal changes");
  const bool keyframe = kind == 0;
  if (kind > 1 || stored_tick != tick || keyframe != (e.keyframe == static_cast<std::uint32_t>(tick)))
    fail("record header does not match the index");
  const auto robots = static_cast<std::size_t>(meta_.robots);
  const std::size_t body = (robots + 1) / 2 + (keyframe ? 8 * robots : 8 * std::size_t{changes}) +
                           (robots + 7) / 8 + trace_layout::kEventBytes * std::size_t{events};
  if (trace_layout::kRecordHeaderBytes + body != e.bytes) fail("record size does not match its counts");

  const planner::Motion& motion = *motion_;
  const planner::Grid& grid = *grid_;
  const std::uint8_t* nibbles = data_ + in.pos;
  in.pos += (robots + 1) / 2;
  frame.actions.resize(robots);
  for (std::size_t r = 0; r < robots; ++r)
    frame.actions[r] = static_cast<TraceAction>((nibbles[r / 2] >> (4 * (r % 2))) & 0xFU);
  if (keyframe) {
    frame.states.resize(robots);
    frame.goals.resize(robots);
    std::memcpy(frame.states.data(), data_ + in.pos, 4 * robots);
    in.pos += 4 * robots;
    std::memcpy(frame.goals.data(), data_ + in.pos, 4 * robots);
    in.pos += 4 * robots;
    for (std::size_t r = 0; r < robots; ++r) {
      if (!motion.valid(frame.states[r])) fail("robot " + std::to_string(r) + " is off the map");
      if (frame.goals[r] != planner::kNoCell && !grid.valid(frame.goals[r]))
        fail("robot " + std::to_string(r) + "'s goal is off the map");
    }
  } else {
    for (std::size_t r = 0; r < robots; ++r) {
      const TraceAction a = frame.actions[r];
      if (a == TraceAction::Wait) continue;
      State& s = frame.states[r];
      const auto code = static_cast<int>(a);
      const bool known = (code >= 1 && code <= 4) || (motion.has_heading() && (code == 5 || code == 6));
      if (!known)
        fail("robot " + std::to_string(r) + " has an invalid action code " + std::to_string(code));
      s = apply_action(motion, s, a);
      if (s == planner::kNoState) fail("robot " + std::to_string(r) + " moves into a wall");
    }
    for (std::uint32_t i = 0; i < changes; ++i) {
      const auto r = in.get<std::int32_t>("goal change");
      const auto g = in.get<std::int32_t>("goal change");
      if (r < 0 || static_cast<std::size_t>(r) >= robots || (g != planner::kNoCell && !grid.valid(g)))
        fail("goal change out of range");
      frame.goals[static_cast<std::size_t>(r)] = g;
    }
  }
  const std::uint8_t* held = data_ + in.pos;
  in.pos += (robots + 7) / 8;
  frame.held.resize(robots);
  for (std::size_t r = 0; r < robots; ++r) frame.held[r] = (held[r / 8] >> (r % 8)) & 1U;
  (void)in;
  if (want_events) read_events(tick, frame.events);
  frame.tick = tick;
}

void TraceReader::read_events(int tick, std::vector<TraceEvent>& out) const {
  const IndexEntry& e = index_[static_cast<std::size_t>(tick)];
  auto fail = [&](const std::string& what) { corrupt("tick " + std::to_string(tick) + ": " + what); };
  Bytes<decltype(fail)> in{data_, static_cast<std::size_t>(e.offset + e.bytes),
                           static_cast<std::size_t>(e.offset + 8), fail};
  const auto events = in.get<std::uint32_t>("event count");
  // Events close the record, whose size apply_record has checked against its counts.
  if (std::size_t{events} * trace_layout::kEventBytes + trace_layout::kRecordHeaderBytes > e.bytes)
    fail("event count does not fit the record");
  in.pos = static_cast<std::size_t>(e.offset + e.bytes) - std::size_t{events} * trace_layout::kEventBytes;
  out.clear();
  for (std::uint32_t i = 0; i < events; ++i) {
    TraceEvent ev;
    const auto k = in.get<std::uint8_t>("event");
    if (k > static_cast<std::uint8_t>(TraceEventKind::BrokenDown)) fail("unknown event kind");
    ev.kind = static_cast<TraceEventKind>(k);
    ev.detail = in.get<std::uint8_t>("event");
    in.pos += 2;
    ev.robot = in.get<std::int32_t>("event");
    ev.other = in.get<std::int32_t>("event");
    ev.cell = in.get<std::int32_t>("event");
    ev.count = in.get<std::int32_t>("event");
    ev.seconds = in.get<float>("event");
    out.push_back(ev);
  }
}

void TraceReader::read(int tick, TraceFrame& frame) const {
  if (tick < 0 || tick >= tick_count())
    throw std::out_of_range("trace tick " + std::to_string(tick) + " is outside [0, " +
                            std::to_string(tick_count()) + ")");
  const auto keyframe = static_cast<int>(index_[static_cast<std::size_t>(tick)].keyframe);
  const bool continues = frame.tick >= keyframe && frame.tick <= tick &&
                         frame.states.size() == static_cast<std::size_t>(meta_.robots) &&
                         frame.goals.size() == frame.states.size();
  if (continues && frame.tick == tick) {
    read_events(tick, frame.events);
    return;
  }
  int t = continues ? frame.tick + 1 : keyframe;
  frame.tick = -1;  // a failed decode must not be taken for a frame to continue from
  for (; t <= tick; ++t) apply_record(t, frame, t == tick);
}

TraceFrame TraceReader::frame(int tick) const {
  TraceFrame f;
  read(tick, f);
  return f;
}

std::vector<TraceEvent> TraceReader::events(int tick) const {
  if (tick < 0 || tick >= tick_count())
    throw std::out_of_range("trace tick " + std::to_string(tick) + " is outside [0, " +
                            std::to_string(tick_count()) + ")");
  std::vector<TraceEvent> out;
  read_events(tick, out);
  return out;
}

}  // namespace fleet::sim
