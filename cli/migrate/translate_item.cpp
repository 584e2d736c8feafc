// One record, every target: translate() per target, permutations folded into one result.
#include "translate_item.h"

#include "common.h"

namespace promptport::migrate {

namespace {

TargetResult fold(std::vector<Record>& records) {
  TargetResult result;
  if (records.size() > 1) result.request = nlohmann::json::array();
  for (Record& record : records) {
    if (!result.prompt.empty() || !result.prompts.empty()) result.prompt += '\n';
    result.prompt += record.out.prompt;
    result.prompts.push_back(std::move(record.out.prompt));
    if (result.prompts.size() == 1) result.negative_prompt = std::move(record.out.negative_prompt);
    if (records.size() > 1) {
      result.request.push_back(std::move(record.out.request));
    } else {
      result.request = std::move(record.out.request);
    }
    if (record.has_error()) result.failed = true;
    if (!record.lossless()) result.lossless = false;
    for (Diagnostic& d : record.diags) result.diags.push_back(std::move(d));
  }
  return result;
}

}  // namespace

void translate_item(Item& item, const Settings& settings) {
  if (item.kind != Item::Kind::Record) return;
  const std::string text = item.source_text();
  item.results.clear();
  item.results.reserve(settings.targets.size());
  for (const Target& target : settings.targets) {
    const TranslateOptions* options = &target.options;
    TranslateOptions forced;
    if (!item.from.empty() && target.options.from == "auto") {
      forced = target.options;
      forced.from = item.from;
      options = &forced;
    }
    std::vector<Record> records = cli::translate_safely(*settings.registry, text, *options);
    TargetResult result = fold(records);
    // Problems the format found (an extra CSV cell, YAML comments) belong to every target's
    // view of the record, so no reader of one target's column misses them.
    result.diags.insert(result.diags.begin(), item.input_diags.begin(), item.input_diags.end());
    if (has_severity(item.input_diags, Severity::Warning)) result.lossless = false;
    if (has_severity(item.input_diags, Severity::Error)) result.failed = true;
    item.results.push_back(std::move(result));
  }
}

void translate_batch(Batch& batch, const Settings& settings) {
  for (Item& item : batch.items) translate_item(item, settings);
}

}  // namespace promptport::migrate
