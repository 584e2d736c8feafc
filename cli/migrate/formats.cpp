// The format registry of migrate: one constructor per InputFormat.
#include "formats.h"

namespace promptport::migrate {

std::unique_ptr<FormatFile> make_format(InputFormat format, const Settings& settings) {
  switch (format) {
    case InputFormat::Txt:
      return make_txt_format(settings);
    case InputFormat::Csv:
      return make_csv_format(settings, ',');
    case InputFormat::Tsv:
      return make_csv_format(settings, '\t');
    case InputFormat::Jsonl:
      return make_jsonl_format(settings);
    case InputFormat::Json:
      return make_json_format(settings);
    case InputFormat::Yaml:
      return make_yaml_format(settings);
    case InputFormat::Png:
      return make_png_format(settings);
    case InputFormat::Auto:
      break;
  }
  return nullptr;
}

}  // namespace promptport::migrate
