// Text from an input file made safe to show in a message: bytes that would drive a terminal
// (control characters, bytes outside valid UTF-8) become \xNN escapes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fleet {

/// `text` with control bytes and invalid UTF-8 as \xNN, cut with "..." after `max_bytes`.
/// fleet::InputError applies it to every message; readers use it to quote file content short.
std::string printable(std::string_view text, std::size_t max_bytes = 60);

}  // namespace fleet
