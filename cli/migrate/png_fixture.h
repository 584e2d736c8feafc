// Test-only PNG writer (unit tests and tests/tools/make_png): a 2x2 RGB image with text
// chunks before or after the image data, written with libpng so fixtures are real PNGs.
#pragma once

#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace promptport::migrate::testing {

struct FixtureText {
  char type = 't';  ///< 't' tEXt, 'z' zTXt, 'i' iTXt
  std::string keyword;
  std::string text;    ///< the chunk's bytes as given (tEXt/zTXt: Latin-1 by the PNG spec)
  bool after = false;  ///< after the image data (IDAT) instead of before it
};

namespace fixture_detail {

[[noreturn]] inline void on_error(png_structp png, png_const_charp message) {
  auto* buffer = static_cast<char*>(png_get_error_ptr(png));
  std::snprintf(buffer, 256, "%s", message ? message : "libpng error");
  png_longjmp(png, 1);
}

inline void on_warning(png_structp, png_const_charp) {}

// Plain data only between setjmp and libpng's longjmp.
[[gnu::noinline]] inline bool write_c(png_structp png, png_infop info, std::FILE* file,
                                      png_textp before, int before_count, png_textp after,
                                      int after_count, bool interlaced) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_init_io(png, file);
  png_set_IHDR(png, info, 2, 2, 8, PNG_COLOR_TYPE_RGB,
               interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  if (before_count > 0) png_set_text(png, info, before, before_count);
  png_write_info(png, info);
  static png_byte pixels[2][6] = {{255, 0, 0, 0, 255, 0}, {0, 0, 255, 255, 255, 255}};
  png_bytep rows[2] = {pixels[0], pixels[1]};
  png_set_interlace_handling(png);
  png_write_image(png, rows);
  if (after_count > 0) png_set_text(png, info, after, after_count);
  png_write_end(png, info);
  return true;
}

inline png_text to_png_text(const FixtureText& t) {
  png_text chunk{};
  chunk.compression = t.type == 'z'   ? PNG_TEXT_COMPRESSION_zTXt
                      : t.type == 'i' ? PNG_ITXT_COMPRESSION_NONE
                                      : PNG_TEXT_COMPRESSION_NONE;
  chunk.key = const_cast<char*>(t.keyword.c_str());
  chunk.text = const_cast<char*>(t.text.c_str());
  chunk.text_length = t.text.size();
  chunk.lang = nullptr;
  chunk.lang_key = nullptr;
  return chunk;
}

}  // namespace fixture_detail

/// Writes the PNG; returns "" or why it could not be written.
inline std::string write_png(const std::filesystem::path& path,
                             const std::vector<FixtureText>& texts, bool interlaced = false) {
  std::vector<png_text> before, after;
  for (const FixtureText& t : texts) {
    (t.after ? after : before).push_back(fixture_detail::to_png_text(t));
  }
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) return "cannot write " + path.string();
  char message[256] = "out of memory";
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, message,
                                            fixture_detail::on_error, fixture_detail::on_warning);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  const bool ok =
      png && info &&
      fixture_detail::write_c(png, info, file, before.data(), static_cast<int>(before.size()),
                              after.data(), static_cast<int>(after.size()), interlaced);
  if (png) png_destroy_write_struct(&png, info ? &info : nullptr);
  std::fclose(file);
  return ok ? std::string() : std::string(message);
}

}  // namespace promptport::migrate::testing
