// The inline flags at the end of a Seedance prompt (`--ratio 16:9 --duration 5 ...`):
// their names and short forms, and reading them into the IR.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "promptport/text.h"
#include "seedance/seedance_internal.h"

namespace promptport::seedance {
namespace {

// written name -> canonical name (REFERENCE §9.1; the short forms but --dur are [U]).
constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kNames{{
    {"resolution", "resolution"},
    {"rs", "resolution"},
    {"ratio", "ratio"},
    {"rt", "ratio"},
    {"duration", "duration"},
    {"dur", "duration"},
    {"framepersecond", "fps"},
    {"fps", "fps"},
    {"seed", "seed"},
    {"camerafixed", "camerafixed"},
    {"cf", "camerafixed"},
    {"watermark", "watermark"},
    {"wm", "watermark"},
}};

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool flag_token(std::string_view t) {
  return t.size() > 2 && t[0] == '-' && t[1] == '-' && letter(t[2]);
}

struct Token {
  std::string_view text;
  std::uint32_t begin;
};

std::vector<Token> tokens(std::string_view s, std::uint32_t base) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && space(s[i])) ++i;
    const std::size_t b = i;
    while (i < s.size() && !space(s[i])) ++i;
    if (i > b) out.push_back(Token{s.substr(b, i - b), base + static_cast<std::uint32_t>(b)});
  }
  return out;
}

Span span_of(const Token& t) {
  return Span{t.begin, t.begin + static_cast<std::uint32_t>(t.text.size())};
}

std::optional<bool> boolean(std::string_view v) {
  const std::string s = text::lower_ascii(v);
  if (s == "true") return true;
  if (s == "false") return false;
  return std::nullopt;
}

bool allowed_ratio(const std::string& reduced) {
  if (reduced == "3:7") return true;  // 9:21, read without a warning (see ratios())
  for (const auto& r : ratios()) {
    const std::size_t colon = r.find(':');
    const auto w = text::parse_int(r.substr(0, colon));
    const auto h = text::parse_int(r.substr(colon + 1));
    if (w && h && text::reduce_ratio(*w, *h) == reduced) return true;
  }
  return false;
}

class FlagReader {
 public:
  FlagReader(Prompt& ir, Diagnostics& diags) : ir_(ir), diags_(diags) {}

  FlagsRead read(std::string_view region, std::uint32_t base) {
    const std::vector<Token> toks = tokens(region, base);
    std::size_t stray_begin = 0, stray_end = 0;  // a run of stray words, as offsets in region
    auto flush = [&] {
      if (stray_end <= stray_begin) return;
      const std::string_view s = region.substr(stray_begin, stray_end - stray_begin);
      const auto b = base + static_cast<std::uint32_t>(stray_begin);
      report(diags_, Code::TextAfterParameters, Severity::Warning,
             fmt::format("'{}' stands among the flags; read as prompt text", s), std::string(s),
             Span{b, b + static_cast<std::uint32_t>(s.size())});
      out_.stray.emplace_back(s, b);
      stray_begin = stray_end = 0;
    };
    for (std::size_t k = 0; k < toks.size(); ++k) {
      const Token& t = toks[k];
      if (!flag_token(t.text)) {
        const std::size_t b = t.begin - base;
        if (stray_end <= stray_begin) stray_begin = b;
        stray_end = b + t.text.size();
        continue;
      }
      flush();
      const Token* value =
          k + 1 < toks.size() && !flag_token(toks[k + 1].text) ? &toks[k + 1] : nullptr;
      if (value) ++k;
      flag(t, value);
    }
    flush();
    return std::move(out_);
  }

 private:
  nlohmann::json& ext() {
    nlohmann::json& e = ir_.extensions["seedance"];
    if (!e.is_object()) e = nlohmann::json::object();
    return e;
  }

  void forget(std::string_view key) {
    if (ir_.extensions.contains("seedance")) {
      ir_.extensions["seedance"].erase(std::string(key));
      if (ir_.extensions["seedance"].empty()) ir_.extensions.erase("seedance");
    }
    if (key == "ratio") ir_.params.aspect_ratio.reset();
    if (key == "duration") ir_.params.duration_s.reset();
    if (key == "seed") ir_.params.seed.reset();
    if (key == "camerafixed") out_.camerafixed.reset();
  }

  void flag(const Token& t, const Token* value) {
    const std::string_view written = t.text.substr(2);
    const std::string_view name = flag_name(written);
    const Span span =
        value ? Span{t.begin, value->begin + static_cast<std::uint32_t>(value->text.size())}
              : span_of(t);
    if (name.empty()) {
      static const std::vector<std::string_view> kLong{
          "resolution", "ratio", "duration", "framepersecond", "seed", "camerafixed", "watermark"};
      const std::string_view near = text::closest(text::lower_ascii(written), kLong);
      report(diags_, Code::UnknownParameter, Severity::Warning,
             near.empty()
                 ? fmt::format("Seedance has no flag {}; kept for a Seedance prompt", t.text)
                 : fmt::format("Seedance has no flag {} (did you mean --{}?); kept for a "
                               "Seedance prompt",
                               t.text, near),
             std::string(t.text), span);
      nlohmann::json& unknown = ext()["unknown"];
      if (!unknown.is_object()) unknown = nlohmann::json::object();
      unknown[std::string(written)] =
          value ? nlohmann::json(std::string(value->text)) : nlohmann::json(true);
      return;
    }
    if (!seen_.insert(std::string(name)).second)
      report(diags_, Code::DuplicateParameter, Severity::Warning,
             fmt::format("{} is given twice; the last one is used", t.text), std::string(t.text),
             span);
    forget(name);
    if (!value) {
      report(diags_, Code::MissingValue, Severity::Warning,
             fmt::format("{} has no value; ignored", t.text), std::string(t.text), span);
      return;
    }
    std::string_view v = value->text;
    while (!v.empty() && (v.back() == ',' || v.back() == ';')) v.remove_suffix(1);
    if (name == "ratio") ratio(v, span);
    if (name == "duration") duration(v, span);
    if (name == "resolution") resolution(v, span);
    if (name == "fps") fps(v, span);
    if (name == "seed") seed(v, span);
    if (name == "camerafixed" || name == "watermark") boolean_flag(name, v, span);
  }

