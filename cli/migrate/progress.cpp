// Progress: files, records, rate and an ETA from the bytes of finished inputs.
#include "progress.h"

#include <fmt/format.h>
#include <unistd.h>

namespace promptport::migrate {

std::string with_commas(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

Progress::Progress(bool enabled, std::size_t files, std::uint64_t bytes)
    : enabled_(enabled),
      files_(files),
      bytes_(bytes),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void Progress::update(std::size_t files_done, std::size_t records, std::uint64_t bytes_done) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(records) / elapsed : 0;
  std::string eta = "--:--";
  if (bytes_done > 0 && bytes_ > bytes_done) {
    const auto left = static_cast<long>(elapsed * static_cast<double>(bytes_ - bytes_done) /
                                        static_cast<double>(bytes_done));
    eta = fmt::format("{}:{:02}", left / 60, left % 60);
  }
  const int percent =
      bytes_ > 0
          ? static_cast<int>(100.0 * static_cast<double>(bytes_done) / static_cast<double>(bytes_))
          : 0;
  std::string line = fmt::format("\r\x1b[Kmigrate: files {}/{} · records {} · {}/s · {}% · ETA {}",
                                 files_done, files_, with_commas(records),
                                 with_commas(static_cast<std::uint64_t>(rate)), percent, eta);
  ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
  (void)ignored;
  drawn_ = true;
}

void Progress::finish() {
  if (!drawn_) return;
  constexpr std::string_view kClear = "\r\x1b[K";
  ssize_t ignored = ::write(STDERR_FILENO, kClear.data(), kClear.size());
  (void)ignored;
  drawn_ = false;
}

}  // namespace promptport::migrate
