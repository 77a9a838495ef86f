# The Python module is built for Debian's interpreter (/usr/bin/python3, which has Debian's
# numpy, pytest and h5py) unless Python3_EXECUTABLE names another. FLEET_BUILD_PYTHON is ON
# when the interpreter, its headers, NumPy and pybind11 are found, and OFF under sanitizers
# (an instrumented module cannot be loaded into an uninstrumented interpreter).
if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python3_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "Python the fleetsim module is built for")
endif()
find_package(Python3 COMPONENTS Interpreter Development.Module NumPy)
set(PYBIND11_FINDPYTHON ON)
find_package(pybind11 2.6 CONFIG QUIET)
set(_fleet_python_default OFF)
if(Python3_FOUND AND Python3_NumPy_FOUND AND pybind11_FOUND AND NOT FLEET_SANITIZE)
  set(_fleet_python_default ON)
endif()
option(FLEET_BUILD_PYTHON "Build the fleetsim Python module (pybind11)" ${_fleet_python_default})
if(FLEET_BUILD_PYTHON)
  if(NOT (Python3_FOUND AND pybind11_FOUND))
    message(FATAL_ERROR "FLEET_BUILD_PYTHON needs python3-dev, python3-numpy and pybind11-dev")
  endif()
  # The libraries are linked into a shared module.
  set(CMAKE_POSITION_INDEPENDENT_CODE ON)
  set(FLEET_PYTHON_DIR ${PROJECT_BINARY_DIR}/python)  # the importable package's parent
  message(STATUS "fleetsim Python module: for ${Python3_EXECUTABLE} (${Python3_VERSION})")
else()
  message(STATUS "fleetsim Python module: not built")
endif()
