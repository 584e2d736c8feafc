// The Midjourney reader's values: ranges, targets, legacy and unknown parameters, duplicates.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "midjourney_reader.h"
#include "promptport/text.h"

namespace promptport::mj {
namespace {

nlohmann::json number_json(double v) {
  if (v == std::floor(v) && std::fabs(v) < 9007199254740992.0) return static_cast<std::int64_t>(v);
  return v;
}

bool merges(const ParamSpec* spec) {
  return spec &&
         (spec->kind == Kind::List || spec->kind == Kind::Urls || spec->kind == Kind::StyleRefs);
}

std::string key_of(const Occurrence& o) {
  return o.spec ? std::string(o.spec->key) : "unknown." + o.name;
}

}  // namespace

double Reader::effective_version() const {
  std::optional<double> version, niji;
  bool legacy = false;
  for (const Occurrence& o : occurrences_) {
    if (!o.spec || o.superseded) continue;
    // Only parameters the IR keeps count, so the written form reads back the same way.
    const bool kept = o.has_value || !o.items.empty() || o.spec->kind == Kind::Flag ||
                      o.spec->kind == Kind::OptionalNumber;
    legacy = legacy || (o.spec->legacy && kept);
    const auto v = o.has_value ? text::parse_double(o.value) : std::nullopt;
    if (o.spec->key == "version" && v && in_set(kVersions, text::format_number(*v))) version = v;
    if (o.spec->key == "niji") niji = v && in_set(kNijiVersions, text::format_number(*v)) ? *v : 6;
  }
  if (version) return *version;
  if (niji) return *niji;
  if (auto opt = options_.find("version"); opt != options_.end())
    if (auto v = text::parse_double(opt->second); v && in_set(kVersions, opt->second)) return *v;
  return legacy ? kLegacyVersion : kLatestVersion;
}

void Reader::interpret() {
  // Duplicates first: the context below (version, --h) comes from the values that are kept.
  std::unordered_map<std::string, std::size_t> last;
  for (std::size_t i = 0; i < occurrences_.size(); ++i) last[key_of(occurrences_[i])] = i;
  for (std::size_t i = 0; i < occurrences_.size(); ++i)
    occurrences_[i].superseded =
        !merges(occurrences_[i].spec) && last[key_of(occurrences_[i])] != i;
  version_ = effective_version();
  bool has_height = false;
  for (const Occurrence& o : occurrences_)
    has_height =
        has_height || (o.spec && o.spec->target == Target::Height && o.has_value && !o.superseded);
  // --w was the pixel width until --weird took the name (v5.2): 2022 prompts mean width.
  for (Occurrence& o : occurrences_) {
    if (!o.spec || o.spec->key != "weird" || o.name != "w") continue;
    const auto v = o.has_value ? text::parse_double(o.value) : std::nullopt;
    if (has_height || version_ < 5 || (v && *v > 3000)) o.spec = &width_spec();
  }
  std::unordered_set<std::string> seen;
  for (const Occurrence& o : occurrences_) {
    const bool earlier = !seen.insert(key_of(o)).second;
    if (o.superseded) {
      report(diags_, Code::DuplicateParameter, Severity::Warning,
             fmt::format("--{} is given more than once; the last one wins", o.name), "--" + o.name,
             span(o.begin, o.end));
      continue;
    }
    if (merges(o.spec) && earlier)
      report(diags_, Code::DuplicateParameter, Severity::Info,
             fmt::format("--{} is given more than once; the lists are merged", o.name),
             "--" + o.name, span(o.begin, o.end));
    apply(o);
  }
}

void Reader::problem(Code code, const Occurrence& o, nlohmann::json kept, const std::string& why) {
  const std::string key(o.spec->key);
  ext()[key] = std::move(kept);
  report(diags_, code, Severity::Warning,
         fmt::format("--{} {} {}; kept in extensions.midjourney.{}", o.name, o.value, why, key),
         "extensions.midjourney." + key, span(o.begin, o.end));
}

void Reader::legacy(const Occurrence& o, const std::string& kept_as) {
  report(diags_, Code::LegacyParameter, Severity::Info,
         fmt::format("--{} is a retired parameter ({}: {}); {}", o.name, o.spec->versions,
                     o.spec->help, kept_as),
         "extensions.midjourney." + std::string(o.spec->key), span(o.begin, o.end));
}

void Reader::apply(const Occurrence& o) {
  if (!o.spec) {
    ext()["unknown"][o.name] =
        o.has_value ? nlohmann::json(std::string(o.value)) : nlohmann::json(true);
    const std::string_view near = suggest_param(o.name);
    report(diags_, Code::UnknownParameter, Severity::Warning,
           near.empty() ? fmt::format("unknown parameter --{} (a custom option made with /prefer "
                                      "option set?); kept in extensions.midjourney.unknown",
                                      o.name)
                        : fmt::format("unknown parameter --{}; did you mean --{}? Kept in "
                                      "extensions.midjourney.unknown",
                                      o.name, near),
           "--" + o.name, span(o.begin, o.end));
    return;
  }
  const ParamSpec& spec = *o.spec;
  const std::string key(spec.key);
  const Range* range = range_for(spec, version_);
  if (spec.legacy)
    legacy(o, spec.target == Target::Width    ? "read as params.width"
              : spec.target == Target::Height ? "read as params.height"
                                              : "kept in extensions");
  const bool needs_value =
      spec.kind != Kind::Flag && spec.kind != Kind::OptionalNumber && spec.kind != Kind::Codes;
  if (needs_value && !o.has_value && o.items.empty()) {
    report(diags_, Code::MissingValue, Severity::Warning,
           fmt::format("--{} needs a value ({}); ignored", o.name, spec.help), "--" + o.name,
           span(o.begin, o.end));
    return;
  }
  const auto parsed = o.has_value ? text::parse_double(o.value) : std::nullopt;
  const double number_value = parsed.value_or(0.0);
  const double* number = parsed ? &number_value : nullptr;
  switch (spec.kind) {
    case Kind::Flag:
      ext()[key] = true;
      if (key == "video" && images_.empty())
        report(diags_, Code::LegacyParameter, Severity::Info,
               "--video without an image prompt is the V1-V3 progress video; kept in extensions",
               "extensions.midjourney.video", span(o.begin, o.end));
      return;
    case Kind::Number:
    case Kind::Integer:
      if (!number) return problem(Code::InvalidValue, o, std::string(o.value), "is not a number");
      if (spec.kind == Kind::Integer && *number != std::floor(*number))
        return problem(Code::InvalidValue, o, std::string(o.value), "is not a whole number");
      if (range && !in_range(*range, *number))
        return problem(Code::OutOfRange, o,
                       std::fabs(*number) < 9007199254740992.0
                           ? number_json(*number)
                           : nlohmann::json(std::string(o.value)),
                       "is out of range (" + describe(*range) + ")");
      return apply_number(o, *number);
    case Kind::Ratio: {
      std::size_t colon = o.value.find(':'), width = 1;
      if (colon == std::string_view::npos) {
        colon = o.value.find("\xEF\xBC\x9A");  // full-width colon typed on CJK keyboards
        width = 3;
      }
      const auto w = colon == std::string_view::npos ? std::nullopt
                                                     : text::parse_int(o.value.substr(0, colon));
      const auto h = w ? text::parse_int(o.value.substr(colon + width)) : std::nullopt;
      auto reduced = w && h ? text::reduce_ratio(*w, *h) : std::nullopt;
      if (!reduced)
        return problem(Code::InvalidValue, o, std::string(o.value), "is not W:H in whole numbers");
      ir_.params.aspect_ratio = std::move(*reduced);
      return;
    }
    case Kind::Word: {
      if (!in_set(range->allowed, o.value))
        return problem(Code::InvalidValue, o, std::string(o.value), "is not " + describe(*range));
      std::string word = text::lower_ascii(o.value);
      if (spec.target == Target::MotionIntensity)
        ir_.motion_intensity = std::move(word);
      else
        ext()[key] = std::move(word);
      return;
    }
    case Kind::Version:
    case Kind::OptionalNumber: {
      if (!o.has_value) {
        ext()[key] = true;
        return;
      }
      if (!number) return problem(Code::InvalidValue, o, std::string(o.value), "is not a number");
      const bool named = !range || !range->allowed.empty();  // versions are kept as strings
      if (range && !in_range(*range, *number))
        return problem(Code::OutOfRange, o,
                       named ? nlohmann::json(std::string(o.value)) : number_json(*number),
                       "is out of range (" + describe(*range) + ")");
      ext()[key] = named ? nlohmann::json(text::format_number(*number)) : number_json(*number);
      return;
    }
    case Kind::Codes: {
      nlohmann::json codes = nlohmann::json::array();
      for (const Token& t : o.items) {
        std::string_view c = t.text;
        while (!c.empty() && c.back() == ',') c.remove_suffix(1);
        codes.push_back(std::string(c));
      }
      ext()[key] = codes.empty() ? nlohmann::json(true) : std::move(codes);
      return;
    }
    case Kind::List: {
      const auto pieces = text::split_fragments(o.value, base_ + o.value_begin);
      for (const auto& piece : pieces)
        ir_.negative.push_back(Term{std::string(piece.text), 1.0, piece.span});
      if (pieces.empty())
        report(diags_, Code::MissingValue, Severity::Warning,
               fmt::format("--{} needs a comma list; ignored", o.name), "--" + o.name,
               span(o.begin, o.end));
      return;
    }
    case Kind::Url:
    case Kind::Urls:
    case Kind::StyleRefs:
      return apply_references(o);
  }
}

void Reader::apply_number(const Occurrence& o, double v) {
  const std::string key(o.spec->key);
  switch (o.spec->target) {
    case Target::Seed:
      ir_.params.seed = static_cast<std::int64_t>(v);
      return;
    case Target::Width:  // pixels are neutral: params only, no ratio made up from them
      ir_.params.width = static_cast<std::int64_t>(v);
      return;
    case Target::Height:
      ir_.params.height = static_cast<std::int64_t>(v);
      return;
    case Target::ImageWeight:
      iw_ = v;
      return;
    case Target::CharacterWeight:
      cw_ = v;
      return;
    case Target::OmniWeight:
      ow_ = v;
      return;
    default:
      break;
  }
  ext()[key] = number_json(v);
}

void Reader::apply_references(const Occurrence& o) {
  const Span where = span(o.begin, o.end);
  if (o.spec->kind == Kind::Url) {
    const std::string_view url = url_of(o.value);
    if (url.empty()) return problem(Code::InvalidValue, o, std::string(o.value), "is not a URL");
    if (o.spec->target == Target::OmniRef)
      refs_.push_back(Reference{ReferenceKind::Omni, std::string(url), std::nullopt, where});
    else
      ext()[std::string(o.spec->key)] = std::string(url);
    return;
  }
  if (o.items.empty())
    return problem(Code::InvalidValue, o, std::string(o.value),
                   o.spec->kind == Kind::Urls ? "is not a URL" : "is not a URL, code or random");
  for (const Token& t : o.items) {
    const Span at = span(t.begin, t.end());
    if (o.spec->kind == Kind::Urls) {
      refs_.push_back(
          Reference{ReferenceKind::Character, std::string(url_of(t.text)), std::nullopt, at});
    } else if (auto ref = style_ref_of(t.text)) {
      refs_.push_back(Reference{ReferenceKind::Style, std::string(ref->uri), ref->weight, at});
    }
  }
}

void Reader::finish() {
  auto weigh = [&](std::vector<Reference>& refs, ReferenceKind kind, std::optional<double> w,
                   const char* key) {
    if (!w) return;
    bool any = false;
    for (Reference& r : refs)
      if (r.kind == kind) {
        r.weight = *w;
        any = true;
      }
    if (!any) ext()[key] = number_json(*w);  // no reference to weigh: kept as written
  };
  weigh(images_, ReferenceKind::Image, iw_, "iw");
  weigh(refs_, ReferenceKind::Character, cw_, "cw");
  weigh(refs_, ReferenceKind::Omni, ow_, "ow");
  ir_.references = std::move(images_);
  ir_.references.insert(ir_.references.end(), refs_.begin(), refs_.end());
  // The writer's order (images, --sref, --cref, --oref), so parse(emit(ir)) keeps it.
  std::stable_sort(ir_.references.begin(), ir_.references.end(),
                   [](const Reference& a, const Reference& b) { return a.kind < b.kind; });
  // Weighted negatives are written as `text::-w` and weight-1 ones as `--no`: this order
  // survives a round trip.
  std::stable_partition(ir_.negative.begin(), ir_.negative.end(),
                        [](const Term& t) { return t.weight != 1.0; });
}

}  // namespace promptport::mj
