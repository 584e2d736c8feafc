// The sd writer: the IR as an A1111 prompt, negative prompt, infotext and txt2img request.
#pragma once

#include "promptport/dialect.h"

namespace promptport::sd {

Emitted write(const Prompt& ir, const Options& options, Diagnostics& diags);

/// CLIP tokens of `text`, approximately (README "Token budget").
std::size_t approx_tokens(std::string_view text);

}  // namespace promptport::sd
