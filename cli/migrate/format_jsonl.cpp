// PLACEHOLDER until the jsonl format lands.
#include "formats.h"

namespace promptport::migrate {

std::unique_ptr<FormatFile> make_jsonl_format(const Settings&) { return nullptr; }

}  // namespace promptport::migrate
