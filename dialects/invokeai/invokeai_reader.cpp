// Placing what the compel reader found: comma fragments into the IR, and the positions of
// .swap()/.blend()/.and() as extensions.invokeai.inline entries.
#include <utility>

#include "invokeai/invokeai_internal.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport::invokeai {
namespace {

bool blank(std::string_view s) { return text::trim(s).empty(); }

// Fragment separators, as kit::place_runs cuts (so one fragment is one place_runs call).
std::size_t separator_length(std::string_view s, std::size_t i) {
  if (s[i] == ',' || s[i] == '\n' || s[i] == '\r') return 1;
  if (s.compare(i, 3, "\xEF\xBC\x8C") == 0 || s.compare(i, 3, "\xE3\x80\x81") == 0) return 3;
  return 0;
}

bool verbatim(const Run& r) { return r.span.end - r.span.begin == r.text.size(); }

class Placer {
 public:
  Placer(Prompt& ir, bool negative, nlohmann::json& entries)
      : ir_(ir), negative_(negative), entries_(entries) {}

  void place(const std::vector<Piece>& pieces) {
    for (const Piece& p : pieces) {
      switch (p.kind) {
        case Piece::Kind::Text:
          cut(p.run);
          break;
        case Piece::Kind::Swap:
          if (blank(p.run.text)) {
            dropped_swap_ = true;
            break;
          }
          swaps_.push_back({runs_.size(), p.syntax, std::string(text::trim(p.run.text))});
          runs_.push_back(kit::WeightedRun{p.run.text, p.run.weight, p.run.span});
          break;
        case Piece::Kind::Cut:
          flush();
          break;
        case Piece::Kind::ConstructBegin:
          flush();
          construct_ = Construct{p.syntax, sizes(), "", 0};
          in_construct_ = true;
          break;
        case Piece::Kind::ConstructEnd:
          flush();
          end_construct();
          break;
      }
    }
    flush();
  }

  bool dropped_swap() const { return dropped_swap_; }

 private:
  struct Sizes {
    std::size_t subject, style, camera;
  };
  struct Swap {
    std::size_t run;
    std::string syntax, text;
  };
  struct Construct {
    std::string syntax;
    Sizes before;
    std::string field;  // of its first term
    std::size_t index;
  };

  Sizes sizes() const {
    if (negative_) return {ir_.negative.size(), 0, 0};
    return {ir_.subject.size(), ir_.style.size(), ir_.camera.terms.size()};
  }

  std::size_t size_of(std::string_view field) const {
    if (field == "negative") return ir_.negative.size();
    if (field == "style") return ir_.style.size();
    if (field == "camera.terms") return ir_.camera.terms.size();
    return ir_.subject.size();
  }

  // A text run cut at separators; a run that was its source verbatim keeps exact spans.
  void cut(const Run& run) {
    const std::string_view s = run.text;
    const bool exact = verbatim(run);
    std::size_t start = 0;
    auto piece = [&](std::size_t end) {
      if (end == start) return;
      Span span = run.span;
      if (exact)
        span = Span{run.span.begin + static_cast<std::uint32_t>(start),
                    run.span.begin + static_cast<std::uint32_t>(end)};
      runs_.push_back(
          kit::WeightedRun{std::string(s.substr(start, end - start)), run.weight, span});
    };
    for (std::size_t i = 0; i < s.size();) {
      const std::size_t sep = separator_length(s, i);
      if (sep == 0) {
        ++i;
        continue;
      }
      piece(i);
      flush();
      i += sep;
      start = i;
    }
    piece(s.size());
  }

