// Boost.Graph view of a grid (vertices are the grid's free cells in free-index order), for
// graph algorithms: connectivity checks, weighted and guidance graphs.
#pragma once

#include <fleet/planner/grid.hpp>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <vector>

namespace fleet::planner {

using CsrGraph = boost::compressed_sparse_row_graph<boost::directedS>;

/// A CSR graph over the free cells (vertex i is grid.free_cells()[i]), one arc per
/// passable 4-neighbour pair in each direction.
CsrGraph make_csr_graph(const Grid& grid);

/// The connected component of every free cell (indexed by free index), and their count.
struct Components {
  std::vector<int> of_free_cell;
  int count = 0;
};
Components connected_components(const Grid& grid);

/// True when every free cell can reach every other.
bool is_connected(const Grid& grid);

}  // namespace fleet::planner
