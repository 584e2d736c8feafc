// The Midjourney writer's parameters: canonical order, references, sizes, options.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "midjourney_lex.h"
#include "midjourney_params.h"
#include "midjourney_writer.h"
#include "promptport/text.h"

namespace promptport::mj {
namespace {

// "1920:1080" -> "16:9", "2.39:1" -> "239:100"; nullopt when not two positive numbers.
std::optional<std::string> mj_ratio(std::string_view ratio) {
  std::size_t colon = ratio.find(':');
  if (colon == std::string_view::npos) colon = ratio.find('x');
  if (colon == std::string_view::npos) return std::nullopt;
  auto w = text::parse_double(text::trim(ratio.substr(0, colon)));
  auto h = text::parse_double(text::trim(ratio.substr(colon + 1)));
  if (!w || !h || *w <= 0 || *h <= 0 || *w > 1e12 || *h > 1e12) return std::nullopt;
  for (int i = 0; i < 4 && (*w != std::floor(*w) || *h != std::floor(*h)); ++i) {
    *w *= 10;
    *h *= 10;
  }
  return text::reduce_ratio(std::llround(*w), std::llround(*h));
}

// The value of an extensions.midjourney entry as written after its flag; nullopt for
// `false` (a flag that is off).
std::optional<std::string> value_text(const nlohmann::json& v) {
  if (v.is_boolean()) return v.get<bool>() ? std::optional<std::string>("") : std::nullopt;
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (v.is_number()) return text::format_number(v.get<double>());
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (const auto& item : v)
      if (auto t = value_text(item)) out += (out.empty() ? "" : " ") + *t;
    return out;
  }
  return v.dump();
}

}  // namespace

const nlohmann::json* Writer::ext(std::string_view key) const {
  if (!ext_) return nullptr;
  auto it = ext_->find(key);
  return it == ext_->end() ? nullptr : &*it;
}

// A value that reads as an image URL is glued on with ':' ("--ar:<https://x>"), so that
// it stays this parameter's value; URL parameters (url_value) take theirs after a space.
void Writer::flag(std::string_view name, std::string_view value, bool url_value) {
  std::string p(name);
  if (!url_value && param_like(value))
    p += ':';
  else if (!value.empty())
    p += ' ';
  p += value;
  params_.push_back({std::move(p), url_value});
}

// One extensions.midjourney setting. By default the writer writes what current Midjourney
// accepts: retired parameters are dropped, numbers snapped into the target version's range,
// values of the wrong shape dropped, each reported; -O legacy=keep writes them as read.
void Writer::setting(const ParamSpec& spec, const nlohmann::json& value) {
  const auto text = value_text(value);
  if (!text) return;
  const std::string key(spec.key), field = "extensions.midjourney." + key;
  const std::string name = spec.emit_as.empty() ? "--" + key : std::string(spec.emit_as);
  const bool url =
      spec.kind == Kind::Url || spec.kind == Kind::Urls || spec.kind == Kind::StyleRefs;
  if (keep_) return flag(name, *text, url);
  auto drop = [&](const std::string& why) {
    report(diags_, Code::DroppedParameter, Severity::Warning,
           fmt::format("{}{}{} {}; dropped", name, text->empty() ? "" : " ", *text, why), field);
  };
  if (spec.legacy) return drop(fmt::format("is a retired parameter ({})", spec.versions));
  const Range* range = range_for(spec, version_);
  switch (spec.kind) {
    case Kind::Number:
    case Kind::Integer: {
      const auto v = value.is_number() ? std::optional<double>(value.get<double>())
                                       : text::parse_double(*text);
      if (!v) return drop("is not a number");
      if (spec.target == Target::Seed) return drop("is not a seed Midjourney takes (0-4294967295)");
      double written = range && !in_range(*range, *v) ? snap(*range, *v) : *v;
      if (spec.kind == Kind::Integer) written = std::round(written);
      if (written != *v)
        report(diags_, Code::SnappedValue, Severity::Info,
               fmt::format("{} {} is outside {} (version {}); written as {}", name, *text,
                           range ? describe(*range) : "whole numbers",
                           text::format_number(version_), text::format_number(written)),
               field);
      return flag(name, text::format_number(written));
    }
    case Kind::Word:
    case Kind::Version:
    case Kind::OptionalNumber:
      if (!value.is_boolean() && range && !in_set(range->allowed, *text))
        return drop("is not " + describe(*range));
      return flag(name, *text);
    case Kind::Url:
      if (spec.target == Target::Extension && !url_of(*text).empty())
        return flag(name, *text, true);
      return drop("is not a URL");
    case Kind::Urls:
    case Kind::StyleRefs:
      return drop(spec.kind == Kind::Urls ? "is not a URL" : "is not a URL, code or random");
    default:
      return flag(name, *text, url);
  }
}