  void invalid(std::string_view key, std::string_view v, std::string_view expected, Span span) {
    report(diags_, Code::InvalidValue, Severity::Warning,
           fmt::format("--{} {} is not {}; kept for a Seedance prompt", key, v, expected),
           fmt::format("extensions.seedance.{}", key), span);
    ext()[std::string(key)] = std::string(v);
  }

  void out_of_range(std::string_view field, std::string message, Span span) {
    report(diags_, Code::OutOfRange, Severity::Warning, std::move(message), std::string(field),
           span);
  }

  void ratio(std::string_view v, Span span) {
    if (text::lower_ascii(v) == "adaptive") {
      ext()["ratio"] = "adaptive";
      return;
    }
    const std::size_t colon = v.find(':');
    const auto w = colon == v.npos ? std::nullopt : text::parse_int(v.substr(0, colon));
    const auto h = colon == v.npos ? std::nullopt : text::parse_int(v.substr(colon + 1));
    const auto r = w && h ? text::reduce_ratio(*w, *h) : std::nullopt;
    if (!r) return invalid("ratio", v, "a ratio such as 16:9 or adaptive", span);
    ir_.params.aspect_ratio = *r;
    if (!allowed_ratio(*r))
      out_of_range("params.aspect_ratio",
                   fmt::format("--ratio {} is not one of Seedance's 16:9, 4:3, 1:1, 3:4, 9:16, "
                               "21:9; kept as {}",
                               v, *r),
                   span);
  }

  void duration(std::string_view v, Span span) {
    std::string_view n = v;
    if (!n.empty() && (n.back() == 's' || n.back() == 'S')) n.remove_suffix(1);
    const auto d = text::parse_double(n);
    if (!d || !(*d > 0)) return invalid("duration", v, "a number of seconds", span);
    ir_.params.duration_s = *d;
    if (*d < durations().front() || *d > durations().back() || std::floor(*d) != *d)
      out_of_range("params.duration_s",
                   fmt::format("--duration {} is outside Seedance's 2-12 whole seconds; kept", v),
                   span);
  }

  void resolution(std::string_view v, Span span) {
    const auto lines = resolution_lines(v);
    if (!lines) return invalid("resolution", v, "480p, 720p or 1080p", span);
    ext()["resolution"] = text::lower_ascii(v);
    const auto& allowed = resolutions();
    if (std::find(allowed.begin(), allowed.end(), *lines) == allowed.end())
      out_of_range("extensions.seedance.resolution",
                   fmt::format("--resolution {} is not 480p, 720p or 1080p; kept", v), span);
  }

  void fps(std::string_view v, Span span) {
    const auto n = text::parse_int(v);
    if (!n || *n <= 0) return invalid("fps", v, "a frame rate such as 24", span);
    ext()["fps"] = *n;
    if (static_cast<double>(*n) != kFps)
      out_of_range("extensions.seedance.fps", fmt::format("--fps {} is not Seedance's 24; kept", v),
                   span);
  }

  void seed(std::string_view v, Span span) {
    const auto n = text::parse_int(v);
    if (!n) return invalid("seed", v, "a whole number", span);
    if (*n == -1) {
      report(diags_, Code::ApproximatedParameter, Severity::Info,
             "--seed -1 asks for a random seed, the same as giving none", "params.seed", span);
      return;
    }
    ir_.params.seed = *n;
    if (*n < 0 || *n > kMaxSeed)
      out_of_range("params.seed",
                   fmt::format("--seed {} is outside Seedance's -1 to 4294967295; kept", v), span);
  }

  void boolean_flag(std::string_view name, std::string_view v, Span span) {
    const auto b = boolean(v);
    if (!b) return invalid(name, v, "true or false", span);
    if (name == "camerafixed") {
      out_.camerafixed = *b;
      out_.camerafixed_span = span;
    } else {
      ext()[std::string(name)] = *b;
    }
  }

  Prompt& ir_;
  Diagnostics& diags_;
  FlagsRead out_;
  std::set<std::string> seen_;
};

}  // namespace

std::string_view flag_name(std::string_view written) {
  const std::string lower = text::lower_ascii(written);
  for (const auto& [name, canonical] : kNames)
    if (lower == name) return canonical;
  return {};
}

std::optional<std::int64_t> resolution_lines(std::string_view v) {
  const std::string s = text::lower_ascii(text::trim(v));
  if (s == "4k") return 2160;
  if (s == "2k") return 1440;
  if (s.size() < 2 || s.back() != 'p') return std::nullopt;
  const auto n = text::parse_int(std::string_view(s).substr(0, s.size() - 1));
  if (!n || *n <= 0) return std::nullopt;
  return n;
}

std::size_t flag_region(std::string_view prompt) {
  for (std::size_t i = prompt.find("--"); i != std::string_view::npos; i = prompt.find("--", i + 1))
    if ((i == 0 || space(prompt[i - 1])) && i + 2 < prompt.size() && letter(prompt[i + 2]))
      return i;
  return prompt.size();
}

FlagsRead read_flags(std::string_view region, std::uint32_t base, Prompt& ir, Diagnostics& diags) {
  return FlagReader(ir, diags).read(region, base);
}

}  // namespace promptport::seedance
