// The Hailuo dialect (MiniMax video API): prose with bracket camera commands, no negative,
// no seed, prompt_optimizer off, duration and resolution fitted to the model.
#include <memory>

#include "hailuo/hailuo_internal.h"
#include "promptport/dialect.h"

namespace promptport {
namespace {

class Hailuo final : public Dialect {
 public:
  std::string_view name() const override { return "hailuo"; }
  std::vector<std::string_view> aliases() const override { return {"minimax"}; }
  std::string_view summary() const override {
    return "MiniMax Hailuo video API: prose with bracket camera commands ([Pan left,Pedestal "
           "up]), prompt_optimizer off, duration 6/10, resolution 768P/1080P; no negative";
  }

  Capabilities capabilities() const override {
    Capabilities c;
    c.camera_control = true;
    c.video = true;
    c.max_prompt_chars = hailuo::kMaxPromptChars;
    c.aspect_ratios = {"16:9"};
    c.durations_s = {6, 10};
    return c;
  }

  std::vector<OptionSpec> options() const override {
    std::string names;
    for (const auto& m : hailuo::models())
      names += (names.empty() ? "" : "|") + std::string(m.name);
    return {{"model", names, std::string(hailuo::default_model().name),
             "the request's model: Hailuo-02 and 2.3 take 768P/1080P and 6/10 s (10 s at 768P "
             "only); the 01 models 720P and 6 s"},
            {"resolution", "720P|768P|1080P", "768P (720P for the 01 models)",
             "the request's resolution; wins over a Resolution line of the source"}};
  }

  double detect(std::string_view text) const override { return hailuo::detect(text); }

  Prompt parse(std::string_view text, const Options&, Diagnostics& diags) const override {
    return hailuo::read(text, diags);
  }

  Emitted emit(const Prompt& ir, const Options& options, Diagnostics& diags) const override {
    return hailuo::write(ir, options, diags);
  }
};

}  // namespace

std::unique_ptr<Dialect> make_hailuo() { return std::make_unique<Hailuo>(); }

}  // namespace promptport
