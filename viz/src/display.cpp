// Kept apart: Xlib's macros must not leak into the other sources.
#include <fleet/viz/snapshot.hpp>

#include <X11/Xlib.h>

namespace fleet::viz {

bool display_available() {
  Display* display = XOpenDisplay(nullptr);
  if (display == nullptr) return false;
  XCloseDisplay(display);
  return true;
}

}  // namespace fleet::viz
