#include <fleet/planner/input_error.hpp>

namespace fleet {

namespace {
std::string format(const std::string& file, int line, const std::string& message) {
  return line > 0 ? file + ":" + std::to_string(line) + ": " + message : file + ": " + message;
}
}  // namespace

InputError::InputError(std::string file, int line, const std::string& message)
    : std::runtime_error(format(file, line, message)),
      file_(std::move(file)),
      line_(line),
      message_(message) {}

}  // namespace fleet
