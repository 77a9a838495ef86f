// Playback over a range of ticks: play/pause, step, speed, loop and scrubbing, with a
// fractional position so motion can be drawn between ticks.
#pragma once

namespace fleet::viz {

class Timeline {
public:
  static constexpr double kMinSpeed = 0.125;  ///< ticks per second
  static constexpr double kMaxSpeed = 4096.0;

  /// The readable ticks [first, end); the position is clamped into [first, end - 1].
  void set_range(int first, int end);
  /// Advances by `seconds` of wall time when playing. At the last tick it wraps when looping,
  /// waits when `more_coming` (a live run), and otherwise pauses.
  void update(double seconds, bool more_coming = false);

  void play() { playing_ = true; }
  void pause() { playing_ = false; }
  void toggle() { playing_ = !playing_; }
  [[nodiscard]] bool playing() const { return playing_; }

  /// Pauses and moves `delta` whole ticks from the current one.
  void step(int delta);
  /// Moves to `position` (clamped), keeping the play state.
  void seek(double position);
  void set_speed(double ticks_per_second);
  void faster() { set_speed(speed_ * 2.0); }
  void slower() { set_speed(speed_ / 2.0); }
  [[nodiscard]] double speed() const { return speed_; }
  void set_loop(bool loop) { loop_ = loop; }
  [[nodiscard]] bool loop() const { return loop_; }

  [[nodiscard]] double position() const { return position_; }
  /// The whole tick at or before the position.
  [[nodiscard]] int tick() const;
  /// How far the position is past tick(), in [0, 1).
  [[nodiscard]] double fraction() const { return position_ - tick(); }
  [[nodiscard]] int first() const { return first_; }
  [[nodiscard]] int end() const { return end_; }
  [[nodiscard]] int last() const { return end_ > first_ ? end_ - 1 : first_; }

private:
  int first_ = 0;
  int end_ = 1;
  double position_ = 0.0;
  double speed_ = 10.0;
  bool playing_ = false;
  bool loop_ = false;
};

}  // namespace fleet::viz
