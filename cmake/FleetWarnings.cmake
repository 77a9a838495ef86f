# Warnings as an interface target, linked privately by every fleetsim target.
add_library(fleet_warnings INTERFACE)
add_library(fleet::warnings ALIAS fleet_warnings)
target_compile_options(fleet_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
  -Wimplicit-fallthrough)
option(FLEET_WERROR "Treat warnings as errors" OFF)
if(FLEET_WERROR)
  target_compile_options(fleet_warnings INTERFACE -Werror)
endif()
