# FLEET_SANITIZE: a ;-list such as "address;undefined" or "thread", applied to every target.
set(FLEET_SANITIZE "" CACHE STRING "Sanitizers to build with (address;undefined, thread)")
if(FLEET_SANITIZE)
  list(JOIN FLEET_SANITIZE "," _fleet_sanitizers)
  add_compile_options(-fsanitize=${_fleet_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_fleet_sanitizers})
endif()
