// Images: the prompt an image was made with is in its text chunks (A1111's `parameters`
// infotext, or ComfyUI's `prompt` graph). An image cannot hold the translation, so each
// folder gets one JSON Lines manifest, a row per image, and the images are never touched.
#include <string_view>

#include "comfy_graph.h"
#include "formats.h"
#include "png_text.h"

namespace promptport::migrate {

namespace {

// Which chunk a row was read from, kept in Item::tag for render().
enum ChunkTag : std::size_t { kNoChunk = 0, kParameters = 1, kComfyPrompt = 2 };

constexpr std::string_view kManifest = "png-manifest.jsonl";

const PngText* find_chunk(const std::vector<PngText>& texts, std::string_view keyword) {
  for (const PngText& t : texts) {
    if (t.keyword == keyword) return &t;
  }
  return nullptr;
}

bool looks_like_json_object(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{';
}

void fail(Item& item, std::string message) {
  item.kind = Item::Kind::Failed;
  report(item.input_diags, Code::InvalidInput, Severity::Error, std::move(message));
}

class PngFormat final : public FormatFile {
 public:
  explicit PngFormat(const Settings& settings) : settings_(settings) {
    // An image's prompt cannot be replaced in place: --replace writes the usual row.
    settings_.replace = false;
  }

  std::string open(const Input& input) override {
    input_ = input;
    if (input_.files.empty()) return "no PNG files in " + input_.relative.string();
    return {};
  }

  std::vector<std::filesystem::path> outputs(const std::filesystem::path& mirrored) const override {
    return {mirrored / kManifest};
  }

  bool read(Batch& batch, std::size_t max_records) override {
    for (std::size_t n = 0; n < max_records && next_ < input_.files.size(); ++n) {
      batch.items.push_back(read_image(input_.files[next_++]));
    }
    return !batch.items.empty();
  }

  void render(Batch& batch) const override {
    batch.out.resize(1);
    for (const Item& item : batch.items) append_row(batch.out[0], item);
  }

 private:
  Item read_image(const std::filesystem::path& path) {
    Item item;
    item.record = ++record_count_;
    item.label = (input_.relative / path.filename()).generic_string();
    std::vector<PngText> texts;
    const std::string error = read_png_text(path, texts, {"parameters", "prompt"});
    const PngText* chunk = find_chunk(texts, "parameters");
    item.tag = kParameters;
    if (!chunk) {
      chunk = find_chunk(texts, "prompt");
      item.tag = kComfyPrompt;
    }
    if (!chunk) {
      item.tag = kNoChunk;
      fail(item, !error.empty() ? error
                                : "no prompt metadata (no 'parameters' or ComfyUI 'prompt' text "
                                  "chunk)");
      return item;
    }
    item.kind = Item::Kind::Record;
    if (item.tag == kParameters) {
      item.prompt = chunk->text;
      item.from = "sd";
    } else if (looks_like_json_object(chunk->text)) {
      ComfyGraphText graph = comfy_graph_text(chunk->text);
      if (!graph.error.empty()) {
        fail(item, std::move(graph.error));
        return item;
      }
      item.prompt = std::move(graph.text);
      item.from = "comfyui";
      for (std::string& note : graph.notes) {
        report(item.input_diags, Code::InvalidInput, Severity::Info, std::move(note));
      }
    } else {
      // Some tools write the bare prompt under `prompt`; its dialect is the --from value.
      item.prompt = chunk->text;
    }
    if (!error.empty()) {
      // The metadata came before the damage, and the image itself is not ours to check.
      report(item.input_diags, Code::InvalidInput, Severity::Info,
             "the PNG is damaged after its metadata (" + error + ")");
    }
    return item;
  }

  void append_row(std::string& out, const Item& item) const {
    out += "{\"file\":";
    append_json_string(out, item.label);
    out += ",\"chunk\":";
    out += item.tag == kParameters    ? "\"parameters\""
           : item.tag == kComfyPrompt ? "\"prompt\""
                                      : "null";
    out += ",\"source\":";
    if (item.kind == Item::Kind::Record) {
      append_json_string(out, item.source_text());
      append_added_json_members(out, settings_, item);
    } else {
      out += "null";
      for (const Diagnostic& d : item.input_diags) {
        if (d.severity != Severity::Error) continue;
        out += ",\"error\":";
        append_json_string(out, d.message);
        break;
      }
    }
    out += "}\n";
  }

  Settings settings_;
  Input input_;
  std::size_t next_ = 0;
  std::size_t record_count_ = 0;
};

}  // namespace

std::unique_ptr<FormatFile> make_png_format(const Settings& settings) {
  return std::make_unique<PngFormat>(settings);
}

}  // namespace promptport::migrate
