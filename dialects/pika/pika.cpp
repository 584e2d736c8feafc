// The Pika dialect: prose with the Discord bot's single-dash inline flags, one camera type
// per prompt; the request is the Pika 2.x API body.
#include <memory>

#include "pika/pika_internal.h"
#include "promptport/dialect.h"

namespace promptport {
namespace {

class Pika final : public Dialect {
 public:
  std::string_view name() const override { return "pika"; }
  std::string_view summary() const override {
    return "Pika: prose with single-dash flags (-ar 16:9 -neg \"…\" -motion 2 -camera pan left "
           "-gs 12 -fps 24 -seed 7), one camera type; request for the Pika 2.x API";
  }

  Capabilities capabilities() const override {
    Capabilities c;
    c.negative_prompt = true;
    c.camera_control = true;
    c.video = true;
    c.aspect_ratios = pika::ratios();
    c.durations_s = pika::durations();
    return c;
  }

  std::vector<OptionSpec> options() const override {
    return {{"resolution", "720p|1080p", "720p",
             "the request's resolution; wins over a Resolution line of the source"}};
  }

  double detect(std::string_view text) const override { return pika::detect(text); }

  Prompt parse(std::string_view text, const Options&, Diagnostics& diags) const override {
    return pika::read(text, diags);
  }

  Emitted emit(const Prompt& ir, const Options& options, Diagnostics& diags) const override {
    return pika::write(ir, options, diags);
  }
};

}  // namespace

std::unique_ptr<Dialect> make_pika() { return std::make_unique<Pika>(); }

}  // namespace promptport
