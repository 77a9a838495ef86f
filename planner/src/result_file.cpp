#include <fleet/planner/input_error.hpp>
#include <fleet/planner/printable.hpp>
#include <fleet/planner/input_file.hpp>
#include <fleet/planner/output_file.hpp>
#include <fleet/planner/result_file.hpp>

#include <charconv>
#include <sstream>
#include <ostream>
#include <stdexcept>

namespace fleet::planner {

const std::string* ResultHeader::find(const std::string& key) const {
  for (const auto& [k, v] : fields)
    if (k == key) return &v;
  return nullptr;
}

void write_result(std::ostream& out, const Instance& instance, const Result& result,
                  const std::vector<std::pair<std::string, std::string>>& extra) {
  const bool solved = result.status == Status::Solved && !result.plan.empty();
  out << "agents=" << instance.size() << "\n";
  for (const auto& [key, value] : extra) out << key << "=" << value << "\n";
  out << "solved=" << (solved ? 1 : 0) << "\n";
  out << "status=" << to_string(result.status) << "\n";
  out << "soc=" << (solved ? sum_of_costs(instance, result.plan) : 0) << "\n";
  out << "soc_lb=" << sum_of_costs_lower_bound(instance) << "\n";
  out << "makespan=" << (solved ? makespan(instance, result.plan) : 0) << "\n";
  out << "makespan_lb=" << makespan_lower_bound(instance) << "\n";
  out << "comp_time=" << static_cast<long long>(result.stats.runtime_s * 1000.0) << "\n";
  out << "solution=\n";
  if (!solved) return;
  const Grid& grid = instance.map();
  const Motion& motion = instance.motion;
  for (std::size_t t = 0; t < result.plan.size(); ++t) {
    out << t << ":";
    for (State s : result.plan[t]) {
      const Cell c = motion.cell(s);
      out << "(" << grid.x(c) << "," << grid.y(c);
      if (motion.has_heading()) out << "," << motion.heading(s);
      out << "),";
    }
    out << "\n";
  }
}

void write_result_file(const std::filesystem::path& path, const Instance& instance,
                       const Result& result,
                       const std::vector<std::pair<std::string, std::string>>& extra) {
  std::ostringstream text;
  write_result(text, instance, result, extra);
  write_file_atomically(path, text.str());
}

namespace {

struct Cursor {
  const std::string& text;
  std::size_t pos = 0;
  bool eat(char ch) {
    if (pos < text.size() && text[pos] == ch) {
      ++pos;
      return true;
    }
    return false;
  }
  bool number(int& value) {
    auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + text.size(), value);
    if (ec != std::errc()) return false;
    pos = static_cast<std::size_t>(ptr - text.data());
    return true;
  }
};

}  // namespace

LoadedResult read_result_file(const std::filesystem::path& path, const Motion& motion) {
  const std::string source = path.string();
  std::istringstream in(read_input_file(path, "result"));
  LoadedResult loaded;
  const Grid& grid = motion.grid();
  std::string line;
  int line_no = 0;
  bool in_solution = false;
  std::size_t robots = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (!in_solution) {
      const auto eq = line.find('=');
      if (eq == std::string::npos)
        throw InputError(source, line_no, "expected a 'key=value' header line, found '" + printable(line) + "'");
      const std::string key = line.substr(0, eq);
      if (key == "solution") {
        in_solution = true;
        continue;
      }
      loaded.header.fields.emplace_back(key, line.substr(eq + 1));
      continue;
    }
    Cursor cur{line};
    int t = 0;
    if (!cur.number(t) || !cur.eat(':'))
      throw InputError(source, line_no, "expected 't:(x,y),...', found '" + printable(line, 40) + "'");
    if (t != static_cast<int>(loaded.plan.size()))
      throw InputError(source, line_no, "expected tick " + std::to_string(loaded.plan.size()) +
                                            ", found " + std::to_string(t));
    Config config;
    while (cur.pos < line.size()) {
      int x = 0;
      int y = 0;
      int h = 0;
      if (!cur.eat('(') || !cur.number(x) || !cur.eat(',') || !cur.number(y))
        throw InputError(source, line_no, "malformed position at column " +
                                              std::to_string(cur.pos + 1));
      if (cur.eat(',') && !cur.number(h))
        throw InputError(source, line_no, "malformed heading at column " +
                                              std::to_string(cur.pos + 1));
      if (!cur.eat(')'))
        throw InputError(source, line_no, "expected ')' at column " + std::to_string(cur.pos + 1));
      cur.eat(',');
      if (!grid.in_bounds(x, y))
        throw InputError(source, line_no, "robot " + std::to_string(config.size()) + " at (" +
                                              std::to_string(x) + "," + std::to_string(y) +
                                              ") is off the " + std::to_string(grid.width()) +
                                              "x" + std::to_string(grid.height()) + " map");
      if (h < 0 || h > 3)
        throw InputError(source, line_no, "heading " + std::to_string(h) + " is not 0..3");
      config.push_back(motion.state(grid.cell(x, y), motion.has_heading() ? h : 0));
    }
    if (loaded.plan.empty()) {
      robots = config.size();
      if (const std::string* agents = loaded.header.find("agents");
          agents != nullptr && *agents != std::to_string(robots))
        throw InputError(source, line_no, "tick 0 lists " + std::to_string(robots) +
                                              " robots but the header says agents=" + printable(*agents));
    } else if (config.size() != robots) {
      throw InputError(source, line_no, "tick " + std::to_string(t) + " lists " +
                                            std::to_string(config.size()) + " robots, tick 0 lists " +
                                            std::to_string(robots));
    }
    loaded.plan.push_back(std::move(config));
  }
  if (!in_solution) throw InputError(source, line_no, "no 'solution=' line");
  if (loaded.plan.empty()) throw InputError(source, line_no, "the solution has no ticks");
  return loaded;
}

}  // namespace fleet::planner
