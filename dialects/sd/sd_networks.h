// A1111 extra networks: `<lora:name:w>`, `<lyco:...>`, `<hypernet:name:w>` and other types.
#pragma once

#include <string>
#include <vector>

#include "promptport/diagnostic.h"
#include "promptport/ir.h"
#include "sd/sd_infotext.h"

namespace promptport::sd {

struct Network {
  std::string type;  ///< "lora"
  std::string args;  ///< "name:0.8"
  std::string tag;   ///< "<lora:name:0.8>"
  Span span;
};

/// Cuts every `<(\w+):([^>]+)>` out of `m` (A1111 removes them before reading the prompt).
std::vector<Network> take_networks(Mapped& m);

/// LoRAs into ir.loras, everything that `<lora:name:w>` cannot say into extensions.sd.networks.
void read_networks(const std::vector<Network>& networks, Prompt& ir, Diagnostics& diags);

/// " <lora:name:w>" for each LoRA not written by a networks tag, then the tags verbatim.
std::string write_networks(const Prompt& ir);

}  // namespace promptport::sd
