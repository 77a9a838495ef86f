#include <fleet/planner/input_error.hpp>
#include <fleet/planner/printable.hpp>

#include <cstdio>

namespace fleet {

namespace {

// Length of the valid UTF-8 sequence starting at text[i] (2 to 4), or 0.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t length = 0;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) length = 3;
  else if (lead >= 0xF0 && lead <= 0xF4) length = 4;
  if (length == 0 || i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k)
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return 0;
  return length;
}

std::string format(const std::string& file, int line, const std::string& message) {
  const std::string where = printable(file, std::string::npos);
  const std::string what = printable(message, std::string::npos);
  return line > 0 ? where + ":" + std::to_string(line) + ": " + what : where + ": " + what;
}

}  // namespace

std::string printable(std::string_view text, std::size_t max_bytes) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (out.size() >= max_bytes) {
      out += "...";
      break;
    }
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte < 0x7F) {
      out += static_cast<char>(byte);
      ++i;
    } else if (const std::size_t n = byte >= 0x80 ? utf8_sequence(text, i) : 0; n > 0) {
      out.append(text.substr(i, n));
      i += n;
    } else {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", byte);
      out += escaped;
      ++i;
    }
  }
  return out;
}

InputError::InputError(std::string file, int line, const std::string& message)
    : std::runtime_error(format(file, line, message)),
      file_(std::move(file)),
      line_(line),
      message_(printable(message, std::string::npos)) {}

}  // namespace fleet
