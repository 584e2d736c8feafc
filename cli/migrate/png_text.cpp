// libpng leaves an error by longjmp, which must never skip a destructor: every libpng call
// that can fail runs in read_chunks(), whose frame holds only plain data; C++ objects are
// built before it starts and after it returns.
#include "png_text.h"

#include <png.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace promptport::migrate {

namespace {

constexpr const char* kTooMuch = "text chunks over the 16 MiB limit; the file is refused";

struct ReadContext {
  std::FILE* file = nullptr;
  png_structp png = nullptr;
  png_infop info = nullptr;
  png_bytep row = nullptr;
  char message[256] = {};
  // A chunk tracker over the bytes libpng reads: it sees each text chunk's header before
  // libpng stores the chunk, so the total can be refused while it is still small.
  unsigned char head[8] = {};
  unsigned head_got = 0;
  std::uint64_t chunk_left = 0;
};

[[noreturn]] void on_error(png_structp png, png_const_charp message) {
  auto* ctx = static_cast<ReadContext*>(png_get_error_ptr(png));
  std::snprintf(ctx->message, sizeof ctx->message, "%s", message ? message : "libpng error");
  png_longjmp(png, 1);
}

void on_warning(png_structp, png_const_charp) {}

bool is_text_chunk(const unsigned char* type) {
  return std::memcmp(type, "tEXt", 4) == 0 || std::memcmp(type, "zTXt", 4) == 0 ||
         std::memcmp(type, "iTXt", 4) == 0;
}

std::size_t stored_text_bytes(png_structp png, png_infop info) {
  png_textp text = nullptr;
  const int count = png_get_text(png, info, &text, nullptr);
  std::size_t total = 0;
  for (int i = 0; i < count; ++i) total += text[i].text_length + text[i].itxt_length;
  return total;
}

void track(ReadContext* ctx, const unsigned char* data, std::size_t length) {
  while (length > 0) {
    if (ctx->chunk_left > 0) {
      const std::size_t skip =
          ctx->chunk_left < length ? static_cast<std::size_t>(ctx->chunk_left) : length;
      ctx->chunk_left -= skip;
      data += skip;
      length -= skip;
      continue;
    }
    ctx->head[ctx->head_got++] = *data++;
    --length;
    if (ctx->head_got < 8) continue;
    ctx->head_got = 0;
    const std::uint32_t size = (std::uint32_t{ctx->head[0]} << 24) |
                               (std::uint32_t{ctx->head[1]} << 16) |
                               (std::uint32_t{ctx->head[2]} << 8) | std::uint32_t{ctx->head[3]};
    ctx->chunk_left = std::uint64_t{size} + 4;  // data and CRC
    if (is_text_chunk(ctx->head + 4) &&
        (size > kPngTextLimit || stored_text_bytes(ctx->png, ctx->info) > kPngTextLimit)) {
      png_error(ctx->png, kTooMuch);
    }
  }
}

void read_data(png_structp png, png_bytep data, std::size_t length) {
  auto* ctx = static_cast<ReadContext*>(png_get_io_ptr(png));
  if (std::fread(data, 1, length, ctx->file) != length) {
    png_error(png, std::ferror(ctx->file) ? "read error" : "the file ends early (truncated PNG)");
  }
  track(ctx, data, length);
}

bool has_keyword(png_structp png, png_infop info, const std::vector<std::string_view>& enough) {
  png_textp text = nullptr;
  const int count = png_get_text(png, info, &text, nullptr);
  for (int i = 0; i < count; ++i) {
    for (std::string_view keyword : enough) {
      if (text[i].key && keyword == text[i].key) return true;
    }
  }
  return false;
}

// Returns false with ctx->message set when libpng failed. Never inlined: the setjmp frame
// must stay free of C++ objects.
[[gnu::noinline]] bool read_chunks(ReadContext* ctx, const std::vector<std::string_view>* enough) {
  if (setjmp(png_jmpbuf(ctx->png))) return false;
  png_set_read_fn(ctx->png, ctx, read_data);
  png_set_sig_bytes(ctx->png, 8);
  png_set_chunk_malloc_max(ctx->png, kPngTextLimit + 1024);
  png_read_info(ctx->png, ctx->info);
  if (!enough->empty() && has_keyword(ctx->png, ctx->info, *enough)) return true;
  // Chunks after the image data come only after every row is decoded; one row buffer
  // keeps memory constant whatever the image size.
  const int passes = png_set_interlace_handling(ctx->png);
  png_read_update_info(ctx->png, ctx->info);
  const png_uint_32 height = png_get_image_height(ctx->png, ctx->info);
  ctx->row = static_cast<png_bytep>(png_malloc(ctx->png, png_get_rowbytes(ctx->png, ctx->info)));
  for (int pass = 0; pass < passes; ++pass) {
    for (png_uint_32 y = 0; y < height; ++y) png_read_row(ctx->png, ctx->row, nullptr);
  }
  png_read_end(ctx->png, ctx->info);
  return true;
}

bool utf8_sequence_at(std::string_view s, std::size_t i, std::size_t& length) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::uint32_t cp = 0;
  if (b >= 0xC2 && b <= 0xDF) {
    length = 2;
    cp = b & 0x1F;
  } else if (b >= 0xE0 && b <= 0xEF) {
    length = 3;
    cp = b & 0x0F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    length = 4;
    cp = b & 0x07;
  } else {
    return false;
  }
  if (i + length > s.size()) return false;
  for (std::size_t k = 1; k < length; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return false;
    cp = (cp << 6) | (c & 0x3F);
  }
  const std::uint32_t least = length == 3 ? 0x800 : length == 4 ? 0x10000 : 0x80;
  return cp >= least && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
}

