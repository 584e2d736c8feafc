// A minimal dialect for testing the core without any real platform.
#pragma once

#include <memory>
#include <string>

#include "promptport/dialect.h"
#include "promptport/kit.h"

namespace promptport::testing {

/// "plain": comma pieces become subject terms; `{a|b}` expands; "!" makes detect sure.
class PlainDialect : public Dialect {
 public:
  explicit PlainDialect(std::string name = "plain", std::string alias = "pl")
      : name_(std::move(name)), alias_(std::move(alias)) {}
  std::string_view name() const override { return name_; }
  std::vector<std::string_view> aliases() const override { return {alias_}; }
  std::string_view summary() const override { return "test dialect"; }
  Capabilities capabilities() const override { return {}; }
  std::vector<OptionSpec> options() const override { return {{"model", "a|b", "a", "test"}}; }
  double detect(std::string_view text) const override {
    return text.find(marker_()) != std::string_view::npos ? 0.9 : 0.1;
  }
  std::vector<std::string> expand(std::string_view text, Diagnostics& diags) const override {
    const auto open = text.find('{');
    const auto bar = text.find('|');
    const auto close = text.find('}');
    if (open == std::string_view::npos || bar == std::string_view::npos ||
        close == std::string_view::npos)
      return {std::string(text)};
    report(diags, Code::PermutationExpanded, Severity::Info, "expanded", "");
    const std::string head(text.substr(0, open)), tail(text.substr(close + 1));
    return {head + std::string(text.substr(open + 1, bar - open - 1)) + tail,
            head + std::string(text.substr(bar + 1, close - bar - 1)) + tail};
  }
  Prompt parse(std::string_view text, const Options&, Diagnostics&) const override {
    Prompt ir;
    for (const auto& piece : text::split_fragments(text))
      ir.subject.push_back(Term{std::string(piece.text), 1.0, piece.span});
    return ir;
  }
  Emitted emit(const Prompt& ir, const Options& options, Diagnostics& diags) const override {
    Emitted out;
    for (const auto& t : ir.subject) out.prompt += (out.prompt.empty() ? "" : ", ") + t.text;
    if (auto it = options.find("model"); it != options.end()) out.request["model"] = it->second;
    out.request["prompt"] = out.prompt;
    out.text = out.prompt;
    kit::report_uncarried(ir, {"subject"}, name_, diags);
    return out;
  }

 private:
  static std::string_view marker_() { return "!"; }
  std::string name_, alias_;
};

inline Registry plain_registry() {
  Registry r;
  r.add(std::make_unique<PlainDialect>("plain", "pl"));
  r.add(std::make_unique<PlainDialect>("other", "ot"));
  return r;
}

}  // namespace promptport::testing
