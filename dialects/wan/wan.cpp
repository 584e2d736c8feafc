// The Wan dialect (Alibaba Wan 2.1 / 2.2 open weights, run with the official generate.py):
// camera-first prose in Chinese or English, `*` sizes, 81 frames at 16 fps, and the official
// Chinese default negative prompt.
#include <fmt/format.h>

#include <memory>

#include "promptport/dialect.h"
#include "promptport/text.h"
#include "wan/wan_internal.h"

namespace promptport {
namespace wan {

std::string Size::text() const { return fmt::format("{}*{}", width, height); }

const std::vector<std::string_view>& tasks() {
  static const std::vector<std::string_view> kTasks{"t2v-14B", "t2v-1.3B", "t2v-A14B"};
  return kTasks;
}

bool known_task(std::string_view task) {
  for (const auto t : tasks())
    if (t == task) return true;
  return false;
}

std::vector<Size> sizes(std::string_view task) {
  if (task == "t2v-1.3B") return {{832, 480}, {480, 832}};
  return {{1280, 720}, {720, 1280}, {832, 480}, {480, 832}};
}

std::optional<Size> parse_size(std::string_view value) {
  value = text::trim(value);
  std::size_t sep = value.find('*');
  if (sep == std::string_view::npos) sep = value.find('x');
  if (sep == std::string_view::npos) return std::nullopt;
  const auto w = text::parse_int(text::trim(value.substr(0, sep)));
  const auto h = text::parse_int(text::trim(value.substr(sep + 1)));
  if (!w || !h || *w <= 0 || *h <= 0 || *w > 100000 || *h > 100000) return std::nullopt;
  return Size{static_cast<int>(*w), static_cast<int>(*h)};
}

Settings settings(const Options& options, Diagnostics& diags) {
  Settings s;
  auto invalid = [&](const std::string& key, const std::string& value, std::string_view want,
                     std::string_view fallback) {
    report(diags, Code::InvalidValue, Severity::Warning,
           fmt::format("unknown Wan {} '{}' ({}); using {}", key, value, want, fallback), key);
  };
  auto on_off = [&](std::string_view key, bool& out) {
    const auto it = options.find(key);
    if (it == options.end()) return;
    const std::string v = text::lower_ascii(text::trim(it->second));
    if (v == "on" || v == "true" || v == "yes")
      out = true;
    else if (v == "off" || v == "false" || v == "no")
      out = false;
    else
      invalid(std::string(key), it->second, "on or off", "off");
  };
  on_off("default-negative", s.default_negative);
  on_off("keep-default-negative", s.keep_default_negative);
  if (const auto it = options.find("task"); it != options.end()) {
    const std::string_view t = text::trim(it->second);
    if (known_task(t)) {
      s.task = std::string(t);
      s.task_given = true;
    } else {
      invalid("task", it->second, "t2v-14B, t2v-1.3B or t2v-A14B", kDefaultTask);
    }
  }
  if (const auto it = options.find("resolution"); it != options.end()) {
    const std::string r = text::lower_ascii(text::trim(it->second));
    if (r == "720p" || r == "480p")
      s.resolution = r;
    else
      invalid("resolution", it->second, "720p or 480p", "720p");
  }
  return s;
}

}  // namespace wan

namespace {

class Wan final : public Dialect {
 public:
  std::string_view name() const override { return "wan"; }
  std::string_view summary() const override {
    return "Alibaba Wan 2.1/2.2 open weights (generate.py): camera-first prose in Chinese or "
           "English, size 1280*720 …, 81 frames at 16 fps, the official Chinese default "
           "negative prompt (-O default-negative=on)";
  }

  Capabilities capabilities() const override {
    Capabilities c;
    c.negative_prompt = true;
    c.video = true;
    c.max_prompt_tokens = wan::kTextLen;
    c.aspect_ratios = {"16:9", "9:16"};
    return c;
  }

  std::vector<OptionSpec> options() const override {
    return {{"task", "t2v-14B|t2v-1.3B|t2v-A14B", std::string(wan::kDefaultTask),
             "generate.py --task: Wan 2.1 14B or 1.3B (480p sizes only), or Wan 2.2 A14B"},
            {"resolution", "720p|480p", "720p",
             "the size tier: 1280*720 / 720*1280 or 832*480 / 480*832 (t2v-1.3B: 480p only)"},
            {"default-negative", "on|off", "off",
             "write the official Chinese default negative prompt (sample_neg_prompt) into the "
             "negative prompt, before any other negative terms"},
            {"keep-default-negative", "on|off", "off",
             "reading Wan: keep a default negative prompt found in the source as 28 plain "
             "negative terms, so other platforms carry it word for word"}};
  }

  double detect(std::string_view text) const override { return wan::detect(text); }

  // The reader uses keep-default-negative only, the writer the other options: each reports
  // the bad values of its own options, so a bad value is said once.
  Prompt parse(std::string_view text, const Options& options, Diagnostics& diags) const override {
    const wan::Settings s = settings(options, diags, true);
    return wan::read(text, s, diags);
  }

  Emitted emit(const Prompt& ir, const Options& options, Diagnostics& diags) const override {
    const wan::Settings s = settings(options, diags, false);
    return wan::write(ir, s, diags);
  }

 private:
  static wan::Settings settings(const Options& options, Diagnostics& diags, bool reader) {
    Diagnostics own;
    wan::Settings s = wan::settings(options, own);
    for (auto& d : own)
      if ((d.field == "keep-default-negative") == reader) diags.push_back(std::move(d));
    return s;
  }
};

}  // namespace

std::unique_ptr<Dialect> make_wan() { return std::make_unique<Wan>(); }

}  // namespace promptport
