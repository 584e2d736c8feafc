// What the Hailuo dialect's files share: the fifteen bracket camera commands, the bracket
// scanner, the platform's models and limits, the reader and the writer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "promptport/dialect.h"

namespace promptport::hailuo {

constexpr std::size_t kMaxPromptChars = 2000;
constexpr std::size_t kMaxMovesPerBracket = 3;

/// The canonical move of a camera command ("Pan left" -> "pan-left", any case, spaces
/// squeezed); nullopt when `words` is not one of the fifteen.
std::optional<std::string_view> command_move(std::string_view words);

/// The command of a canonical move ("dolly-in" -> "Push in"); "" when Hailuo has none.
std::string_view move_command(std::string_view move);

/// One `[...]` of a prompt.
struct Bracket {
  Span span;  ///< the whole bracket, `[` and `]` included
  struct Item {
    std::string_view text;  ///< trimmed
    Span span;
    std::optional<std::string_view> move;  ///< canonical move when the item is a command
  };
  std::vector<Item> items;  ///< the comma-separated pieces (empty ones left out)
  /// Every item is a command (and there is at least one): the bracket is a camera command.
  bool command() const;
};

/// The scan of a prompt's square brackets: closed ones, and positions of `[` never closed
/// (another `[` or the end came first) and of `]` never opened. Spans are offsets in the
/// record (`base` is added).
struct Scan {
  std::vector<Bracket> brackets;
  std::vector<std::uint32_t> unclosed;
  std::vector<std::uint32_t> unopened;
};
Scan scan(std::string_view text, std::uint32_t base = 0);

/// How likely `text` is a Hailuo prompt (its camera commands).
double detect(std::string_view text);

/// Models the writer knows and what each allows.
struct Model {
  std::string_view name;                      ///< the request's `model`
  std::vector<std::string_view> resolutions;  ///< first = default
  std::vector<double> durations;              ///< first = default
};
const std::vector<Model>& models();
const Model& default_model();

/// Reads one record: the prompt (prose with bracket commands), then the labelled lines
/// (Negative prompt, Aspect ratio, Duration, Seed, Camera, Resolution).
Prompt read(std::string_view text, Diagnostics& diags);

/// A resolution in Hailuo's spelling ("768p" -> "768P"), or nullopt when not one of
/// 512P, 720P, 768P, 1080P.
std::optional<std::string> resolution(std::string_view value);

/// The prompt: the scene with its bracket commands, the style, a camera sentence for the
/// camera words and moves no command says. Reports what it changes.
std::string write_prompt(const Prompt& ir, Diagnostics& diags);

/// The whole emission: prompt, request (POST /v1/video_generation) and text.
Emitted write(const Prompt& ir, const Options& options, Diagnostics& diags);

}  // namespace promptport::hailuo