// --ar from params.aspect_ratio, else from pixel sizes (approximated), else a malformed one
// read from the prompt. -O legacy=keep writes a Midjourney prompt's 2022 --w/--h back.
void Writer::aspect_ratio() {
  const Params& p = ir_.params;
  std::optional<std::string> ratio;
  if (p.aspect_ratio) {
    ratio = mj_ratio(*p.aspect_ratio);
    if (!ratio)
      report(diags_, Code::DroppedParameter, Severity::Warning,
             "aspect ratio " + *p.aspect_ratio + " is not W:H; dropped", "params.aspect_ratio");
  } else if (const nlohmann::json* bad = ext("aspect"); bad && bad->is_string()) {
    const std::string raw = bad->get<std::string>();
    if (keep_) {
      flag("--ar", raw);
    } else if ((ratio = mj_ratio(raw))) {
      report(diags_, Code::ApproximatedParameter, Severity::Info,
             "--ar " + raw + " is written in whole numbers as --ar " + *ratio,
             "extensions.midjourney.aspect");
    } else {
      report(diags_, Code::DroppedParameter, Severity::Warning,
             "--ar " + raw + " is not W:H; dropped", "extensions.midjourney.aspect");
    }
  }
  const bool pixels = keep_ && from_mj_;
  if (!pixels && (p.width || p.height)) {
    if (!ratio && !p.aspect_ratio && p.width && p.height)
      ratio = text::reduce_ratio(*p.width, *p.height);
    for (const auto& [value, field] :
         {std::pair{p.width, "params.width"}, {p.height, "params.height"}}) {
      if (!value) continue;
      if (ratio && p.width && p.height)
        report(diags_, Code::ApproximatedParameter, Severity::Info,
               fmt::format("{} {}: Midjourney has no pixel sizes; {}x{} is written as --ar {}",
                           field, *value, *p.width, *p.height, *ratio),
               field);
      else
        report(diags_, Code::DroppedParameter, Severity::Warning,
               fmt::format("Midjourney has no pixel sizes; {} {} dropped", field, *value), field);
    }
  }
  if (ratio) flag("--ar", *ratio);
  if (pixels && p.width) flag("--w", std::to_string(*p.width));
  if (pixels && p.height) flag("--h", std::to_string(*p.height));
  for (const ParamSpec* spec : {&width_spec(), &height_spec()})  // malformed 2022 sizes
    if (const nlohmann::json* v = ext(spec->key)) setting(*spec, *v);
}

void Writer::references(Target target) {
  auto weight_of = [&](ReferenceKind kind) -> std::optional<double> {
    std::optional<double> first;
    for (const Reference& r : ir_.references) {
      if (r.kind != kind || !r.weight) continue;
      if (!first)
        first = r.weight;
      else if (!same_weight(*first, *r.weight))
        report(diags_, Code::ApproximatedParameter, Severity::Info,
               "Midjourney has one weight per reference kind; the first one is used", "references");
    }
    return first;
  };
  auto list = [&](ReferenceKind kind, bool weights) {
    std::string out;
    for (const Reference& r : ir_.references) {
      if (r.kind != kind) continue;
      append(out, r.uri);
      if (weights && r.weight) out += "::" + text::format_number(*r.weight);
    }
    return out;
  };
  auto weight_flag = [&](ReferenceKind kind, std::string_view key) {
    const ParamSpec& spec = *find_by_key(key);
    if (auto w = weight_of(kind))
      setting(spec, *w);
    else if (const nlohmann::json* v = ext(key))
      setting(spec, *v);
  };
  auto list_flag = [&](ReferenceKind kind, std::string_view name, std::string_view key) {
    if (std::string s = list(kind, kind == ReferenceKind::Style); !s.empty()) flag(name, s, true);
    // A value that was no URL or code comes back as its own (merged) parameter.
    if (const nlohmann::json* v = ext(key)) setting(*find_by_key(key), *v);
  };
  switch (target) {
    case Target::ImageWeight:
      return weight_flag(ReferenceKind::Image, "iw");
    case Target::StyleRefs:
      return list_flag(ReferenceKind::Style, "--sref", "sref");
    case Target::CharacterRefs:
      return list_flag(ReferenceKind::Character, "--cref", "cref");
    case Target::CharacterWeight:
      return weight_flag(ReferenceKind::Character, "cw");
    case Target::OmniWeight:
      return weight_flag(ReferenceKind::Omni, "ow");
    default:
      break;
  }
  bool omni = false;  // Target::OmniRef
  for (const Reference& r : ir_.references) {
    if (r.kind != ReferenceKind::Omni) continue;
    if (omni) {
      report(diags_, Code::DroppedReference, Severity::Warning,
             "Midjourney takes one --oref; " + r.uri + " dropped", "references", r.span);
      continue;
    }
    flag("--oref", r.uri, true);
    omni = true;
  }
  if (!omni)
    if (const nlohmann::json* v = ext("oref")) setting(*find_by_key("oref"), *v);
}

