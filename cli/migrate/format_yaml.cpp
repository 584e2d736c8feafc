// PLACEHOLDER until the yaml format lands.
#include "formats.h"

namespace promptport::migrate {

std::unique_ptr<FormatFile> make_yaml_format(const Settings&) { return nullptr; }

}  // namespace promptport::migrate
