// A thin layer over the HDF5 C API for what datasets need: owned handles, extendible chunked
// and compressed columns appended row block by row block, attributes. Every failure throws
// std::runtime_error naming the file and what failed. Not thread-safe: one thread per file.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace fleet::dataset::h5 {

/// An owned HDF5 identifier, closed with the function it was made with.
class Handle {
public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer close) : id_(id), close_(close) {}
  ~Handle() { reset(); }
  Handle(Handle&& other) noexcept : id_(other.id_), close_(other.close_) { other.id_ = -1; }
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = other.id_;
      close_ = other.close_;
      other.id_ = -1;
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  [[nodiscard]] hid_t get() const { return id_; }
  /// Gives up ownership without closing.
  hid_t release() {
    const hid_t id = id_;
    id_ = -1;
    return id;
  }
  void reset() {
    if (id_ >= 0 && close_ != nullptr) close_(id_);
    id_ = -1;
  }

private:
  hid_t id_ = -1;
  Closer close_ = nullptr;
};

/// An HDF5 file being written.
class File {
public:
  /// Creates (truncates) `path`.
  explicit File(std::filesystem::path path);

  /// An extendible column of `columns` values per row (0: one value per row, a 1-D column),
  /// chunked by `chunk_rows` rows, byte-shuffled and deflated at `level` (0: uncompressed).
  [[nodiscard]] Handle create_column(const std::string& name, hid_t type, std::int64_t columns,
                                     std::int64_t chunk_rows, int level);
  /// Appends `rows` rows at row `first_row` (the column grows to fit).
  void write_rows(const Handle& column, hid_t type, std::int64_t columns, std::int64_t first_row,
                  std::int64_t rows, const void* data);
  /// A fixed, uncompressed 2-D array.
  void write_array(const std::string& name, hid_t type, std::int64_t rows, std::int64_t columns,
                   const void* data);
  void attribute(const std::string& name, const std::string& value);
  void attribute(const std::string& name, std::int64_t value);
  void close();

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
  [[noreturn]] void fail(const std::string& what) const;
  hid_t check(hid_t id, const std::string& what) const;

  std::filesystem::path path_;
  Handle file_;
};

}  // namespace fleet::dataset::h5
