// PLACEHOLDER: `promptport migrate` lands with the engine.
#include <CLI/CLI.hpp>

#include "commands.h"

namespace promptport::cli {

void setup_migrate(CLI::App&, int&) {}

}  // namespace promptport::cli
