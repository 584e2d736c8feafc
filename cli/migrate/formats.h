// Constructors of the formats (one file each); make_format() picks among them.
#pragma once

#include <memory>

#include "format.h"

namespace promptport::migrate {

std::unique_ptr<FormatFile> make_txt_format(const Settings& settings);
/// `delimiter` is ',' for csv and '\t' for tsv.
std::unique_ptr<FormatFile> make_csv_format(const Settings& settings, char delimiter);
std::unique_ptr<FormatFile> make_jsonl_format(const Settings& settings);
std::unique_ptr<FormatFile> make_json_format(const Settings& settings);
std::unique_ptr<FormatFile> make_yaml_format(const Settings& settings);
std::unique_ptr<FormatFile> make_png_format(const Settings& settings);

}  // namespace promptport::migrate
