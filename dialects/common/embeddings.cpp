// The embeddings people paste into nearly every negative prompt on civitai. The list is
// short on purpose: a word is only turned into `embedding:word` when it cannot be anything
// else, and these names are not English words.
#include "common/embeddings.h"

#include <array>
#include <string>

#include "promptport/text.h"

namespace promptport::sdfamily {

bool is_known_embedding(std::string_view name) {
  static constexpr std::array<std::string_view, 13> kKnown{
      "easynegative",
      "badhandv4",
      "ng_deepnegative_v1_75t",
      "verybadimagenegative_v1.3",
      "bad-hands-5",
      "bad_prompt_version2",
      "baddream",
      "unrealisticdream",
      "fastnegativev2",
      "negative_hand-neg",
      "bad-artist",
      "bad-artist-anime",
      "by bad artist -neg",
  };
  std::string folded = text::lower_ascii(text::trim(name));
  for (std::string_view ext : {".safetensors", ".pt", ".bin"})
    if (folded.size() > ext.size() && folded.ends_with(ext)) {
      folded.resize(folded.size() - ext.size());
      break;
    }
  for (std::string_view known : kKnown)
    if (folded == known) return true;
  return false;
}

}  // namespace promptport::sdfamily
