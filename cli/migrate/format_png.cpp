// PLACEHOLDER until the png format lands.
#include "formats.h"

namespace promptport::migrate {

std::unique_ptr<FormatFile> make_png_format(const Settings&) { return nullptr; }

}  // namespace promptport::migrate
