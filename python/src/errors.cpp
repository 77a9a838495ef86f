// fleet::InputError becomes fleetsim.InputError (a ValueError) with the same "file:line:
// what" message and `file` and `line` attributes; std::invalid_argument becomes ValueError
// through pybind11's own translation.
#include "bindings.hpp"

#include <fleet/planner/input_error.hpp>

namespace fleet::python {

namespace py = pybind11;

void bind_errors(py::module_& m) {
  py::exception<InputError>(m, "InputError", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr thrown) {
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const InputError& e) {
      const py::object type = py::module_::import("fleetsim._fleetsim").attr("InputError");
      const py::object error = type(e.what());
      error.attr("file") = e.file();
      error.attr("line") = e.line();
      PyErr_SetObject(type.ptr(), error.ptr());
    }
  });
}

}  // namespace fleet::python
