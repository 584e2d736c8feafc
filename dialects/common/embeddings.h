// Textual-inversion embeddings that Stable Diffusion prompts name as plain words.
#pragma once

#include <string_view>

namespace promptport::sdfamily {

/// True when `name` (case-insensitive, an optional .pt/.safetensors/.bin extension ignored)
/// is a widely shared negative or style embedding such as EasyNegative or badhandv4. A1111
/// prompts write these as bare words; ComfyUI needs `embedding:` in front of them.
bool is_known_embedding(std::string_view name);

}  // namespace promptport::sdfamily
