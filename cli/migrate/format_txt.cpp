// Plain text libraries: one prompt a line. Blank and '#' lines stay where they are.
//
// A text file has nowhere to put a request or diagnostics, so each target gets two files:
// NAME.<dialect>.txt, line-aligned with the input (what a person pastes), and
// NAME.<dialect>.jsonl, one JSON row per prompt with everything else (nothing lost).
#include <algorithm>

#include "block_reader.h"
#include "formats.h"

namespace promptport::migrate {

namespace {

bool is_blank_or_comment(std::string_view content) {
  const auto first = std::find_if_not(content.begin(), content.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
  });
  return first == content.end() || *first == '#';
}

std::string_view line_end(std::string_view raw) { return raw.substr(strip_line_end(raw).size()); }

// A writer's prompt is one line by contract; a stray line break must not shift the
// alignment of every later line.
void append_one_line(std::string& out, std::string_view prompt) {
  for (char c : prompt) out += (c == '\n' || c == '\r') ? ' ' : c;
}

class TxtFormat final : public FormatFile {
 public:
  explicit TxtFormat(const Settings& settings) : settings_(settings) {}

  std::string open(const Input& input) override { return lines_.open(input.files.at(0)); }

  std::vector<std::filesystem::path> outputs(const std::filesystem::path& mirrored) const override {
    std::vector<std::filesystem::path> paths;
    const std::string stem = mirrored.stem().string();
    for (const Target& target : settings_.targets) {
      paths.push_back(mirrored.parent_path() / (stem + "." + target.name + ".txt"));
      paths.push_back(mirrored.parent_path() / (stem + "." + target.name + ".jsonl"));
    }
    return paths;
  }

  bool read(Batch& batch, std::size_t max_records) override {
    std::size_t records = 0;
    std::string_view raw;
    while (records < max_records && lines_.next(raw)) {
      Item item;
      item.raw = std::string(raw);
      item.line = lines_.line_number();
      const std::string_view content = strip_line_end(raw);
      if (!is_blank_or_comment(content)) {
        item.kind = Item::Kind::Record;
        item.prompt = std::string(content);
        item.record = ++record_count_;
        ++records;
      }
      batch.items.push_back(std::move(item));
    }
    return !batch.items.empty();
  }

  void render(Batch& batch) const override {
    batch.out.resize(settings_.targets.size() * 2);
    for (const Item& item : batch.items) {
      for (std::size_t t = 0; t < settings_.targets.size(); ++t) {
        std::string& text = batch.out[2 * t];
        if (item.kind != Item::Kind::Record || item.results.size() <= t) {
          text += item.raw;
          continue;
        }
        const TargetResult& result = item.results[t];
        const std::string_view end = line_end(item.raw);
        for (std::size_t i = 0; i < result.prompts.size(); ++i) {
          append_one_line(text, result.prompts[i]);
          // Combinations of one permutation each get a line; only the last keeps the
          // source's own line end (none at the end of a file without a final newline).
          text +=
              i + 1 < result.prompts.size() ? (end.empty() ? std::string_view("\n") : end) : end;
        }
        append_row(batch.out[2 * t + 1], item, result);
      }
    }
  }

  std::string error() const override { return lines_.error(); }

 private:
  static void append_row(std::string& out, const Item& item, const TargetResult& result) {
    out += "{\"line\":";
    out += std::to_string(item.line);
    out += ",\"source\":";
    append_json_string(out, item.prompt);
    out += ",\"prompt\":";
    append_json_string(out, result.prompt);
    out += ",\"negative_prompt\":";
    append_json_string(out, result.negative_prompt);
    out += ",\"request\":";
    append_json(out, result.request);
    out += ",\"diagnostics\":";
    append_json(out, diagnostics_json(result.diags));
    out += ",\"lossless\":";
    out += result.lossless ? "true" : "false";
    out += "}\n";
  }

  const Settings& settings_;
  RawLineReader lines_;
  std::size_t record_count_ = 0;
};

}  // namespace

std::unique_ptr<FormatFile> make_txt_format(const Settings& settings) {
  return std::make_unique<TxtFormat>(settings);
}

}  // namespace promptport::migrate
