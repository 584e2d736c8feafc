// Shared declarations of the invokeai (compel) dialect: the syntax reader, placement, writer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "promptport/dialect.h"
#include "promptport/ir.h"

namespace promptport::invokeai {

/// A span of read prompt text with its effective weight. `text` has escapes resolved, so
/// it is shorter than its source when anything was dropped (`span` covers the source).
struct Run {
  std::string text;
  double weight = 1.0;
  Span span;
};

/// What the compel reader produces, in source order.
struct Piece {
  enum class Kind {
    Text,            ///< ordinary runs
    Swap,            ///< `cat.swap(dog)`: one run holding the replacement, kept apart
    Cut,             ///< a boundary between the prompts of a .blend()/.and()
    ConstructBegin,  ///< `("a", "b").blend(1, 0.8)` starts; `syntax` holds it verbatim
    ConstructEnd,
  };
  Kind kind = Kind::Text;
  Run run;             ///< Text, Swap
  std::string syntax;  ///< Swap, ConstructBegin: the construct as written
};

struct Syntax {
  std::vector<Piece> pieces;
  std::vector<Lora> loras;  ///< compel's withLora(name, w) / useLora(name, w)
};

/// Reads compel prompt syntax. `base` is the offset of `text` in the record (spans are
/// record offsets); `field` ("subject" or "negative") names the diagnostics.
Syntax read_syntax(std::string_view text, std::uint32_t base, std::string_view field,
                   Diagnostics& diags);

/// Reads one prompt (positive into subject/style/camera, or into `negative`) and records
/// its .swap()/.blend()/.and() constructs in `inline_entries` (extensions.invokeai.inline).
void read_prompt(std::string_view text, std::uint32_t base, bool negative, Prompt& ir,
                 nlohmann::json& inline_entries, Diagnostics& diags);

/// The prompt box text for a list of positive or negative terms (see README "Writing").
struct WrittenPrompts {
  std::string prompt;
  std::string negative;
};
WrittenPrompts write_prompts(const Prompt& ir, Diagnostics& diags);

/// compel's weight spelling: `word+`, `(words)--`, `(text)1.3`; `text` unescaped.
std::string weighted_text(std::string_view text, double weight, bool raw);

}  // namespace promptport::invokeai
