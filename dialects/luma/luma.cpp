// Placeholder until the dialect lands (issue 4).
#include <memory>

#include "promptport/dialect.h"
#include "promptport/kit.h"

namespace promptport {
namespace {

class Stub final : public Dialect {
 public:
  std::string_view name() const override { return "luma"; }
  std::string_view summary() const override { return "(in progress)"; }
  Capabilities capabilities() const override { return {}; }
  double detect(std::string_view) const override { return 0; }
  Prompt parse(std::string_view text, const Options&, Diagnostics&) const override {
    Prompt ir;
    if (!text.empty()) ir.subject.push_back(Term{std::string(text), 1.0, std::nullopt, false});
    return ir;
  }
  Emitted emit(const Prompt& ir, const Options&, Diagnostics& diags) const override {
    Emitted out;
    for (const auto& t : ir.subject) out.prompt += t.text;
    kit::report_uncarried(ir, {"subject"}, "luma", diags);
    return out;
  }
};

}  // namespace

std::unique_ptr<Dialect> make_luma() { return std::make_unique<Stub>(); }

}  // namespace promptport