bool is_multibyte_utf8(std::string_view s) {
  bool multibyte = false;
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    if (!utf8_sequence_at(s, i, length)) return false;
    multibyte = true;
    i += length;
  }
  return multibyte;
}

std::string as_utf8(const char* bytes, std::size_t length, bool latin1) {
  if (!bytes) return {};
  const std::string_view view(bytes, length);
  return latin1 ? latin1_to_utf8(view) : std::string(view);
}

}  // namespace

std::string latin1_to_utf8(std::string_view bytes) {
  if (is_multibyte_utf8(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size());
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out += c;
    } else {
      out += static_cast<char>(0xC0 | (b >> 6));
      out += static_cast<char>(0x80 | (b & 0x3F));
    }
  }
  return out;
}

std::string read_png_text(const std::filesystem::path& path, std::vector<PngText>& texts,
                          const std::vector<std::string_view>& enough) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return "cannot open " + path.string() + ": " + std::strerror(errno);
  unsigned char signature[8] = {};
  const std::size_t got = std::fread(signature, 1, sizeof signature, file);
  if (got != sizeof signature || png_sig_cmp(signature, 0, sizeof signature) != 0) {
    std::fclose(file);
    return "not a PNG file";
  }
  ReadContext ctx;
  ctx.file = file;
  ctx.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &ctx, on_error, on_warning);
  if (ctx.png) ctx.info = png_create_info_struct(ctx.png);
  std::string error;
  if (!ctx.png || !ctx.info) {
    error = "out of memory reading the PNG";
  } else if (!read_chunks(&ctx, &enough)) {
    error = ctx.message;
  }
  if (ctx.info && stored_text_bytes(ctx.png, ctx.info) > kPngTextLimit) error = kTooMuch;
  if (ctx.info && error != kTooMuch) {
    png_textp text = nullptr;
    const int count = png_get_text(ctx.png, ctx.info, &text, nullptr);
    for (int i = 0; i < count; ++i) {
      const bool itxt = text[i].compression == PNG_ITXT_COMPRESSION_NONE ||
                        text[i].compression == PNG_ITXT_COMPRESSION_zTXt;
      const std::size_t length = itxt ? text[i].itxt_length : text[i].text_length;
      PngText chunk;
      chunk.keyword = as_utf8(text[i].key, text[i].key ? std::strlen(text[i].key) : 0, true);
      chunk.text = as_utf8(text[i].text, length, !itxt);
      texts.push_back(std::move(chunk));
    }
  }
  if (ctx.row) png_free(ctx.png, ctx.row);
  if (ctx.png) png_destroy_read_struct(&ctx.png, ctx.info ? &ctx.info : nullptr, nullptr);
  std::fclose(file);
  return error;
}

}  // namespace promptport::migrate