  // One fragment: its non-blank runs become terms (the first not joined).
  void flush() {
    std::vector<kit::WeightedRun> runs;
    std::vector<std::pair<std::size_t, const Swap*>> swaps;  // term offset in the fragment
    std::size_t next_swap = 0;
    for (std::size_t k = 0; k < runs_.size(); ++k) {
      const bool is_swap = next_swap < swaps_.size() && swaps_[next_swap].run == k;
      if (!blank(runs_[k].text)) {
        if (is_swap) swaps.push_back({runs.size(), &swaps_[next_swap]});
        runs.push_back(trimmed(std::move(runs_[k])));
      }
      if (is_swap) ++next_swap;
    }
    runs_.clear();
    if (!runs.empty()) {
      const std::string field =
          negative_ ? place_negative(runs) : place_positive(runs, !swaps.empty());
      const std::size_t first = size_of(field) - runs.size();
      for (const auto& [offset, swap] : swaps)
        entries_.push_back({{"field", field},
                            {"index", first + offset},
                            {"syntax", swap->syntax},
                            {"text", swap->text}});
      if (in_construct_ && construct_.field.empty()) {
        construct_.field = field;
        construct_.index = first;
      }
    }
    swaps_.clear();
  }

  static kit::WeightedRun trimmed(kit::WeightedRun r) {
    const std::string_view t = text::trim(r.text);
    if (t.size() != r.text.size() && r.span.end - r.span.begin == r.text.size()) {
      const auto lead = static_cast<std::uint32_t>(t.data() - r.text.data());
      r.span =
          Span{r.span.begin + lead, r.span.begin + lead + static_cast<std::uint32_t>(t.size())};
    }
    r.text = std::string(t);
    return r;
  }

  std::string place_negative(const std::vector<kit::WeightedRun>& runs) {
    for (std::size_t k = 0; k < runs.size(); ++k)
      ir_.negative.push_back(Term{runs[k].text, runs[k].weight, runs[k].span, k > 0});
    return "negative";
  }

  // kit::place_runs classifies the fragment. A fragment holding a .swap() or inside a blend
  // must stay a term (its position is recorded), so a camera word placed in a canonical
  // slot (shot, angle, lens, move) is taken back into camera.terms.
  std::string place_positive(const std::vector<kit::WeightedRun>& runs, bool keep_term) {
    keep_term = keep_term || in_construct_;
    const Sizes before = sizes();
    const Camera camera = keep_term ? ir_.camera : Camera{};
    kit::place_runs(ir_, runs);
    const Sizes after = sizes();
    if (after.subject > before.subject) return "subject";
    if (after.style > before.style) return "style";
    if (after.camera == before.camera && keep_term) {
      std::vector<Term> terms = std::move(ir_.camera.terms);
      ir_.camera = camera;
      ir_.camera.terms = std::move(terms);
      ir_.camera.terms.push_back(Term{runs[0].text, runs[0].weight, runs[0].span});
    }
    return "camera.terms";
  }

  void end_construct() {
    in_construct_ = false;
    if (construct_.field.empty()) {  // it held no words: stands before what follows
      construct_.field = negative_ ? "negative" : "subject";
      construct_.index = size_of(construct_.field);
    }
    const std::size_t count = size_of(construct_.field) - construct_.index;
    entries_.push_back({{"field", construct_.field},
                        {"index", construct_.index},
                        {"syntax", construct_.syntax},
                        {"text", ""},
                        {"count", count}});
  }

  Prompt& ir_;
  bool negative_;
  nlohmann::json& entries_;
  std::vector<kit::WeightedRun> runs_;  // the fragment being collected
  std::vector<Swap> swaps_;             // the .swap() runs among runs_
  Construct construct_;
  bool in_construct_ = false;
  bool dropped_swap_ = false;
};

}  // namespace

void read_prompt(std::string_view text, std::uint32_t base, bool negative, Prompt& ir,
                 nlohmann::json& inline_entries, Diagnostics& diags) {
  const std::string_view field = negative ? "negative" : "subject";
  Syntax syntax = read_syntax(text, base, field, diags);
  for (auto& lora : syntax.loras) ir.loras.push_back(std::move(lora));
  Placer placer(ir, negative, inline_entries);
  placer.place(syntax.pieces);
  if (placer.dropped_swap())
    report(diags, Code::ApproximatedSyntax, Severity::Info,
           ".swap() with an empty replacement leaves nothing to show; left out",
           std::string(field));
}

}  // namespace promptport::invokeai
