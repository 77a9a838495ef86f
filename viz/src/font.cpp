#include <fleet/viz/font.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <system_error>

namespace fleet::viz {

std::vector<std::filesystem::path> standard_font_paths() {
  std::vector<std::filesystem::path> paths;
  if (const char* env = std::getenv("FLEET_VIZ_FONT"); env != nullptr && *env != '\0')
    paths.emplace_back(env);
  for (const char* p : {
           "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",      // Debian, Ubuntu
           "/usr/share/fonts/dejavu/DejaVuSans.ttf",               // Fedora
           "/usr/share/fonts/TTF/DejaVuSans.ttf",                  // Arch
           "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",    // newer Fedora
           "/usr/local/share/fonts/DejaVuSans.ttf",
           "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
           "/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf",
           "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
           "/usr/share/fonts/noto/NotoSans-Regular.ttf",
           "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
           "/System/Library/Fonts/Supplemental/Arial.ttf",
           "/Library/Fonts/Arial.ttf",
       })
    paths.emplace_back(p);
  return paths;
}

namespace {

std::optional<std::filesystem::path> ask_fontconfig() {
  // popen runs through the shell; a missing fc-match just yields no output.
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(
      ::popen("fc-match -f '%{file}' sans-serif:style=Regular 2>/dev/null", "r"), ::pclose);
  if (!pipe) return std::nullopt;
  std::string out;
  std::array<char, 512> buffer{};
  while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe.get()) != nullptr)
    out += buffer.data();
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  std::error_code ec;
  if (out.empty() || !std::filesystem::is_regular_file(out, ec)) return std::nullopt;
  return std::filesystem::path(out);
}

}  // namespace

std::optional<std::filesystem::path> find_font_file(const std::filesystem::path& preferred) {
  std::error_code ec;
  if (!preferred.empty() && std::filesystem::is_regular_file(preferred, ec)) return preferred;
  for (const auto& p : standard_font_paths())
    if (std::filesystem::is_regular_file(p, ec)) return p;
  return ask_fontconfig();
}

void TextBatch::clear() {
  for (auto& [size, vertices] : pages_) vertices.clear();
}

float TextBatch::line_height(unsigned size) const {
  return font_ != nullptr ? font_->getLineSpacing(size) : static_cast<float>(size);
}

float TextBatch::measure(std::string_view text, unsigned size) const {
  if (font_ == nullptr) return 0.0F;
  float width = 0.0F;
  for (const char ch : text) width += font_->getGlyph(static_cast<unsigned char>(ch), size, false).advance;
  return width;
}

float TextBatch::add(std::string_view text, sf::Vector2f pos, unsigned size, sf::Color colour) {
  if (font_ == nullptr) return 0.0F;
  sf::VertexArray& v = pages_[size];
  v.setPrimitiveType(sf::Quads);
  constexpr float kPad = 1.0F;  // glyph rects are padded by a pixel, as sf::Text does
  const float baseline = pos.y + static_cast<float>(size);
  float x = pos.x;
  for (const char ch : text) {
    const sf::Glyph& g = font_->getGlyph(static_cast<unsigned char>(ch), size, false);
    if (ch != ' ' && g.textureRect.width > 0) {
      const float l = x + g.bounds.left - kPad;
      const float t = baseline + g.bounds.top - kPad;
      const float r = x + g.bounds.left + g.bounds.width + kPad;
      const float b = baseline + g.bounds.top + g.bounds.height + kPad;
      const auto u0 = static_cast<float>(g.textureRect.left) - kPad;
      const auto v0 = static_cast<float>(g.textureRect.top) - kPad;
      const auto u1 = static_cast<float>(g.textureRect.left + g.textureRect.width) + kPad;
      const auto v1 = static_cast<float>(g.textureRect.top + g.textureRect.height) + kPad;
      v.append({{l, t}, colour, {u0, v0}});
      v.append({{r, t}, colour, {u1, v0}});
      v.append({{r, b}, colour, {u1, v1}});
      v.append({{l, b}, colour, {u0, v1}});
    }
    x += g.advance;
  }
  return x - pos.x;
}

void TextBatch::draw(sf::RenderTarget& target) const {
  if (font_ == nullptr) return;
  for (const auto& [size, vertices] : pages_) {
    if (vertices.getVertexCount() == 0) continue;
    sf::RenderStates states;
    states.texture = &font_->getTexture(size);
    target.draw(vertices, states);
  }
}

}  // namespace fleet::viz