// Flux ultra's `raw` (less processed, more natural images) is nearest to --style raw.
void Writer::raw_from_flux() {
  const auto flux = ir_.extensions.find("flux");
  if (flux == ir_.extensions.end() || !flux->is_object()) return;
  const auto raw = flux->find("raw");
  if (raw == flux->end() || !raw->is_boolean()) return;
  carried_.push_back("extensions.flux.raw");
  if (!raw->get<bool>()) return;  // not raw is Midjourney's default
  report(diags_, Code::ApproximatedParameter, Severity::Info,
         "Flux raw mode is written as --style raw, its nearest Midjourney setting",
         "extensions.flux.raw");
  flag("--style", "raw");
}

// Parameters in the table's order (midjourney_params.cpp), then unknown ones as written,
// then --no, whose comma list runs to the end.
std::string Writer::parameters() {
  for (const ParamSpec& spec : all_params()) {
    const nlohmann::json* value = ext(spec.key);
    switch (spec.target) {
      case Target::AspectRatio:
        aspect_ratio();
        continue;
      case Target::Width:
      case Target::Height:
      case Target::Negative:
        continue;  // with --ar; --no last
      case Target::ImageWeight:
      case Target::StyleRefs:
      case Target::CharacterRefs:
      case Target::CharacterWeight:
      case Target::OmniRef:
      case Target::OmniWeight:
        references(spec.target);
        continue;
      case Target::Seed:
        if (ir_.params.seed && (*ir_.params.seed < 0 || *ir_.params.seed > 4294967295LL)) {
          report(diags_, Code::DroppedParameter, Severity::Warning,
                 fmt::format("seed {} is outside Midjourney's 0-4294967295; dropped",
                             *ir_.params.seed),
                 "params.seed");
        } else if (ir_.params.seed) {
          flag("--seed", std::to_string(*ir_.params.seed));
          continue;
        }
        break;
      case Target::MotionIntensity: {
        const std::string& m = ir_.motion_intensity;
        if (!m.empty() && (from_mj_ || video_)) {
          carried_.push_back("motion_intensity");
          if (m != "low" && m != "high")
            report(diags_, Code::ApproximatedParameter, Severity::Info,
                   "Midjourney's --motion is low or high; " + m + " is written as low",
                   "motion_intensity");
          flag("--motion", m == "high" ? "high" : "low");
          continue;
        }
        break;
      }
      default:
        break;
    }
    if (spec.key == "version" && version_option_) {
      if (value && value->is_string() && value->get<std::string>() != *version_option_)
        report(
            diags_, Code::ApproximatedParameter, Severity::Info,
            "--v " + value->get<std::string>() + " is replaced by -O version=" + *version_option_,
            "extensions.midjourney.version");
      flag("--v", *version_option_);
      continue;
    }
    if (value) {
      setting(spec, *value);
    } else if (spec.key == "style") {
      raw_from_flux();
    }
  }
  if (ext_) {
    for (auto it = ext_->begin(); it != ext_->end(); ++it) {
      if (it.key() == "unknown" && it->is_object()) {  // perhaps /prefer options: as written
        for (auto u = it->begin(); u != it->end(); ++u)
          if (auto text = value_text(*u)) flag("--" + u.key(), *text);
      } else if (!find_by_key(it.key())) {
        if (auto text = value_text(*it)) flag("--" + it.key(), *text);
      }
    }
  }
  std::string no;
  bool weights_dropped = false;
  for (const Term& t : ir_.negative) {
    if (!in_no(t)) continue;
    if (!same_weight(t.weight, 1.0) && relative_negatives_)
      report(diags_, Code::ApproximatedNegative, Severity::Info,
             "negative term \"" + t.text + "\" has no usable weight; written in --no", "negative",
             t.span);
    weights_dropped = weights_dropped || !same_weight(t.weight, 1.0);
    if (!t.text.empty()) no += (no.empty() ? "" : param_like(t.text) ? "," : ", ") + t.text;
  }
  if (!no.empty()) flag("--no", no);
  if (weights_dropped && !relative_negatives_)
    report(diags_, Code::ApproximatedWeight, Severity::Info,
           "negative prompt weights are dropped: --no takes plain terms", "negative");
  // A value that ends in something URL-like would read as a trailing image prompt if it
  // came last; another parameter after it keeps it a value.
  if (params_.size() > 1 && !params_.back().url_value) {
    const std::string& last = params_.back().text;
    const std::size_t space = last.find_last_of(' ');
    if (space != std::string::npos && !url_of(last.substr(space + 1)).empty())
      std::rotate(params_.rbegin(), params_.rbegin() + 1, params_.rend());
  }
  std::string out;
  for (const Written& w : params_) append(out, w.text);
  return out;
}

}  // namespace promptport::mj
