// Reads the YAML of a suite into a Suite, collecting every problem of shape (unknown keys,
// wrong types, out-of-range values, missing files) rather than stopping at the first.
#include "suite_parts.hpp"

#include <fleet/planner/input_error.hpp>
#include <fleet/planner/printable.hpp>
#include <fleet/planner/input_file.hpp>
#include <fleet/planner/number_text.hpp>
#include <fleet/planner/output_file.hpp>

#include <yaml-cpp/yaml.h>

#include <fnmatch.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <string_view>

namespace fleet::bench {

std::string_view to_string(ScenarioKind kind) {
  switch (kind) {
    case ScenarioKind::MovingAi: return "movingai";
    case ScenarioKind::Yaml: return "yaml";
    case ScenarioKind::Lorr: return "lorr";
  }
  return "unknown";
}

std::string SuiteProblem::describe() const {
  return line > 0 ? file + ":" + std::to_string(line) + ": " + message : file + ": " + message;
}

namespace {

std::string list_problems(const std::vector<SuiteProblem>& problems) {
  std::string text = std::to_string(problems.size()) +
                     (problems.size() == 1 ? " problem" : " problems") +
                     " in the suite; nothing was run:";
  for (const auto& p : problems) text += "\n  " + p.describe();
  return text;
}

}  // namespace

SuiteError::SuiteError(std::vector<SuiteProblem> problems)
    : InputError(problems.empty() ? std::string("suite") : problems.front().file, 0,
                 list_problems(problems)),
      problems_(std::move(problems)) {}

namespace {

namespace fs = std::filesystem;
using detail::Problems;

int line_of(const YAML::Node& node, int fallback) {
  const auto mark = node.Mark();
  return mark.line >= 0 && node.IsDefined() ? mark.line + 1 : fallback;
}

/// The keys of a mapping, each checked against `allowed`; unknown keys are problems.
std::vector<std::pair<std::string, YAML::Node>> fields(
    const YAML::Node& node, int line, const std::string& what,
    std::initializer_list<std::string_view> allowed, Problems& problems) {
  std::vector<std::pair<std::string, YAML::Node>> out;
  if (!node.IsMap()) {
    problems.add(line, what + " must be a mapping");
    return out;
  }
  std::set<std::string> seen;
  for (const auto& item : node) {
    const std::string key = item.first.Scalar();
    const int key_line = line_of(item.first, line);
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string known;
      for (const auto k : allowed) known += (known.empty() ? "" : ", ") + std::string(k);
      problems.add(key_line, "unknown key '" + key + "' in " + what + " (known: " + known + ")");
      continue;
    }
    if (!seen.insert(key).second) {
      problems.add(key_line, "key '" + key + "' appears twice in " + what);
      continue;
    }
    out.emplace_back(key, item.second);
  }
  return out;
}

const YAML::Node* find(const std::vector<std::pair<std::string, YAML::Node>>& fs_,
                       std::string_view key) {
  for (const auto& [k, v] : fs_)
    if (k == key) return &v;
  return nullptr;
}

std::string quoted(const YAML::Node& value) {
  if (value.IsScalar()) return "'" + printable(value.Scalar()) + "'";
  return value.IsSequence() ? "a list" : value.IsMap() ? "a mapping" : "nothing";
}

std::optional<std::int64_t> integer(const YAML::Node& value, const std::string& name,
                                    std::int64_t lo, std::int64_t hi, Problems& problems) {
  if (value.IsScalar())
    if (const auto parsed = parse_integer(value.Scalar(), lo, hi)) return parsed;
  problems.add(line_of(value, 0),
               name + " must be " + describe_integer_range(lo, hi) + ", got " + quoted(value));
  return std::nullopt;
}

std::optional<std::uint64_t> seed(const YAML::Node& value, Problems& problems) {
  if (value.IsScalar())
    if (const auto parsed = parse_seed(value.Scalar())) return parsed;
  problems.add(line_of(value, 0), "seeds must be " + describe_seed_range() + ", got " + quoted(value));
  return std::nullopt;
}

/// A duration in seconds, capped like every time limit (kMaxTimeLimitS).
std::optional<double> number(const YAML::Node& value, const std::string& name, bool allow_zero,
                             Problems& problems) {
  if (value.IsScalar())
    if (const auto parsed = parse_number(value.Scalar(), 0.0, kMaxTimeLimitS, allow_zero))
      return parsed;
  problems.add(line_of(value, 0), name + " must be " +
                                      describe_number_range(0.0, kMaxTimeLimitS, allow_zero) +
                                      " (seconds), got " + quoted(value));
  return std::nullopt;
}

/// `best_known: 7.43`: the best known errands per step of a lifelong scenario.
std::optional<double> best_known(const YAML::Node& value, Problems& problems) {
  constexpr double kMostErrandsPerStep = 1e9;
  if (value.IsScalar())
    if (const auto parsed = parse_number(value.Scalar(), 0.0, kMostErrandsPerStep)) return parsed;
  problems.add(line_of(value, 0),
               "best_known must be a finite number > 0 (errands per step), got " + quoted(value));
  return std::nullopt;
}

std::optional<bool> flag(const YAML::Node& value, const std::string& name, Problems& problems) {
  const std::string text = value.IsScalar() ? value.Scalar() : std::string();
  if (text == "true" || text == "yes" || text == "on") return true;
  if (text == "false" || text == "no" || text == "off") return false;
  problems.add(line_of(value, 0), name + " must be true or false, got '" + text + "'");
  return std::nullopt;
}

std::optional<std::string> text(const YAML::Node& value, const std::string& name,
                                Problems& problems) {
  if (!value.IsScalar() || value.Scalar().empty()) {
    problems.add(line_of(value, 0), name + " must be a non-empty string");
    return std::nullopt;
  }
  return value.Scalar();
}

/// A path relative to the suite's folder; a '*' or '?' in the file name matches every file of
/// that folder it fits, sorted. Missing files and empty matches are problems.
std::vector<fs::path> resolve(const YAML::Node& value, const std::string& name,
                              const fs::path& base, Problems& problems) {
  std::vector<fs::path> out;
  std::vector<YAML::Node> items;
  if (value.IsSequence()) {
    for (const auto& item : value) items.push_back(item);
    if (items.empty()) problems.add(line_of(value, 0), name + " must not be an empty list");
  } else {
    items.push_back(value);
  }
  for (const auto& item : items) {
    const auto written = text(item, name, problems);
    if (!written) continue;
    const fs::path path = base / *written;
    const std::string leaf = path.filename().string();
    // The error_code forms: a name the system refuses (too long, say) is a problem of this
    // line, not an exception.
    std::error_code ec;
    if (leaf.find_first_of("*?[") == std::string::npos) {
      if (!fs::is_regular_file(path, ec))
        problems.add(line_of(item, 0), name + ": no such file " + path.lexically_normal().string() +
                                           (ec ? " (" + ec.message() + ")" : ""));
      else
        out.push_back(path.lexically_normal());
      continue;
    }
    std::vector<fs::path> matches;
    for (const auto& entry : fs::directory_iterator(path.parent_path(), ec)) {
      std::error_code kind;
      if (entry.is_regular_file(kind) &&
          fnmatch(leaf.c_str(), entry.path().filename().c_str(), 0) == 0)
        matches.push_back(entry.path().lexically_normal());
    }
    std::sort(matches.begin(), matches.end());
    if (matches.empty())
      problems.add(line_of(item, 0), name + ": no file matches " + path.lexically_normal().string());
    out.insert(out.end(), matches.begin(), matches.end());
  }
  return out;
}

/// `agents: [10, 20]` or `agents: {from: 10, to: 100, step: 10}`; sorted, no repeats.
std::vector<int> ladder(const YAML::Node& value, Problems& problems) {
  constexpr std::int64_t kMaxAgents = 1 << 22;
  std::vector<int> out;
  const int line = line_of(value, 0);
  if (value.IsScalar()) {
    if (auto k = integer(value, "agents", 1, kMaxAgents, problems)) out.push_back(static_cast<int>(*k));
  } else if (value.IsSequence()) {
    for (const auto& item : value)
      if (auto k = integer(item, "agents", 1, kMaxAgents, problems))
        out.push_back(static_cast<int>(*k));
    if (value.size() == 0) problems.add(line, "agents must not be an empty list");
  } else if (value.IsMap()) {
    const auto f = fields(value, line, "agents", {"from", "to", "step"}, problems);
    const YAML::Node* from = find(f, "from");
    const YAML::Node* to = find(f, "to");
    const YAML::Node* step = find(f, "step");
    if (from == nullptr || to == nullptr) {
      problems.add(line, "agents as a range needs 'from' and 'to' (and optionally 'step')");
      return out;
    }
    const auto a = integer(*from, "agents.from", 1, kMaxAgents, problems);
    const auto b = integer(*to, "agents.to", 1, kMaxAgents, problems);
    const auto s = step != nullptr ? integer(*step, "agents.step", 1, kMaxAgents, problems)
                                   : std::optional<std::int64_t>(1);
    if (!a || !b || !s) return out;
    if (*a > *b) problems.add(line, "agents.from must not exceed agents.to");
    for (std::int64_t k = *a; k <= *b; k += *s) out.push_back(static_cast<int>(k));
  } else {
    problems.add(line, "agents must be a number, a list or {from, to, step}");
  }
  std::sort(out.begin(), out.end());
  if (std::adjacent_find(out.begin(), out.end()) != out.end())
    problems.add(line, "agents lists a fleet size twice");
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void read_scenario(const YAML::Node& node, const fs::path& base, Suite& suite,
                   Problems& problems) {
  const int line = line_of(node, 0);
  const auto f = fields(node, line, "a scenario",
                        {"name", "group", "map", "scen", "scenario", "lorr", "agents", "motion",
                         "steps", "plan_time_limit", "best_known", "execution", "delay_prob"},
                        problems);
  if (!node.IsMap()) return;
  const YAML::Node* map = find(f, "map");
  const YAML::Node* scen = find(f, "scen");
  const YAML::Node* yaml = find(f, "scenario");
  const YAML::Node* lorr = find(f, "lorr");
  const int sources = (scen != nullptr ? 1 : 0) + (yaml != nullptr ? 1 : 0) + (lorr != nullptr ? 1 : 0);
  if (sources != 1) {
    problems.add(line, "a scenario needs exactly one of 'scen' (with 'map'), 'scenario' "
                       "(fleetsim YAML) or 'lorr' (Robot Runners JSON)");
    return;
  }
  ScenarioSpec spec;
  spec.line = line;
  if (scen != nullptr) {
    spec.kind = ScenarioKind::MovingAi;
    if (map == nullptr) {
      problems.add(line, "a MovingAI scenario needs 'map' beside 'scen'");
    } else if (const auto maps = resolve(*map, "map", base, problems); maps.size() == 1) {
      spec.map = maps.front();
    } else if (maps.size() > 1) {
      problems.add(line_of(*map, line), "map must name one file");
    }
  } else if (map != nullptr) {
    problems.add(line_of(*map, line), "'map' belongs to MovingAI scenarios (with 'scen')");
  }
  if (yaml != nullptr) spec.kind = ScenarioKind::Yaml;
  if (lorr != nullptr) spec.kind = ScenarioKind::Lorr;
  const YAML::Node& source = scen != nullptr ? *scen : yaml != nullptr ? *yaml : *lorr;
  const std::string source_key = scen != nullptr ? "scen" : yaml != nullptr ? "scenario" : "lorr";
  const auto files = resolve(source, source_key, base, problems);

  std::optional<std::string> name;
  if (const auto* v = find(f, "name")) name = text(*v, "name", problems);
  if (name && files.size() > 1)
    problems.add(line, "'name' needs a single file; several files are named after themselves");
  if (const auto* v = find(f, "group")) {
    if (auto g = text(*v, "group", problems)) spec.group = *g;
  }
  if (const auto* v = find(f, "agents")) spec.agents = ladder(*v, problems);
  else if (spec.kind == ScenarioKind::MovingAi)
    problems.add(line, "a MovingAI scenario needs 'agents' (a fleet size or a ladder)");
  if (const auto* v = find(f, "motion")) {
    if (spec.kind != ScenarioKind::MovingAi) {
      problems.add(line_of(*v, line), "'motion' belongs to MovingAI scenarios (the others "
                                      "name their own)");
    } else if (auto m = text(*v, "motion", problems)) {
      try {
        spec.motion = planner::parse_motion_kind(*m);
      } catch (const std::invalid_argument&) {
        problems.add(line_of(*v, line), "motion must be 4-connected or rotation, got '" + *m + "'");
      }
    }
  }
  for (const char* key : {"steps", "plan_time_limit"}) {
    const auto* v = find(f, key);
    if (v == nullptr) continue;
    if (spec.kind == ScenarioKind::MovingAi) {
      problems.add(line_of(*v, line), std::string("'") + key +
                                          "' belongs to simulated scenarios ('scenario', 'lorr')");
    } else if (std::string_view(key) == "steps") {
      if (auto s = integer(*v, "steps", 1, 100'000'000, problems)) spec.steps = static_cast<int>(*s);
    } else {
      spec.plan_time_limit = number(*v, key, false, problems);
    }
  }
  if (const auto* v = find(f, "best_known")) {
    if (spec.kind == ScenarioKind::MovingAi)
      problems.add(line_of(*v, line), "'best_known' belongs to lifelong simulated scenarios "
                                      "('scenario', 'lorr')");
    else
      spec.best_known = best_known(*v, problems);
  }
  if (const auto* v = find(f, "execution")) {
    if (spec.kind == ScenarioKind::MovingAi)
      problems.add(line_of(*v, line), "'execution' belongs to simulated scenarios ('scenario', 'lorr')");
    else if (auto e = text(*v, "execution", problems); e && *e != "exact" && *e != "adg")
      problems.add(line_of(*v, line), "execution must be exact or adg, got '" + *e + "'");
    else
      spec.execution = e;
  }
  if (const auto* v = find(f, "delay_prob")) {
    if (spec.kind == ScenarioKind::MovingAi)
      problems.add(line_of(*v, line), "'delay_prob' belongs to simulated scenarios ('scenario', 'lorr')");
    else if (auto p = number(*v, "delay_prob", true, problems); p && *p > 1.0)
      problems.add(line_of(*v, line), "delay_prob must be at most 1");
    else
      spec.delay_prob = p;
  }
  for (const auto& file : files) {
    ScenarioSpec one = spec;
    one.file = file;
    one.name = name && files.size() == 1 ? *name : file.stem().string();
    suite.scenarios.push_back(std::move(one));
  }
}

void read_planner(const YAML::Node& node, Suite& suite, Problems& problems) {
  PlannerSpec spec;
  spec.line = line_of(node, 0);
  if (node.IsScalar()) {
    spec.name = node.Scalar();
  } else {
    const auto f = fields(node, spec.line, "a planner", {"name", "params", "label"}, problems);
    if (!node.IsMap()) return;
    const YAML::Node* name = find(f, "name");
    if (name == nullptr) {
      problems.add(spec.line, "a planner needs 'name'");
      return;
    }
    if (auto n = text(*name, "name", problems)) spec.name = *n;
    if (const auto* label = find(f, "label")) {
      if (auto l = text(*label, "label", problems)) spec.label = *l;
    }
    if (const auto* params = find(f, "params")) {
      if (!params->IsMap()) {
        problems.add(line_of(*params, spec.line), "params must be a mapping key: value");
      } else {
        for (const auto& item : *params) {
          if (!item.second.IsScalar())
            problems.add(line_of(item.first, spec.line),
                         "parameter '" + item.first.Scalar() + "' must be a single value");
          else
            spec.params[item.first.Scalar()] = item.second.Scalar();
        }
      }
    }
  }
  if (spec.name.empty()) return;
  if (spec.label.empty()) {
    spec.label = spec.name;
    if (!spec.params.empty()) {
      std::string inside;
      for (const auto& [k, v] : spec.params) inside += (inside.empty() ? "" : ",") + k + "=" + v;
      spec.label += "[" + inside + "]";
    }
  }
  suite.planners.push_back(std::move(spec));
}

void read_top(const YAML::Node& root, const fs::path& base, Suite& suite,
              const planner::PlannerRegistry& registry, Problems& problems) {
  const auto f = fields(root, 1, "the suite",
                        {"name", "time_limit", "load_time_limit", "kill_grace", "memory_limit_mb",
                         "threads", "jobs", "seeds", "stop_after_failure", "scenarios",
                         "planners", "plugins"},
                        problems);
  if (!root.IsMap()) return;
  if (const auto* v = find(f, "name")) {
    if (auto n = text(*v, "name", problems)) {
      // The name becomes the default results file results/<name>.jsonl.
      if (const std::string problem = path_component_problem(*n); !problem.empty())
        problems.add(line_of(*v, 0), "name " + problem + "; it names the results file "
                                     "results/<name>.jsonl, so it must be one plain file name");
      else
        suite.name = *n;
    }
  }
  if (const auto* v = find(f, "time_limit")) {
    if (auto t = number(*v, "time_limit", false, problems)) suite.time_limit_s = *t;
  }
  if (const auto* v = find(f, "load_time_limit")) {
    if (auto t = number(*v, "load_time_limit", false, problems)) suite.load_limit_s = *t;
  }
  if (const auto* v = find(f, "kill_grace")) {
    if (auto t = number(*v, "kill_grace", true, problems)) suite.kill_grace_s = *t;
  }
  if (const auto* v = find(f, "memory_limit_mb")) {
    if (auto m = integer(*v, "memory_limit_mb", 16, std::int64_t{1} << 30, problems))
      suite.memory_limit_mb = *m;
  }
  if (const auto* v = find(f, "threads")) {
    if (auto t = integer(*v, "threads", 1, 4096, problems)) suite.threads = static_cast<int>(*t);
  }
  if (const auto* v = find(f, "jobs")) {
    if (auto j = integer(*v, "jobs", 1, 4096, problems)) suite.jobs = static_cast<int>(*j);
  }
  if (const auto* v = find(f, "stop_after_failure")) {
    if (auto b = flag(*v, "stop_after_failure", problems)) suite.stop_after_failure = *b;
  }
  if (const auto* v = find(f, "seeds")) {
    suite.seeds.clear();
    if (v->IsScalar()) {  // a count: seeds 1..N
      if (auto n = integer(*v, "seeds", 1, 100'000, problems))
        for (std::int64_t s = 1; s <= *n; ++s) suite.seeds.push_back(static_cast<std::uint64_t>(s));
    } else if (v->IsSequence() && v->size() > 0) {
      for (const auto& item : *v)
        if (auto s = seed(item, problems)) suite.seeds.push_back(*s);
      auto sorted = suite.seeds;
      std::sort(sorted.begin(), sorted.end());
      if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
        problems.add(line_of(*v, 0), "seeds lists a seed twice");
    } else {
      problems.add(line_of(*v, 0), "seeds must be a count or a non-empty list of seeds");
    }
  }
  const YAML::Node* scenarios = find(f, "scenarios");
  if (scenarios == nullptr || !scenarios->IsSequence() || scenarios->size() == 0) {
    problems.add(scenarios != nullptr ? line_of(*scenarios, 1) : 1,
                 "the suite needs 'scenarios', a non-empty list");
  } else {
    for (const auto& node : *scenarios) read_scenario(node, base, suite, problems);
  }
  const YAML::Node* planners = find(f, "planners");
  if (planners != nullptr && planners->IsScalar() && planners->Scalar() == "all") {
    for (const auto* entry : registry.entries()) {
      PlannerSpec spec;
      spec.name = spec.label = entry->name;
      spec.line = line_of(*planners, 1);
      suite.planners.push_back(std::move(spec));
    }
  } else if (planners == nullptr || !planners->IsSequence() || planners->size() == 0) {
    problems.add(planners != nullptr ? line_of(*planners, 1) : 1,
                 "the suite needs 'planners', a non-empty list (or 'all')");
  } else {
    for (const auto& node : *planners) read_planner(node, suite, problems);
  }
}

template <typename T>
void check_unique(const std::vector<T>& items, const std::string& what,
                  std::string T::*field, Problems& problems) {
  std::set<std::string> seen;
  for (const auto& item : items)
    if (!seen.insert(item.*field).second)
      problems.add(item.line, what + " '" + item.*field + "' appears twice (give one a " +
                                  (what == "planner label" ? "'label'" : "'name'") + ")");
}

}  // namespace

Suite load_suite(const std::filesystem::path& path, const planner::PlannerRegistry& registry) {
  Problems problems(path.string());
  Suite suite;
  suite.file = path;
  suite.name = path.stem().string();
  YAML::Node root;
  try {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw SuiteError({{path.string(), 0, "no such suite file"}});
    root = YAML::Load(read_input_file(path, "suite"));
  } catch (const YAML::Exception& e) {
    throw SuiteError({{path.string(), e.mark.line >= 0 ? e.mark.line + 1 : 0, e.msg}});
  } catch (const SuiteError&) {
    throw;
  } catch (const InputError& e) {
    throw SuiteError({{e.file(), e.line(), e.message()}});
  }
  const planner::PlannerRegistry planners =
      detail::read_plugins(root, path.parent_path(), registry, suite, problems);
  read_top(root, path.parent_path(), suite, planners, problems);
  check_unique(suite.scenarios, "scenario name", &ScenarioSpec::name, problems);
  check_unique(suite.planners, "planner label", &PlannerSpec::label, problems);
  detail::check_planners(suite, planners, problems);
  detail::check_scenario_files(suite, problems);
  if (!problems.empty()) {
    auto& list = problems.list();
    std::stable_sort(list.begin(), list.end(),
                     [](const SuiteProblem& a, const SuiteProblem& b) { return a.line < b.line; });
    throw SuiteError(std::move(list));
  }
  return suite;
}

}  // namespace fleet::bench
