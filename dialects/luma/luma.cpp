// The Luma dialect (Dream Machine / Ray 2 API): prose plus camera concept keys, loop,
// resolution, 5s/9s; no negative prompt, no seed, no audio.
#include <memory>

#include "common/video.h"
#include "luma/luma_internal.h"
#include "promptport/dialect.h"
#include "promptport/kit.h"

namespace promptport {
namespace {

class Luma final : public Dialect {
 public:
  std::string_view name() const override { return "luma"; }
  std::string_view summary() const override {
    return "Luma Dream Machine (Ray 2) API: prose plus camera concepts, loop, resolution, 5s/9s";
  }

  Capabilities capabilities() const override {
    Capabilities c;
    c.video = true;
    c.weight_model = WeightModel::None;
    c.aspect_ratios = {"1:1", "16:9", "9:16", "4:3", "3:4", "21:9", "9:21"};
    c.durations_s = {5, 9};
    return c;
  }

  std::vector<OptionSpec> options() const override {
    return {{"model", "model name", "ray-2", "API model (ray-2, ray-flash-2, ...); not checked"},
            {"resolution", "540p|720p|1080p|4k", "720p",
             "output resolution; wins over a Resolution line of the source"}};
  }

  double detect(std::string_view text) const override { return luma::detect(text); }

  Prompt parse(std::string_view text, const Options&, Diagnostics& diags) const override {
    return luma::read(text, diags);
  }

  Emitted emit(const Prompt& ir, const Options& options, Diagnostics& diags) const override {
    Emitted out;
    out.prompt = luma::write_prompt(ir, diags);
    std::vector<std::string_view> carried{"subject", "style", "camera", "motion"};
    const luma::Lines lines = luma::write_request(ir, options, out, carried, diags);
    out.text = kit::compose_text(out.prompt, lines);
    video::note_no_motion(ir, "Luma", diags);
    kit::report_uncarried(ir, carried, "Luma", diags);
    return out;
  }
};

}  // namespace

std::unique_ptr<Dialect> make_luma() { return std::make_unique<Luma>(); }

}  // namespace promptport
