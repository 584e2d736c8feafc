// The Midjourney dialect: inline --parameters, ::weights, --no, {a, b} permutations, references.
#include <memory>

#include "midjourney_internal.h"
#include "midjourney_params.h"
#include "promptport/dialect.h"

namespace promptport {
namespace {

class Midjourney final : public Dialect {
 public:
  std::string_view name() const override { return "midjourney"; }
  std::vector<std::string_view> aliases() const override { return {"mj", "niji"}; }
  std::string_view summary() const override {
    return "Midjourney v1-v7 and niji: --parameters, ::weights, --no, {a, b} permutations, "
           "image/style/character/omni references, video flags";
  }

  Capabilities capabilities() const override {
    Capabilities c;
    c.negative_prompt = true;  // --no, or a negative ::weight
    c.weights = true;
    c.weight_model = WeightModel::Relative;
    c.references = true;
    return c;
  }

  std::vector<OptionSpec> options() const override {
    return {
        {"version", std::string(mj::kVersions), "",
         "write --v N (by default only when the prompt had a version); when reading, the "
         "version whose ranges apply if the prompt names none"},
        {"legacy", "drop|keep", "drop",
         "drop: write what current Midjourney takes (retired 2022 parameters dropped, pixel "
         "sizes as --ar, out-of-range values snapped into range, malformed ones dropped, each "
         "reported); keep: write every parameter back as it was read (archives)"},
    };
  }

  std::vector<std::string> expand(std::string_view text, Diagnostics& diags) const override {
    return mj::expand_permutations(text, diags);
  }

  double detect(std::string_view text) const override { return mj::detect_score(text); }

  Prompt parse(std::string_view text, const Options& options, Diagnostics& diags) const override {
    return mj::parse_prompt(text, options, diags);
  }

  Emitted emit(const Prompt& ir, const Options& options, Diagnostics& diags) const override {
    return mj::emit_prompt(ir, options, diags);
  }
};

}  // namespace

std::unique_ptr<Dialect> make_midjourney() { return std::make_unique<Midjourney>(); }

}  // namespace promptport
