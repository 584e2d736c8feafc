// Diagnostic codes, their stable names, and the human and JSON renderings.
#include "promptport/diagnostic.h"

#include <array>
#include <charconv>
#include <optional>
#include <utility>

namespace promptport {
namespace {

constexpr std::array<std::pair<Code, std::string_view>, 30> kCodes{{
    {Code::InvalidUtf8, "invalid-utf8"},
    {Code::InvalidInput, "invalid-input"},
    {Code::UnknownParameter, "unknown-parameter"},
    {Code::LegacyParameter, "legacy-parameter"},
    {Code::OutOfRange, "out-of-range"},
    {Code::InvalidValue, "invalid-value"},
    {Code::MissingValue, "missing-value"},
    {Code::DuplicateParameter, "duplicate-parameter"},
    {Code::UnbalancedBracket, "unbalanced-bracket"},
    {Code::TextAfterParameters, "text-after-parameters"},
    {Code::PermutationExpanded, "permutation-expanded"},
    {Code::DroppedParameter, "dropped-parameter"},
    {Code::DroppedNegative, "dropped-negative"},
    {Code::DroppedReference, "dropped-reference"},
    {Code::DroppedTerm, "dropped-term"},
    {Code::DroppedLora, "dropped-lora"},
    {Code::DroppedMotion, "dropped-motion"},
    {Code::DroppedAudio, "dropped-audio"},
    {Code::ApproximatedWeight, "approximated-weight"},
    {Code::ApproximatedNegative, "approximated-negative"},
    {Code::ApproximatedParameter, "approximated-parameter"},
    {Code::SnappedAspectRatio, "snapped-aspect-ratio"},
    {Code::SnappedValue, "snapped-value"},
    {Code::PromptTooLong, "prompt-too-long"},
    {Code::UnknownOption, "unknown-option"},
    {Code::ApproximatedSyntax, "approximated-syntax"},
    {Code::LiteralText, "literal-text"},
    {Code::PastFirstChunk, "past-first-chunk"},
    {Code::NoMotion, "no-motion"},
    {Code::LayoutNotKept, "layout-not-kept"},
}};

// Display width of a UTF-8 byte range in code points (a tab counts as one, kept as a tab).
std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// Keeps long lines readable: at most this many bytes either side of the caret are shown.
constexpr std::size_t kContext = 80;

}  // namespace

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::Info:
      return "info";
    case Severity::Warning:
      return "warning";
    case Severity::Error:
      return "error";
  }
  return "error";
}

std::string_view code_name(Code code) {
  for (const auto& [c, name] : kCodes)
    if (c == code) return name;
  return "invalid-input";
}

std::optional<Code> code_from_name(std::string_view name) {
  for (const auto& [c, n] : kCodes)
    if (n == name) return c;
  return std::nullopt;
}

const std::vector<Code>& all_codes() {
  static const std::vector<Code> codes = [] {
    std::vector<Code> v;
    for (const auto& entry : kCodes) v.push_back(entry.first);
    return v;
  }();
  return codes;
}

Diagnostic& report(Diagnostics& diags, Code code, Severity severity, std::string message,
                   std::string field, std::optional<Span> span) {
  diags.push_back(Diagnostic{code, severity, std::move(message), span, std::move(field)});
  return diags.back();
}

bool has_severity(const Diagnostics& diags, Severity at_least) {
  for (const auto& d : diags)
    if (d.severity >= at_least) return true;
  return false;
}

namespace {

// "name:line[:column]: severity: message [code]\n", appended by hand: a filter renders
// one of these per diagnostic of every record, and fmt::format's parsing showed up there.
void append_header(std::string& out, std::string_view input_name, std::size_t line,
                   std::optional<std::size_t> column, std::string_view severity,
                   std::string_view message, std::string_view code) {
  char digits[24];
  out += input_name;
  out += ':';
  out.append(digits,
             static_cast<std::size_t>(std::to_chars(digits, digits + 24, line).ptr - digits));
  if (column) {
    out += ':';
    out.append(digits,
               static_cast<std::size_t>(std::to_chars(digits, digits + 24, *column).ptr - digits));
  }
  out += ": ";
  out += severity;
  out += ": ";
  out += message;
  out += " [";
  out += code;
  out += "]\n";
}

}  // namespace

std::string render_human(const Diagnostic& d, std::string_view input_name, std::size_t line,
                         std::string_view source) {
  const std::string_view severity = to_string(d.severity);
  if (!d.span || d.span->begin > source.size()) {
    std::string out;
    append_header(out, input_name, line, std::nullopt, severity, d.message, code_name(d.code));
    return out;
  }
  std::size_t begin = d.span->begin;
  std::size_t end = std::min<std::size_t>(std::max(d.span->end, d.span->begin), source.size());
  // A record may span several lines (a multi-line argument): find the line holding `begin`.
  const std::size_t newline = source.substr(0, begin).rfind('\n');
  const std::size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
  for (std::size_t i = 0; i < line_start; ++i)
    if (source[i] == '\n') ++line;
  std::size_t line_end = source.find('\n', begin);
  if (line_end == std::string_view::npos) line_end = source.size();
  end = std::min(end, line_end);
  const std::size_t column = code_points(source.substr(line_start, begin - line_start)) + 1;

  std::size_t shown_begin = line_start;
  std::size_t shown_end = line_end;
  std::string prefix, suffix;
  if (begin - line_start > kContext) {
    shown_begin = begin - kContext;
    while (shown_begin < begin && (static_cast<unsigned char>(source[shown_begin]) & 0xC0) == 0x80)
      ++shown_begin;
    prefix = "...";
  }
  if (line_end - end > kContext) {
    shown_end = end + kContext;
    while (shown_end > end && (static_cast<unsigned char>(source[shown_end]) & 0xC0) == 0x80)
      --shown_end;
    suffix = "...";
  }
  std::string out;
  out.reserve(input_name.size() + d.message.size() + 2 * (shown_end - shown_begin) + 64);
  append_header(out, input_name, line, column, severity, d.message, code_name(d.code));
  out += prefix;
  out += source.substr(shown_begin, shown_end - shown_begin);
  out += suffix;
  out += '\n';
  out.append(prefix.size(), ' ');
  for (char c : source.substr(shown_begin, begin - shown_begin)) {
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;
    out += (c == '\t') ? '\t' : ' ';
  }
  out += '^';
  const std::size_t width = code_points(source.substr(begin, end - begin));
  if (width > 1) out.append(width - 1, '~');
  out += '\n';
  return out;
}

nlohmann::json to_json(const Diagnostic& d) {
  nlohmann::json j = {
      {"code", code_name(d.code)}, {"severity", to_string(d.severity)}, {"message", d.message}};
  if (d.span) j["span"] = {d.span->begin, d.span->end};
  if (!d.field.empty()) j["field"] = d.field;
  return j;
}

}  // namespace promptport
