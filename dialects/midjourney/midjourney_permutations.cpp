// Midjourney permutation prompts: `a {red, green} bird` becomes one record per combination.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "midjourney_internal.h"
#include "promptport/text.h"

namespace promptport::mj {
namespace {

struct Part;
using Sequence = std::vector<Part>;

// A literal run, or a group `{a, b}` of alternatives. A brace pair without a top-level
// comma is not a permutation (`{a|b}` belongs to other tools) and stays literal text.
struct Part {
  std::string literal;
  std::vector<Sequence> alternatives;
  bool group = false;
};

struct Parser {
  std::string_view s;
  std::size_t i = 0;
  std::size_t groups = 0;  // permutation groups found
  Span first_group{};
  bool too_deep = false;

  // Reads up to the end, or (inside braces) up to the ',' or '}' that ends an alternative.
  Sequence sequence(std::size_t depth) {
    Sequence out;
    auto literal = [&]() -> std::string& {
      if (out.empty() || out.back().group) out.emplace_back();
      return out.back().literal;
    };
    while (i < s.size()) {
      const char c = s[i];
      if (depth > 0 && (c == ',' || c == '}')) break;
      if (depth > 0 && c == '\\' && i + 1 < s.size() && s[i + 1] == ',') {
        literal() += ',';  // `\,` is a comma inside an alternative
        i += 2;
        continue;
      }
      if (c != '{') {
        literal() += c;
        ++i;
        continue;
      }
      if (depth + 1 > kMaxPermutationDepth) {
        too_deep = true;
        return out;
      }
      const std::size_t open = i++;
      Part group;
      group.group = true;
      for (;;) {
        group.alternatives.push_back(sequence(depth + 1));
        if (too_deep || i >= s.size() || s[i] == '}') break;
        ++i;  // the ','
      }
      if (too_deep) return out;
      ++i;  // the '}' (balance was checked before parsing)
      if (group.alternatives.size() == 1) {
        // No comma: the braces are text; nested groups inside still expand.
        literal() += '{';
        for (Part& p : group.alternatives.front()) out.push_back(std::move(p));
        literal() += '}';
        continue;
      }
      if (groups++ == 0)
        first_group = Span{static_cast<std::uint32_t>(open), static_cast<std::uint32_t>(i)};
      out.push_back(std::move(group));
    }
    return out;
  }
};

double count(const Sequence& seq);
double count(const Part& p) {
  if (!p.group) return 1;
  double n = 0;
  for (const Sequence& alt : p.alternatives) n += count(alt);
  return n;
}
double count(const Sequence& seq) {
  double n = 1;
  for (const Part& p : seq) n = std::min(n * count(p), 1e300);
  return n;
}

// The first `cap` expansions of seq, in order (the first group varies slowest). Only the
// first `cap` options of each part can appear in the first `cap` products, and each result
// is built once, so a long line of groups costs cap x its length.
std::vector<std::string> expand(const Sequence& seq, std::size_t cap, bool trim) {
  std::vector<std::vector<std::string>> options(seq.size());
  std::size_t length = 0;
  for (std::size_t p = 0; p < seq.size(); ++p) {
    const Part& part = seq[p];
    if (!part.group) {
      options[p].push_back(part.literal);
    } else {
      for (const Sequence& alt : part.alternatives) {
        if (options[p].size() >= cap) break;
        for (std::string& o : expand(alt, cap - options[p].size(), true))
          options[p].push_back(std::move(o));
      }
    }
    length += options[p].empty() ? 0 : options[p].front().size();
    if (options[p].empty()) return {};
  }
  std::vector<std::string> out;
  std::vector<std::size_t> at(seq.size(), 0);
  while (out.size() < cap) {
    std::string s;
    s.reserve(length + 16);
    for (std::size_t p = 0; p < seq.size(); ++p) s += options[p][at[p]];
    out.push_back(trim ? std::string(text::trim(s)) : std::move(s));
    std::size_t p = seq.size();
    while (p > 0 && ++at[p - 1] == options[p - 1].size()) at[--p] = 0;
    if (p == 0) break;
  }
  return out;
}

}  // namespace

std::vector<std::string> expand_permutations(std::string_view text, Diagnostics& diags) {
  if (text.find('{') == std::string_view::npos && text.find('}') == std::string_view::npos)
    return {std::string(text)};
  long depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') ++depth;
    if (text[i] == '}' && --depth < 0) break;
  }
  if (depth != 0) {
    const std::size_t at = depth > 0 ? text.rfind('{') : text.find('}');
    const auto b = static_cast<std::uint32_t>(at);
    report(diags, Code::UnbalancedBracket, Severity::Warning,
           fmt::format("unbalanced '{}' in a permutation; the text is not expanded",
                       depth > 0 ? '{' : '}'),
           depth > 0 ? "{" : "}", Span{b, b + 1});
    return {std::string(text)};
  }
  Parser parser{text};
  const Sequence seq = parser.sequence(0);
  if (parser.too_deep) {
    report(diags, Code::InvalidInput, Severity::Error,
           fmt::format("permutations nested deeper than {} levels; the text is not expanded",
                       kMaxPermutationDepth),
           "{");
    return {std::string(text)};
  }
  if (parser.groups == 0) return {std::string(text)};
  std::vector<std::string> out = expand(seq, kMaxPermutations, false);
  const double total = count(seq);
  const Span g = parser.first_group;
  const std::string group(text.substr(g.begin, g.end - g.begin));
  if (total > static_cast<double>(kMaxPermutations))
    report(diags, Code::PermutationExpanded, Severity::Warning,
           fmt::format("the permutation makes {} prompts; only the first {} are kept "
                       "(Midjourney's limit per permutation prompt)",
                       text::format_number(total), kMaxPermutations),
           group, g);
  else
    report(diags, Code::PermutationExpanded, Severity::Info,
           fmt::format("the permutation makes {} prompts", out.size()), group, g);
  return out;
}

}  // namespace promptport::mj
