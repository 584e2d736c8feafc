// The Midjourney writer's state: one IR written as `[image URLs] text [--params]`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "midjourney_params.h"
#include "promptport/dialect.h"

namespace promptport::mj {

/// One positive term in writing order.
struct Item {
  std::string text;
  double weight = 1.0;
};

inline bool same_weight(double a, double b) { return (a > b ? a - b : b - a) <= 1e-9; }

/// Writes one IR; run() once. Text in midjourney_emit.cpp, parameters in
/// midjourney_emit_params.cpp.
class Writer {
 public:
  Writer(const Prompt& ir, const Options& options, Diagnostics& diags);
  Emitted run();

 private:
  static void append(std::string& out, std::string_view part);
  const nlohmann::json* ext(std::string_view key) const;
  void flag(std::string_view name, std::string_view value, bool url_value = false);
  std::vector<Item> items() const;
  std::string prompt_text();
  void approximated_weights();
  std::string parameters();
  void references(Target target);
  void aspect_ratio();
  void setting(const ParamSpec& spec, const nlohmann::json& value);
  void raw_from_flux();

  const Prompt& ir_;
  const Options& options_;
  Diagnostics& diags_;
  const nlohmann::json* ext_ = nullptr;
  bool from_mj_ = true, video_ = false;
  /// Negative weights are Midjourney's own (::-w); token-scale weights from Stable Diffusion
  /// ("(worst quality:1.4)") would sum below zero as segments, so those all go to --no.
  bool relative_negatives_ = true;
  bool in_no(const Term& t) const;
  bool keep_ = false;                          ///< -O legacy=keep: parameters as read
  std::optional<std::string> version_option_;  ///< -O version, when valid
  double version_ = kLatestVersion;            ///< whose ranges the written values must fit
  struct Written {
    std::string text;
    bool url_value;
  };
  std::vector<Written> params_;
  std::vector<std::string_view> carried_;
};

}  // namespace promptport::mj
