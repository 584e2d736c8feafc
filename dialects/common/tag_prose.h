// Danbooru tags as words, for prose writers (Flux, Ideogram and those built on their prose).
#pragma once

#include <string>

namespace promptport::dialects {

/// "1girl" -> "a girl", "long_hair" -> "long hair" when `from_tags` (the source is a tag
/// platform, a token-weight model); otherwise `s` unchanged: a prose prompt that says
/// "1girl" meant it, and its round trip must keep it.
std::string tag_as_prose(std::string s, bool from_tags);

}  // namespace promptport::dialects
