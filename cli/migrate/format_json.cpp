// PLACEHOLDER until the json format lands.
#include "formats.h"

namespace promptport::migrate {

std::unique_ptr<FormatFile> make_json_format(const Settings&) { return nullptr; }

}  // namespace promptport::migrate
