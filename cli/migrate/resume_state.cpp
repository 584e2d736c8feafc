// ResumeState: an append-only JSON Lines log of finished inputs.
#include "resume_state.h"

#include <fstream>
#include <system_error>

#include "block_reader.h"

namespace promptport::migrate {

namespace fs = std::filesystem;

namespace {

// FNV-1a: stable across builds and platforms, unlike std::hash.
void mix(std::uint64_t& h, std::string_view bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  h ^= 0xff;
  h *= 1099511628211ull;
}

}  // namespace

std::string ResumeState::open(const fs::path& out, bool resume) {
  path_ = out / ".promptport-migrate.jsonl";
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) return "cannot create folder " + out.string() + ": " + ec.message();
  if (resume && fs::exists(path_, ec)) {
    RawLineReader lines;
    if (lines.open(path_.string()).empty()) {
      std::string_view line;
      while (lines.next(line)) {
        nlohmann::json row = nlohmann::json::parse(line, nullptr, false);
        if (!row.is_object() || !row.contains("input") || !row.contains("signature")) continue;
        if (!row["input"].is_string() || !row["signature"].is_string()) continue;
        done_[row["input"].get<std::string>()] = row["signature"].get<std::string>();
      }
    }
    return {};
  }
  std::ofstream truncate(path_, std::ios::trunc);
  if (!truncate) return "cannot write " + path_.string();
  return {};
}

bool ResumeState::finished(const std::string& key, const std::string& signature) const {
  auto it = done_.find(key);
  return it != done_.end() && it->second == signature;
}

void ResumeState::mark(const std::string& key, const std::string& signature) {
  std::string line;
  line += "{\"input\":";
  append_json_string(line, key);
  line += ",\"signature\":";
  append_json_string(line, signature);
  line += "}\n";
  std::ofstream out(path_, std::ios::app | std::ios::binary);
  out << line;
  done_[key] = signature;
}

std::string input_signature(const Input& input, const std::string& settings_key) {
  std::uint64_t h = 14695981039346656037ull;
  mix(h, settings_key);
  mix(h, to_string(input.format));
  for (const fs::path& file : input.files) {
    std::error_code ec;
    mix(h, file.string());
    mix(h, std::to_string(fs::file_size(file, ec)));
    const auto time = fs::last_write_time(file, ec);
    mix(h, std::to_string(time.time_since_epoch().count()));
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

}  // namespace promptport::migrate
