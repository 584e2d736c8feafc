// Flux prose: the template writer (IR -> sentences) and the reader (sentences -> IR).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "promptport/diagnostic.h"
#include "promptport/ir.h"

namespace promptport::flux {

/// Writes the prose of the team-spec template: subject, style, light/colour/mood, camera
/// sentences. Reports what prose cannot carry: weights (as order), boosters, camera moves,
/// motion, negative terms.
std::string write_prose(const Prompt& ir, Diagnostics& diags);

/// Reads prose into `ir` (appending): the template's own sentences come back as the terms
/// they were written from; other pieces are placed with the shared vocabulary. `base` is
/// the offset of `prose` in the source text (for spans).
void read_prose(std::string_view prose, std::uint32_t base, Prompt& ir);

/// Approximate T5 token count: words and punctuation marks, times 1.3, rounded up.
std::size_t approx_t5_tokens(std::string_view s);

}  // namespace promptport::flux
