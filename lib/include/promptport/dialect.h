/// The Dialect interface: one platform's prompt language, read into and written from the IR.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "promptport/diagnostic.h"
#include "promptport/ir.h"

namespace promptport {

/// `-O key=value` settings given on the command line or by a program.
using Options = std::map<std::string, std::string, std::less<>>;

/// One option a dialect understands (listed by `promptport dialects NAME`).
struct OptionSpec {
  std::string name;           ///< "model"
  std::string values;         ///< "dev|pro|ultra", or a description such as "integer"
  std::string default_value;  ///< "" when none
  std::string help;
};

/// What a term's `weight` means on a platform (DESIGN.md "Weighting syntaxes"). Writers
/// convert a source's weights into their own model with kit::convert_weight.
enum class WeightModel {
  None,      ///< no weight syntax (Flux, video platforms): every weight is 1
  Relative,  ///< separately encoded segments blended by relative weight (Midjourney ::w)
  Scale,     ///< token-embedding multipliers, 1.0 neutral (A1111, ComfyUI, compel, NovelAI)
};
std::string_view to_string(WeightModel model);

/// What a platform can express; emitters fit the IR to it and report the rest.
struct Capabilities {
  bool negative_prompt = false;
  bool weights = false;
  WeightModel weight_model = WeightModel::None;
  bool camera_control = false;  ///< structured camera settings, not just words
  bool audio = false;
  bool video = false;
  bool references = false;
  std::size_t max_prompt_chars = 0;        ///< 0: no documented limit
  std::size_t max_prompt_tokens = 0;       ///< 0: no documented limit
  std::vector<std::string> aspect_ratios;  ///< empty: any ratio
  std::vector<double> durations_s;         ///< empty: not applicable or any
};

/// The result of emitting one prompt for a platform.
struct Emitted {
  std::string prompt;           ///< what goes into the platform's prompt box, one line
  std::string negative_prompt;  ///< "" when none or not supported
  nlohmann::json request = nlohmann::json::object();  ///< the API body, real field names
  std::string text;  ///< paste-ready for a person: prompt, then labelled lines (--format text)
};

/// A platform's prompt language. parse/emit never throw on user text: problems, drops and
/// approximations are reported in `diags`. Implementations are immutable and thread-safe.
class Dialect {
 public:
  virtual ~Dialect() = default;
  virtual std::string_view name() const = 0;  ///< stable CLI id: "midjourney"
  virtual std::vector<std::string_view> aliases() const { return {}; }
  virtual std::string_view summary() const = 0;  ///< one line for `promptport dialects`
  virtual Capabilities capabilities() const = 0;
  virtual std::vector<OptionSpec> options() const { return {}; }

  /// Splits one source record into the records it stands for (Midjourney permutations
  /// `{a, b}`). The default returns the text unchanged.
  virtual std::vector<std::string> expand(std::string_view text, Diagnostics& diags) const;

  /// How likely `text` is written for this platform, 0 (surely not) to 1 (surely).
  virtual double detect(std::string_view text) const = 0;

  /// Reads one record (already expanded). `text` may be this dialect's `text` format
  /// (labelled lines such as "Negative prompt: ...").
  virtual Prompt parse(std::string_view text, const Options& options, Diagnostics& diags) const = 0;

  /// Writes the IR for this platform. Every IR field it cannot carry is named by a diagnostic.
  virtual Emitted emit(const Prompt& ir, const Options& options, Diagnostics& diags) const = 0;
};

/// The set of known dialects, looked up by name or alias.
class Registry {
 public:
  /// Adds a dialect; a duplicate name or alias is a programming error (std::logic_error).
  void add(std::unique_ptr<Dialect> dialect);
  /// nullptr if unknown. Case-insensitive on ASCII.
  const Dialect* find(std::string_view name_or_alias) const;
  /// In registration order.
  std::vector<const Dialect*> all() const;
  /// The closest known name or alias within a small edit distance, or "" ("did you mean").
  std::string suggest(std::string_view unknown) const;

 private:
  std::vector<std::unique_ptr<Dialect>> dialects_;
};

/// Every built-in platform (defined in dialects/builtin.cpp).
const Registry& builtin_registry();

}  // namespace promptport
