// HDF5 calls behind fleet::dataset::h5::File.
#include "h5_file.hpp"

#include <stdexcept>

namespace fleet::dataset::h5 {

File::File(std::filesystem::path path) : path_(std::move(path)) {
  file_ = Handle(check(H5Fcreate(path_.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                       "cannot create the file"),
                 H5Fclose);
}

void File::fail(const std::string& what) const {
  throw std::runtime_error(path_.string() + ": " + what);
}

hid_t File::check(hid_t id, const std::string& what) const {
  if (id < 0) fail(what);
  return id;
}

Handle File::create_column(const std::string& name, hid_t type, std::int64_t columns,
                           std::int64_t chunk_rows, int level) {
  const int rank = columns > 0 ? 2 : 1;
  const hsize_t now[2] = {0, static_cast<hsize_t>(columns)};
  const hsize_t most[2] = {H5S_UNLIMITED, static_cast<hsize_t>(columns)};
  const hsize_t chunk[2] = {static_cast<hsize_t>(chunk_rows), static_cast<hsize_t>(columns)};
  const Handle space(check(H5Screate_simple(rank, now, most), "cannot make a dataspace"), H5Sclose);
  const Handle props(check(H5Pcreate(H5P_DATASET_CREATE), "cannot make properties"), H5Pclose);
  check(H5Pset_chunk(props.get(), rank, chunk), "cannot chunk column " + name);
  if (level > 0) {
    check(H5Pset_shuffle(props.get()), "cannot shuffle column " + name);
    check(H5Pset_deflate(props.get(), static_cast<unsigned>(level)), "cannot deflate column " + name);
  }
  return {check(H5Dcreate2(file_.get(), name.c_str(), type, space.get(), H5P_DEFAULT, props.get(),
                           H5P_DEFAULT),
                "cannot create column " + name),
          H5Dclose};
}

void File::write_rows(const Handle& column, hid_t type, std::int64_t columns,
                      std::int64_t first_row, std::int64_t rows, const void* data) {
  const int rank = columns > 0 ? 2 : 1;
  const hsize_t size[2] = {static_cast<hsize_t>(first_row + rows), static_cast<hsize_t>(columns)};
  check(H5Dset_extent(column.get(), size), "cannot extend a column");
  const Handle file_space(check(H5Dget_space(column.get()), "cannot read a column's space"),
                          H5Sclose);
  const hsize_t start[2] = {static_cast<hsize_t>(first_row), 0};
  const hsize_t count[2] = {static_cast<hsize_t>(rows), static_cast<hsize_t>(columns)};
  check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr),
        "cannot select rows");
  const Handle memory(check(H5Screate_simple(rank, count, nullptr), "cannot make a dataspace"),
                      H5Sclose);
  check(H5Dwrite(column.get(), type, memory.get(), file_space.get(), H5P_DEFAULT, data),
        "cannot write rows (disk full?)");
}

void File::write_array(const std::string& name, hid_t type, std::int64_t rows,
                       std::int64_t columns, const void* data) {
  const hsize_t size[2] = {static_cast<hsize_t>(rows), static_cast<hsize_t>(columns)};
  const Handle space(check(H5Screate_simple(2, size, nullptr), "cannot make a dataspace"), H5Sclose);
  const Handle set(check(H5Dcreate2(file_.get(), name.c_str(), type, space.get(), H5P_DEFAULT,
                                    H5P_DEFAULT, H5P_DEFAULT),
                         "cannot create " + name),
                   H5Dclose);
  check(H5Dwrite(set.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "cannot write " + name);
}

void File::attribute(const std::string& name, const std::string& value) {
  const Handle type(check(H5Tcopy(H5T_C_S1), "cannot make a string type"), H5Tclose);
  check(H5Tset_size(type.get(), value.empty() ? 1 : value.size()), "cannot size a string");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "cannot set a string's encoding");
  const Handle space(check(H5Screate(H5S_SCALAR), "cannot make a dataspace"), H5Sclose);
  const Handle attr(check(H5Acreate2(file_.get(), name.c_str(), type.get(), space.get(),
                                     H5P_DEFAULT, H5P_DEFAULT),
                          "cannot create attribute " + name),
                    H5Aclose);
  const std::string stored = value.empty() ? std::string(1, '\0') : value;
  check(H5Awrite(attr.get(), type.get(), stored.data()), "cannot write attribute " + name);
}

void File::attribute(const std::string& name, std::int64_t value) {
  const Handle space(check(H5Screate(H5S_SCALAR), "cannot make a dataspace"), H5Sclose);
  const Handle attr(check(H5Acreate2(file_.get(), name.c_str(), H5T_NATIVE_INT64, space.get(),
                                     H5P_DEFAULT, H5P_DEFAULT),
                          "cannot create attribute " + name),
                    H5Aclose);
  check(H5Awrite(attr.get(), H5T_NATIVE_INT64, &value), "cannot write attribute " + name);
}

void File::close() {
  const hid_t id = file_.release();
  if (id >= 0 && H5Fclose(id) < 0) fail("cannot close the file (disk full?)");
}

}  // namespace fleet::dataset::h5
