// NumPy conversions shared by the bindings: read-only views of fleetsim's own arrays (no
// copy; the owner stays alive while the view does) and checked reads of caller arrays.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace fleet::python {

namespace py = pybind11;

/// A read-only 1-D view of `data`, keeping `owner` alive.
template <typename T>
py::array_t<T> view(std::span<const T> data, py::handle owner) {
  py::array_t<T> out({static_cast<py::ssize_t>(data.size())}, {static_cast<py::ssize_t>(sizeof(T))},
                     data.data(), owner);
  py::detail::array_proxy(out.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return out;
}

/// A fresh 1-D array holding a copy of `data`.
template <typename T>
py::array_t<T> copy(std::span<const T> data) {
  py::array_t<T> out(static_cast<py::ssize_t>(data.size()));
  std::copy(data.begin(), data.end(), out.mutable_data());
  return out;
}

/// The values of a 1-D integer array (any integer dtype is converted), checked for length
/// when `expected` >= 0. Throws std::invalid_argument naming `what`.
template <typename T>
std::vector<T> read_vector(const py::handle& values, const std::string& what,
                           std::ptrdiff_t expected = -1) {
  const auto array = py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(values);
  if (!array || array.ndim() != 1)
    throw std::invalid_argument(what + " must be a 1-D array of integers");
  if (expected >= 0 && array.shape(0) != expected)
    throw std::invalid_argument(what + " must have " + std::to_string(expected) + " entries, got " +
                                std::to_string(array.shape(0)));
  return {array.data(), array.data() + array.shape(0)};
}

}  // namespace fleet::python
