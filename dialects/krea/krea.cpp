// The Krea dialect: Krea's API proxies other platforms' models and has no prompt syntax of
// its own, so `-O model=` picks the dialect that reads and writes the prompt (default Flux)
// and the request names the Krea endpoint of that model.
#include <memory>

#include "krea/krea_internal.h"
#include "promptport/dialect.h"

namespace promptport {
namespace {

class Krea final : public Dialect {
 public:
  std::string_view name() const override { return "krea"; }
  std::string_view summary() const override {
    return "Krea API (api.krea.ai): a proxy with no prompt syntax of its own; -O model= picks "
           "the underlying dialect (default flux) that reads and writes the prompt; the request "
           "is that dialect's body under Krea's endpoint";
  }

  // What the default model (Flux) can express; another -O model= has its own (see
  // `promptport dialects <model>`). Looked up when asked, never while the registry is built.
  Capabilities capabilities() const override {
    const Dialect* d = builtin_registry().find(krea::kDefaultModel);
    return d ? d->capabilities() : Capabilities{};
  }

  std::vector<OptionSpec> options() const override {
    return {{"model", krea::model_values(), std::string(krea::kDefaultModel),
             "the underlying dialect that reads and writes the prompt (Krea has no syntax of "
             "its own); the request is {endpoint, body}: its body under Krea's endpoint for "
             "that model. Other -O options go to that dialect"}};
  }

  // A Krea prompt is its model's prompt: it cannot be told apart from it.
  double detect(std::string_view) const override { return 0; }

  Prompt parse(std::string_view text, const Options& options, Diagnostics& diags) const override {
    const krea::Resolved r = krea::resolve(options, diags);
    if (!r.dialect) return missing(text, diags);
    return r.dialect->parse(text, krea::underlying_options(options), diags);
  }

  Emitted emit(const Prompt& ir, const Options& options, Diagnostics& diags) const override {
    const krea::Resolved r = krea::resolve(options, diags);
    if (!r.dialect) {
      missing("", diags);
      return {};
    }
    Emitted out = r.dialect->emit(ir, krea::underlying_options(options), diags);
    nlohmann::json body = std::move(out.request);
    out.request = nlohmann::json::object();
    out.request["endpoint"] = r.model->endpoint;
    out.request["body"] = std::move(body);
    return out;
  }

 private:
  // Only a registry without Flux gets here (never the built-in one): the text is kept.
  static Prompt missing(std::string_view text, Diagnostics& diags) {
    report(diags, Code::InvalidInput, Severity::Error,
           "Krea needs the flux dialect, which this registry lacks; the text is passed through");
    Prompt ir;
    if (!text.empty())
      ir.subject.push_back(
          Term{std::string(text), 1.0, Span{0, static_cast<std::uint32_t>(text.size())}});
    return ir;
  }
};

}  // namespace

std::unique_ptr<Dialect> make_krea() { return std::make_unique<Krea>(); }

}  // namespace promptport
