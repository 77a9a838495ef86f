# What `cmake --install` puts under a prefix and CPack packs into a .deb: the programs, the
# public headers and static libraries of planner/ and sim/, and the CMake package config that
# `find_package(fleetsim CONFIG)` reads (imported targets fleetsim::planner, fleetsim::sim).
include(CMakePackageConfigHelpers)

set(FLEET_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/fleetsim)

# fleet_warnings travels only because the static libraries name it (link-only, no flags).
install(TARGETS fleet_planner fleet_sim fleet_warnings EXPORT fleetsimTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY planner/include/ sim/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.hpp")
install(FILES ${PROJECT_BINARY_DIR}/generated/include/fleet/planner/version.hpp
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/fleet/planner)
install(TARGETS fleetsim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET fleetsim-viz)
  install(TARGETS fleetsim-viz RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(FILES docs/plugins.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY examples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

install(EXPORT fleetsimTargets NAMESPACE fleetsim:: DESTINATION ${FLEET_CMAKE_DIR})
configure_package_config_file(cmake/fleetsimConfig.cmake.in
  ${PROJECT_BINARY_DIR}/fleetsimConfig.cmake INSTALL_DESTINATION ${FLEET_CMAKE_DIR})
# A plugin must match the host's ABI version, which changes only with the minor release.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/fleetsimConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/fleetsimConfig.cmake
  ${PROJECT_BINARY_DIR}/fleetsimConfigVersion.cmake DESTINATION ${FLEET_CMAKE_DIR})

# `cpack --config <build>/CPackConfig.cmake` makes fleetsim_<version>_<arch>.deb.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME fleetsim)
set(CPACK_PACKAGE_VENDOR fleetsim)
set(CPACK_PACKAGE_CONTACT "fleetsim maintainers <fleetsim@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "Warehouse robot fleet simulator and multi-agent path finding library, with its plugin SDK")
set(CPACK_PACKAGE_INSTALL_DIRECTORY /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
# The programs' shared libraries, and the development packages find_package(fleetsim) needs.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "libtbb-dev, libboost-graph-dev, libyaml-cpp-dev, libspdlog-dev, libfmt-dev, nlohmann-json3-dev, libeigen3-dev, libstdc++6, libc6")
if(TARGET fleetsim-viz)
  string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", libsfml-graphics2.5, fonts-dejavu-core")
endif()
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "cmake, g++, python3-matplotlib")
include(CPack)
