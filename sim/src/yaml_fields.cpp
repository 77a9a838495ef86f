// Strict YAML field conversions (see yaml_fields.hpp).
#include "yaml_fields.hpp"

#include <fleet/planner/input_error.hpp>
#include <fleet/planner/printable.hpp>
#include <fleet/planner/number_text.hpp>

#include <algorithm>
#include <string>

namespace fleet::sim::detail {
namespace {

std::string type_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Scalar: return "'" + printable(node.Scalar()) + "'";
    default: return "an undefined value";
  }
}

std::string join(std::initializer_list<std::string_view> names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

}  // namespace

void YamlSource::fail(int line, const std::string& message) const {
  throw InputError(file_, line, message);
}

int YamlSource::line_of(const YAML::Node& node, int fallback) {
  const int line = node.Mark().line;
  return line >= 0 ? line + 1 : fallback;
}

std::vector<YamlField> YamlSource::fields(const YAML::Node& node, int line, const std::string& what,
                                          std::initializer_list<std::string_view> allowed) const {
  if (!node.IsMap())
    fail(line, "'" + what + "' must be a mapping with keys " + join(allowed) + ", found " +
                   type_name(node));
  std::vector<YamlField> out;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const int key_line = line_of(it->first, line);
    if (!it->first.IsScalar()) fail(key_line, "'" + what + "' has a key that is not a plain name");
    const std::string key = it->first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      fail(key_line,
           "unknown key '" + printable(key) + "' in '" + what + "' (valid keys: " + join(allowed) + ")");
    if (find_field(out, key) != nullptr)
      fail(key_line, "key '" + key + "' appears twice in '" + what + "'");
    out.push_back({what == "scenario" ? key : what + "." + key, key_line, it->second});
  }
  return out;
}

std::int64_t YamlSource::integer(const YAML::Node& value, const std::string& name, int line,
                                 std::int64_t lo, std::int64_t hi) const {
  if (value.IsScalar())
    if (const auto parsed = parse_integer(value.Scalar(), lo, hi)) return *parsed;
  fail(line, "'" + name + "' must be " + describe_integer_range(lo, hi) + ", found " +
                 type_name(value));
}

std::uint64_t YamlSource::unsigned_integer(const YAML::Node& value, const std::string& name,
                                           int line) const {
  if (value.IsScalar())
    if (const auto parsed = parse_seed(value.Scalar())) return *parsed;
  fail(line, "'" + name + "' must be " + describe_seed_range() + ", found " + type_name(value));
}

double YamlSource::number(const YAML::Node& value, const std::string& name, int line, double lo,
                          double hi) const {
  if (value.IsScalar())
    if (const auto parsed = parse_number(value.Scalar(), lo, hi)) return *parsed;
  fail(line, "'" + name + "' must be " + describe_number_range(lo, hi) + ", found " +
                 type_name(value));
}

std::string YamlSource::text(const YAML::Node& value, const std::string& name, int line) const {
  if (!value.IsScalar() || value.Scalar().empty())
    fail(line, "'" + name + "' must be a non-empty string, found " + type_name(value));
  return value.Scalar();
}

void YamlSource::require_sequence(const YAML::Node& value, const std::string& name,
                                  int line) const {
  if (!value.IsSequence()) fail(line, "'" + name + "' must be a list, found " + type_name(value));
}

const YamlField* find_field(const std::vector<YamlField>& fields, std::string_view key) {
  for (const auto& f : fields) {
    const auto dot = f.name.rfind('.');
    const std::string_view last = dot == std::string::npos
                                      ? std::string_view(f.name)
                                      : std::string_view(f.name).substr(dot + 1);
    if (last == key) return &f;
  }
  return nullptr;
}

}  // namespace fleet::sim::detail
