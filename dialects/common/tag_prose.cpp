// Danbooru tags as words (see tag_prose.h).
#include "common/tag_prose.h"

#include <algorithm>

#include "promptport/vocab.h"

namespace promptport::dialects {

std::string tag_as_prose(std::string s, bool from_tags) {
  if (!from_tags) return s;
  if (auto prose = vocab::tag_prose(s)) return *prose;
  const bool tag_like = std::all_of(s.begin(), s.end(), [](char c) {
    return c == '_' || c == ' ' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
  if (tag_like) std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

}  // namespace promptport::dialects
