// What the window draws (layers the user toggles) and the colours it draws them in. Robot
// colours are part of the contract: tests look for them in snapshots.
#pragma once

#include <fleet/viz/frame_pair.hpp>
#include <fleet/viz/heatmap.hpp>

#include <SFML/Graphics/Color.hpp>

namespace fleet::viz {

struct Layers {
  bool grid_lines = true;   ///< cell borders, once cells are large enough to see them
  bool places = true;       ///< shelves, stations, homes
  bool ids = true;          ///< robot ids, once robots are large enough on screen
  bool goals = false;       ///< each robot's goal cell
  bool path = true;         ///< the selected robot's path over the next ticks
  bool goal_lines = false;  ///< a line from each robot to its goal
  bool hud = true;
  bool legend = true;       ///< what the robot colours and the places mean
  bool minimap = true;
  bool panel = true;        ///< the events / problems list
  HeatKind heat = HeatKind::None;
  /// 0: the heatmap covers the whole run; otherwise the last `heat_window` ticks up to the
  /// one shown.
  int heat_window = 0;
};

namespace palette {
inline const sf::Color kBackdrop{28, 30, 34};
inline const sf::Color kFree{246, 246, 243};
inline const sf::Color kBlocked{62, 64, 70};
inline const sf::Color kShelf{214, 180, 122};
inline const sf::Color kStation{84, 150, 222};
inline const sf::Color kHome{196, 228, 196};
inline const sf::Color kGridLine{0, 0, 0, 40};
inline const sf::Color kRobotMoving{32, 110, 220};
inline const sf::Color kRobotWaiting{245, 150, 20};
inline const sf::Color kRobotIdle{40, 160, 80};
inline const sf::Color kRobotHeld{215, 30, 45};
inline const sf::Color kRobotDelayed{245, 150, 30};  ///< a slip or a slow robot's lost step
inline const sf::Color kRobotStalled{150, 90, 40};
inline const sf::Color kRobotBroken{40, 40, 40};
inline const sf::Color kDependency{0, 200, 220};     ///< selected robot -> the robot it waits for
inline const sf::Color kHeadingMark{255, 255, 255};
inline const sf::Color kSelected{255, 225, 0};
inline const sf::Color kGoal{150, 60, 200};
inline const sf::Color kGoalLine{150, 60, 200, 110};
inline const sf::Color kPath{255, 200, 0};
inline const sf::Color kPanel{20, 22, 26, 215};
inline const sf::Color kPanelSolid{24, 26, 30};
inline const sf::Color kText{235, 235, 235};
inline const sf::Color kTextDim{160, 165, 175};
inline const sf::Color kProblem{240, 70, 70};
inline const sf::Color kAccent{255, 200, 0};
}  // namespace palette

/// The body colour of a robot drawn with `look`.
[[nodiscard]] sf::Color robot_colour(RobotLook look);

}  // namespace fleet::viz
