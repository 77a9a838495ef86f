#include <fleet/planner/graph_view.hpp>

#include <boost/graph/strong_components.hpp>

#include <utility>

namespace fleet::planner {

CsrGraph make_csr_graph(const Grid& grid) {
  std::vector<std::pair<std::int32_t, std::int32_t>> arcs;
  for (Cell c : grid.free_cells()) {
    for (Cell n : grid.neighbours(c)) arcs.emplace_back(grid.free_index(c), grid.free_index(n));
  }
  // Arcs are generated in source order, as the sorted-edges constructor requires.
  return CsrGraph(boost::edges_are_sorted, arcs.begin(), arcs.end(),
                  static_cast<std::size_t>(grid.free_count()));
}

Components connected_components(const Grid& grid) {
  const CsrGraph graph = make_csr_graph(grid);
  Components result;
  result.of_free_cell.assign(static_cast<std::size_t>(grid.free_count()), 0);
  // Every arc has its reverse, so strongly connected components are the connected ones.
  result.count = static_cast<int>(boost::strong_components(
      graph, boost::make_iterator_property_map(result.of_free_cell.begin(),
                                               boost::get(boost::vertex_index, graph))));
  return result;
}

bool is_connected(const Grid& grid) { return connected_components(grid).count <= 1; }

}  // namespace fleet::planner
