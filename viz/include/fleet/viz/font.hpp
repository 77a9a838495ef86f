// Text without a hard-coded font path: the font is looked up at run time among the usual
// places (DejaVu from Debian's fonts-dejavu-core first), then through fontconfig; text is
// drawn in batches of glyph quads so hundreds of labels cost one draw call per size.
#pragma once

#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/VertexArray.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

namespace fleet::viz {

/// The standard font files tried, in order (before asking fontconfig).
[[nodiscard]] std::vector<std::filesystem::path> standard_font_paths();

/// A usable font file: `preferred` if given and present, else the first of
/// standard_font_paths() that exists, else what `fc-match` names for a sans-serif font.
[[nodiscard]] std::optional<std::filesystem::path> find_font_file(
    const std::filesystem::path& preferred = {});

/// Strings laid out as textured quads from the font's glyph pages, one vertex array per
/// character size. A batch without a font draws nothing (text is optional).
class TextBatch {
public:
  explicit TextBatch(const sf::Font* font) : font_(font) {}

  void clear();
  /// Lays out `text` with its top-left corner at `pos` (pixels); returns its width.
  float add(std::string_view text, sf::Vector2f pos, unsigned size, sf::Color colour);
  /// The width `text` would take.
  [[nodiscard]] float measure(std::string_view text, unsigned size) const;
  /// Line height for `size`.
  [[nodiscard]] float line_height(unsigned size) const;
  void draw(sf::RenderTarget& target) const;

private:
  const sf::Font* font_;
  std::map<unsigned, sf::VertexArray> pages_;
};

}  // namespace fleet::viz
