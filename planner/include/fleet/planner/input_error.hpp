// The error raised at every input boundary (maps, scenarios, result files, YAML): it names the
// file, the line (0 when the problem concerns the whole file) and what is wrong.
#pragma once

#include <stdexcept>
#include <string>

namespace fleet {

class InputError : public std::runtime_error {
public:
  InputError(std::string file, int line, const std::string& message);

  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] int line() const { return line_; }
  /// The message without the "file:line: " prefix.
  [[nodiscard]] const std::string& message() const { return message_; }

private:
  std::string file_;
  int line_;
  std::string message_;
};

}  // namespace fleet
