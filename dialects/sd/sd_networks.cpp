// Extra networks (modules/extra_networks.py, extensions-builtin/Lora).
#include "sd/sd_networks.h"

#include <fmt/format.h>

#include <algorithm>

#include "promptport/text.h"
#include "sd/sd_attention.h"

namespace promptport::sd {
namespace {

std::vector<std::string> split_args(const std::string& args) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= args.size(); ++i)
    if (i == args.size() || args[i] == ':') {
      out.push_back(args.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

bool is_lora(const std::string& type) { return type == "lora" || type == "lyco"; }

// The LoRA name a networks tag writes, or "" when it is not a LoRA tag.
std::string lora_name(const std::string& tag) {
  if (tag.size() < 3 || tag.front() != '<' || tag.back() != '>') return {};
  const std::string inner = tag.substr(1, tag.size() - 2);
  const std::size_t colon = inner.find(':');
  if (colon == std::string::npos || !is_lora(inner.substr(0, colon))) return {};
  return split_args(inner.substr(colon + 1)).front();
}

}  // namespace

std::vector<Network> take_networks(Mapped& m) {
  std::vector<Network> out;
  Mapped rest;
  std::size_t copied = 0;
  const std::string& s = m.text;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '<') continue;
    std::size_t j = i + 1;
    while (j < s.size() && is_word_byte(s[j]) && static_cast<unsigned char>(s[j]) < 0x80) ++j;
    if (j == i + 1 || j >= s.size() || s[j] != ':') continue;
    const std::size_t close = s.find('>', j + 1);
    if (close == std::string::npos || close == j + 1) continue;
    rest.append_from(m, copied, i);
    out.push_back({s.substr(i + 1, j - i - 1), s.substr(j + 1, close - j - 1),
                   s.substr(i, close + 1 - i), m.span(i, close + 1)});
    copied = close + 1;
    i = close;
  }
  if (out.empty()) return out;
  rest.append_from(m, copied, s.size());
  m = std::move(rest);
  return out;
}

void read_networks(const std::vector<Network>& networks, Prompt& ir, Diagnostics& diags) {
  auto keep = [&](const Network& n) { ir.extensions["sd"]["networks"].push_back(n.tag); };
  for (const Network& n : networks) {
    if (!is_lora(n.type)) {
      if (n.type != "hypernet")
        report(diags, Code::UnknownParameter, Severity::Warning,
               fmt::format("{} is not a LoRA or hypernetwork; kept as written", n.tag), n.tag,
               n.span);
      keep(n);
      continue;
    }
    const std::vector<std::string> args = split_args(n.args);
    std::optional<double> te = 1.0;
    bool extra = args.size() > 2;
    std::string bad;
    for (std::size_t i = 1; i < args.size(); ++i) {
      const std::string& a = args[i];
      const std::size_t eq = a.find('=');
      if (eq != std::string::npos) {
        extra = true;
        if (a.substr(0, eq) != "te") continue;
        te = text::parse_double(a.substr(eq + 1));
        if (!te) bad = a;
      } else if (i == 1) {
        te = text::parse_double(a);
        if (!te) bad = a;
      }
    }
    if (!bad.empty()) {
      report(diags, Code::InvalidValue, Severity::Warning,
             fmt::format("{}: '{}' is not a weight; the tag is kept as written", n.tag, bad),
             "loras", n.span);
      keep(n);
      continue;
    }
    ir.loras.push_back(Lora{args[0], *te});
    if (extra) keep(n);  // unet multiplier, dyn or named arguments
  }
}

std::string write_networks(const Prompt& ir) {
  std::vector<std::string> tags;
  if (auto d = ir.extensions.find("sd"); d != ir.extensions.end() && d->is_object())
    if (auto n = d->find("networks"); n != d->end() && n->is_array())
      for (const auto& t : *n)
        if (t.is_string()) tags.push_back(t.get<std::string>());
  // LoRAs and tags interleaved so that both keep their order when read back.
  auto tagged = [&](const Lora& l) {
    return std::any_of(tags.begin(), tags.end(),
                       [&](const std::string& t) { return lora_name(t) == l.name; });
  };
  std::string out;
  std::size_t i = 0, j = 0;
  while (i < ir.loras.size() || j < tags.size()) {
    if (i < ir.loras.size() && (!tagged(ir.loras[i]) || j == tags.size())) {
      out +=
          fmt::format(" <lora:{}:{}>", ir.loras[i].name, text::format_number(ir.loras[i].weight));
      ++i;
      continue;
    }
    if (i < ir.loras.size() && lora_name(tags[j]) == ir.loras[i].name) ++i;
    out += " " + tags[j++];
  }
  return out;
}

}  // namespace promptport::sd
