// translate(): detection, UTF-8 and NFC handling, expansion, parse and emit of one record.
#include "promptport/translate.h"

#include <fmt/format.h>

#include "promptport/text.h"

namespace promptport {
namespace {

const Dialect* resolve(const Registry& registry, std::string_view name) {
  const Dialect* d = registry.find(name);
  if (d) return d;
  const std::string suggestion = registry.suggest(name);
  if (suggestion.empty()) throw UsageError(fmt::format("unknown dialect '{}'", name));
  throw UsageError(fmt::format("unknown dialect '{}' (did you mean '{}'?)", name, suggestion));
}

// Invalid UTF-8 cannot be parsed safely: the record passes through byte for byte, with
// an error that points at the first bad byte.
Record pass_through(const Dialect* from, const Dialect* to, std::string_view text,
                    std::size_t bad) {
  Record rec;
  rec.from = from;
  rec.to = to;
  rec.source_text = std::string(text);
  rec.ir.source = Source{std::string(from->name()), rec.source_text};
  const auto end = static_cast<std::uint32_t>(text.size());
  rec.ir.subject.push_back(Term{rec.source_text, 1.0, Span{0, end}});
  const auto b = static_cast<std::uint32_t>(bad);
  report(rec.diags, Code::InvalidUtf8, Severity::Error,
         fmt::format("invalid UTF-8 at byte {}; the text is passed through unchanged", bad), "",
         Span{b, b + 1});
  rec.out.prompt = rec.source_text;
  rec.out.text = rec.source_text;
  rec.out.request = nlohmann::json::object();
  return rec;
}

bool allowed(std::string_view values, std::string_view value) {
  while (true) {
    const std::size_t bar = values.find('|');
    if (values.substr(0, bar) == value) return true;
    if (bar == std::string_view::npos) return false;
    values.remove_prefix(bar + 1);
  }
}

}  // namespace

Detection detect(const Registry& registry, std::string_view text) {
  Detection best;
  for (const Dialect* d : registry.all()) {
    const double score = d->detect(text);
    if (!best.dialect || score > best.confidence) {
      best.dialect = d;
      best.confidence = score;
    }
  }
  return best;
}

std::string check_options(const Registry& registry, const TranslateOptions& options) {
  std::vector<const Dialect*> dialects;
  if (options.from != "auto" && !options.from.empty())
    dialects.push_back(resolve(registry, options.from));
  if (!options.to.empty()) dialects.push_back(resolve(registry, options.to));
  if (options.from == "auto" || options.from.empty())
    for (const Dialect* d : registry.all()) dialects.push_back(d);
  for (const auto& [key, value] : options.options) {
    bool known = false;
    std::vector<std::string> names;
    std::string bad_value;
    for (const Dialect* d : dialects)
      for (const auto& spec : d->options()) {
        names.push_back(spec.name);
        if (spec.name != key) continue;
        // "a|b|c" lists the accepted values; anything else describes a free-form value.
        if (spec.values.find('|') == std::string::npos || allowed(spec.values, value)) {
          known = true;
        } else if (bad_value.empty()) {
          bad_value = fmt::format("option {}={} is not valid for {} (expected {})", key, value,
                                  d->name(), spec.values);
        }
      }
    if (known) continue;
    if (!bad_value.empty()) return bad_value;
    std::vector<std::string_view> candidates(names.begin(), names.end());
    const std::string_view suggestion = text::closest(key, candidates);
    return suggestion.empty()
               ? fmt::format("unknown option '{}' (see `promptport dialects NAME`)", key)
               : fmt::format("unknown option '{}' (did you mean '{}'?)", key, suggestion);
  }
  return {};
}

std::vector<Record> translate(const Registry& registry, std::string_view text,
                              const TranslateOptions& options) {
  const bool automatic = options.from.empty() || options.from == "auto";
  const Dialect* from = automatic ? nullptr : resolve(registry, options.from);
  const Dialect* to = options.to.empty() ? nullptr : resolve(registry, options.to);

  double confidence = 1.0;
  if (automatic) {
    const Detection detection = detect(registry, text);
    if (!detection.dialect) throw UsageError("no dialects are registered");
    from = detection.dialect;
    confidence = detection.confidence;
  }

  if (auto bad = text::first_invalid_utf8(text)) {
    std::vector<Record> out;
    out.push_back(pass_through(from, to, text, *bad));
    out.back().detected = automatic;
    out.back().confidence = confidence;
    return out;
  }

  const std::string normalized = text::nfc(text);
  Diagnostics expand_diags;
  std::vector<std::string> expanded = from->expand(normalized, expand_diags);
  if (expanded.empty()) expanded.push_back(normalized);

  std::vector<Record> out;
  out.reserve(expanded.size());
  for (std::size_t i = 0; i < expanded.size(); ++i) {
    Record rec;
    rec.from = from;
    rec.to = to;
    rec.detected = automatic;
    rec.confidence = confidence;
    rec.source_text = std::move(expanded[i]);
    if (i == 0) {
      // Expansion diagnostics point into the unexpanded line; a record's spans must point
      // into its own text, so those spans are dropped once the text changed.
      if (rec.source_text != normalized)
        for (auto& d : expand_diags) d.span.reset();
      rec.diags = std::move(expand_diags);
    }
    if (const auto c = text::first_control_char(rec.source_text)) {
      const auto at = static_cast<std::uint32_t>(*c);
      const auto byte = static_cast<unsigned char>(rec.source_text[*c]);
      report(rec.diags, Code::InvalidInput, Severity::Warning,
             byte == '\r' ? fmt::format("carriage return without a line feed at byte {} (old Mac "
                                        "line endings join lines into one record); kept as is",
                                        *c)
                          : fmt::format("control character U+{:04X} at byte {} (binary data?); "
                                        "kept as is",
                                        byte, *c),
             "", Span{at, at + 1});
    }
    rec.ir = from->parse(rec.source_text, options.options, rec.diags);
    rec.ir.source = Source{std::string(from->name()), rec.source_text};
    if (to) rec.out = to->emit(rec.ir, options.options, rec.diags);
    out.push_back(std::move(rec));
  }
  return out;
}

}  // namespace promptport
