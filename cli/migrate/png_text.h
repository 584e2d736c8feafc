// Reads the text chunks (tEXt, zTXt, iTXt) of a PNG with libpng, without changing the file.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace promptport::migrate {

/// One text chunk, in UTF-8 (tEXt/zTXt Latin-1 converted; iTXt as stored).
struct PngText {
  std::string keyword;
  std::string text;
};

/// Above this many bytes of (inflated) text an image is refused: real metadata is a few
/// kilobytes, and a zTXt bomb must not take the run's memory.
inline constexpr std::size_t kPngTextLimit = std::size_t{16} << 20;

/// Appends the text chunks of the PNG at `path` to `texts`, in file order. Chunks after the
/// image data are read only when none of `enough` (keywords) is among the chunks before it,
/// so the usual case never inflates the pixels; an empty `enough` reads the whole file.
/// Returns "" or why the file could not be read ("not a PNG file", libpng's message); the
/// chunks read before an error are still appended.
std::string read_png_text(const std::filesystem::path& path, std::vector<PngText>& texts,
                          const std::vector<std::string_view>& enough = {});

/// tEXt and zTXt hold Latin-1 by the PNG spec. Some writers put UTF-8 there anyway; bytes
/// that already form valid multibyte UTF-8 are kept, since real Latin-1 text almost never
/// does (it would need "Ã" followed by a C1 control or a symbol).
std::string latin1_to_utf8(std::string_view bytes);

}  // namespace promptport::migrate
