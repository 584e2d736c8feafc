// How likely a text is an A1111 prompt (scores agreed for the SD family, see README).
#pragma once

#include <string_view>

namespace promptport::sd {

double detect(std::string_view text);

}  // namespace promptport::sd
