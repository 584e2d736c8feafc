// PLACEHOLDER until the csv format lands.
#include "formats.h"

namespace promptport::migrate {

std::unique_ptr<FormatFile> make_csv_format(const Settings&, char) { return nullptr; }

}  // namespace promptport::migrate
