// Kept apart: Xlib's macros must not leak into the other sources.
#include <fleet/viz/snapshot.hpp>

#include <X11/Xlib.h>

namespace fleet::viz {

bool display_available() { return DisplayConnection().open(); }

DisplayConnection::DisplayConnection() : display_(XOpenDisplay(nullptr)) {}

DisplayConnection::~DisplayConnection() {
  if (display_ != nullptr) XCloseDisplay(static_cast<Display*>(display_));
}

}  // namespace fleet::viz
