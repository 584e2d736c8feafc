// Unit tests of the sd dialect, and the independent check of A1111 attention weights.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "promptport/promptport.h"
#include "promptport/serialize.h"
#include "promptport/text.h"
#include "sd/sd_attention.h"
#include "sd/sd_schedule.h"
#include "sd/sd_writer.h"
#include "test_data.h"

namespace {

using namespace promptport;

const Dialect& sd_dialect() { return *builtin_registry().find("sd"); }

Prompt parse(std::string_view text, Diagnostics* diags = nullptr) {
  Diagnostics local;
  return sd_dialect().parse(text, {}, diags ? *diags : local);
}

Emitted emit(const Prompt& ir, Diagnostics* diags = nullptr, Options options = {}) {
  Diagnostics local;
  return sd_dialect().emit(ir, options, diags ? *diags : local);
}

bool has(const Diagnostics& diags, Code code, std::string_view field) {
  return std::any_of(diags.begin(), diags.end(),
                     [&](const Diagnostic& d) { return d.code == code && d.field == field; });
}

// --- the reference: parse_prompt_attention written again from its documented rules --------
//
// Deliberately the plain way A1111 documents it: one regex of token alternatives, a list of
// [text, weight] pairs, two stacks of list positions, and each closing bracket multiplying
// the list from its opening position to the end (quadratic, fine for a test). Runs of equal
// weight are merged at the end. A BREAK is kept as the pair ["BREAK", -1].

// Python's \w on a UTF-8 string, as the reference sees it: ASCII letters, digits and '_';
// non-ASCII letters yes, CJK/general punctuation, full-width forms and emoji no.
char32_t py_code_point(const std::string& s, std::size_t i, std::size_t& len) {
  const auto b = static_cast<unsigned char>(s[i]);
  len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (std::size_t k = 1; k < len && i + k < s.size(); ++k)
    c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return c;
}

bool py_word(char32_t c) {
  if (c < 0x80) return std::isalnum(static_cast<int>(c)) || c == '_';
  const bool punct = c < 0xC0 || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x2BFF) ||
                     (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE30 && c <= 0xFE4F) ||
                     (c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
                     (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) ||
                     (c >= 0x1F000 && c <= 0x1FAFF);
  return !punct;
}

bool py_word_at(const std::string& s, std::size_t i) {
  std::size_t len = 0;
  return i < s.size() && py_word(py_code_point(s, i, len));
}

bool py_word_before(const std::string& s, std::size_t i) {
  if (i == 0) return false;
  std::size_t k = i - 1;
  while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
  std::size_t len = 0;
  return py_word(py_code_point(s, k, len));
}

struct RefPair {
  std::string text;
  double weight;
};

std::vector<RefPair> reference_attention(const std::string& text) {
  static const std::regex token(
      R"(\\\(|\\\)|\\\[|\\\]|\\\\|\\|\(|\[|:\s*([+-]?[.\d]+)\s*\)|\)|\]|[^\\()\[\]:]+|:)");
  std::vector<RefPair> res;
  std::vector<std::size_t> round, square;
  auto multiply = [&](std::size_t from, double m) {
    for (std::size_t p = from; p < res.size(); ++p) res[p].weight *= m;
  };
  for (auto it = std::sregex_iterator(text.begin(), text.end(), token);
       it != std::sregex_iterator(); ++it) {
    const std::string t = (*it)[0];
    const bool has_weight = (*it)[1].matched;
    if (t[0] == '\\') {
      res.push_back({t.substr(1), 1.0});
    } else if (t == "(") {
      round.push_back(res.size());
    } else if (t == "[") {
      square.push_back(res.size());
    } else if (has_weight && !round.empty() && promptport::text::parse_double((*it)[1].str())) {
      multiply(round.back(), *promptport::text::parse_double((*it)[1].str()));
      round.pop_back();
    } else if (t == ")" && !round.empty()) {
      multiply(round.back(), 1.1);
      round.pop_back();
    } else if (t == "]" && !square.empty()) {
      multiply(square.back(), 1 / 1.1);
      square.pop_back();
    } else {
      // re.split(r"\s*\bBREAK\b\s*", t): std::regex's \b knows no UTF-8, so the
      // boundary is tested with Python's notion of a word character.
      std::vector<std::string> parts{""};
      for (std::size_t k = 0; k < t.size();) {
        if (t.compare(k, 5, "BREAK") == 0 && !py_word_before(t, k) && !py_word_at(t, k + 5)) {
          std::string& cur = parts.back();
          while (!cur.empty() && std::isspace(static_cast<unsigned char>(cur.back())))
            cur.pop_back();
          k += 5;
          while (k < t.size() && std::isspace(static_cast<unsigned char>(t[k]))) ++k;
          parts.emplace_back();
          continue;
        }
        parts.back() += t[k++];
      }
      for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) res.push_back({"BREAK", -1});
        res.push_back({parts[i], 1.0});
      }
    }
  }
  for (std::size_t pos : round) multiply(pos, 1.1);
  for (std::size_t pos : square) multiply(pos, 1 / 1.1);
  std::vector<RefPair> merged;
  for (auto& p : res) {
    if (!merged.empty() && merged.back().weight == p.weight)
      merged.back().text += p.text;
    else
      merged.push_back(p);
  }
  return merged;
}

// Per character: text and weights; a chunk BREAK is the character '\x01'.
struct CharWeights {
  std::string chars;
  std::vector<double> weights;
};

CharWeights ref_chars(const std::string& text) {
  CharWeights out;
  for (const auto& p : reference_attention(text)) {
    if (p.text == "BREAK" && p.weight == -1) {
      out.chars += '\x01';
      out.weights.push_back(0);
      continue;
    }
    for (char c : p.text) {
      out.chars += c;
      out.weights.push_back(p.weight);
    }
  }
  return out;
}

CharWeights our_chars(const std::string& text) {
  CharWeights out;
  for (const auto& p : sd::parse_attention(text).pieces) {
    if (p.is_break) {
      out.chars += '\x01';
      out.weights.push_back(0);
      continue;
    }
    for (char c : p.text) {
      out.chars += c;
      out.weights.push_back(p.weight);
    }
  }
  return out;
}

bool same_weights(const std::string& text) {
  const CharWeights a = ref_chars(text), b = our_chars(text);
  if (a.chars != b.chars) return false;
  for (std::size_t i = 0; i < a.weights.size(); ++i)
    if (std::fabs(a.weights[i] - b.weights[i]) > 1e-6) return false;
  return true;
}

// Every IR term of the parsed prompt carries, on each of its characters, the weight the
// reference gives there. Terms are found in order in the reference's text.
bool ir_agrees(const std::string& prompt, bool negative) {
  const std::string text = negative ? "Negative prompt: " + prompt : prompt;
  const Prompt ir = parse(text);
  std::string clean = std::regex_replace(prompt, std::regex(R"(<\w+:[^>]+>)"), "");
  if (negative) clean = prompt;
  const CharWeights ref = ref_chars(clean);
  std::vector<const Term*> terms;
  if (negative) {
    for (const auto& t : ir.negative) terms.push_back(&t);
  } else {
    for (const auto& t : ir.subject) terms.push_back(&t);
    for (const auto& t : ir.style) terms.push_back(&t);
    for (const auto& t : ir.camera.terms) terms.push_back(&t);
    std::stable_sort(terms.begin(), terms.end(),
                     [](const Term* a, const Term* b) { return a->span->begin < b->span->begin; });
  }
  std::size_t cursor = 0;
  for (const Term* t : terms) {
    const std::size_t at = ref.chars.find(t->text, cursor);
    if (at == std::string::npos) return false;
    for (std::size_t k = at; k < at + t->text.size(); ++k)
      if (std::fabs(ref.weights[k] - t->weight) > 1e-6) return false;
    cursor = at + t->text.size();
  }
  return true;
}

// Prompts whose IR is A1111's attention alone: no AND, no prompt editing, no infotext.
bool attention_only(const std::string& p) {
  static const std::regex and_word(R"(\bAND\b)");
  if (std::regex_search(p, and_word)) return false;
  const auto res = sd::resolve_schedule(p);
  if (!res.constructs.empty()) return false;
  if (p.find('#') != std::string::npos || p.find("Negative prompt:") != std::string::npos)
    return false;
  return p.find(':') == std::string::npos || p.find('\n') == std::string::npos;
}

const std::vector<std::string> kHandWritten{
    "normal text",
    "an (important) word",
    "(unbalanced",
    "\\(literal\\]",
    "(unnecessary)(parens)",
    "a (((house:1.3)) [on] a (hill:0.5), sun, (((sky))).",
    "(((house:1.3)) [[cat]]",
    "((a:1.5))",
    "[[x]]",
    "(x:1.2) [y]",
    "( text : -0.5 )",
    "(a:0) b",
    "(a [b) c]",
    "[a (b] c)",
    "(a:1.2.3)",
    "a:1.2) b",
    "a) b] c",
    "((a)",
    "[a]]",
    "\\\\(x)",
    "(a\\)b)",
    "a\\b \\ c\\",
    "(café:1.2), 東京 (夜景)",
    "a BREAK b",
    "(a BREAK b)",
    "BREAKING news BREAK, x",
    "a\nBREAK\nb",
    "masterpiece, (best quality:1.4), ((1girl)), [blurry:1.2], (red:1.1) (blue:0.9)",
    "(a (b (c (d:1.5):0.5) e) f)",
    "[[[x]]] (((y))) ((([z])))",
    "(: 1.5)",
    "(x:.5) (y:5.) (z:+1)",
    "(x::1.2) (y:a:1.3)",
};

}  // namespace

// --- the reference check ---------------------------------------------------------------------

TEST_CASE("sd: attention weights equal the reference parse_prompt_attention (hand-written)") {
  for (const auto& p : kHandWritten) {
    CAPTURE(p);
    CHECK(same_weights(p));
    if (attention_only(p)) CHECK(ir_agrees(p, false));
  }
}

TEST_CASE("sd: A1111's documented examples, derived by hand") {
  auto w = [](const std::string& text, const std::string& piece) {
    for (const auto& p : sd::parse_attention(text).pieces)
      if (p.text == piece) return p.weight;
    return -99.0;
  };
  CHECK(w("an (important) word", "important") == doctest::Approx(1.1));
  CHECK(w("an (important) word", "an ") == doctest::Approx(1.0));
  CHECK(w("(unbalanced", "unbalanced") == doctest::Approx(1.1));
  // (((house:1.3)): the innermost is ×1.3, the next ×1.1, the first stays open: ×1.1 at the end.
  CHECK(w("(((house:1.3)) [[cat]]", "house") == doctest::Approx(1.573));
  CHECK(w("(((house:1.3)) [[cat]]", "cat") == doctest::Approx(1.1 / 1.21));
  CHECK(w("a (((house:1.3)) [on] a (hill:0.5), sun, (((sky))).", "hill") == doctest::Approx(0.55));
  CHECK(w("a (((house:1.3)) [on] a (hill:0.5), sun, (((sky))).", "sky") == doctest::Approx(1.4641));
  CHECK(w("a (((house:1.3)) [on] a (hill:0.5), sun, (((sky))).", "on") == doctest::Approx(1.0));
  CHECK(w("((a:1.5))", "a") == doctest::Approx(1.65));
  CHECK(w("[[x]]", "x") == doctest::Approx(1 / 1.21));
  CHECK(w("(a [b) c]", "b") == doctest::Approx(1.0));
  CHECK(w("(a [b) c]", " c") == doctest::Approx(1 / 1.1));
  // The IR merges equal neighbours: one term.
  const Prompt ir = parse("(unnecessary)(parens)");
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "unnecessaryparens");
  CHECK(ir.subject[0].weight == doctest::Approx(1.1));
  const Prompt lit = parse("\\(literal\\)");
  REQUIRE(lit.subject.size() == 1);
  CHECK(lit.subject[0].text == "(literal)");
}

TEST_CASE("sd: attention weights equal the reference on every real prompt") {
  const std::string path = testing::real_data_file("sd/civitai-mixed.jsonl");
  if (path.empty()) {
    MESSAGE("sd/civitai-mixed.jsonl is absent; skipped");
    return;
  }
  std::ifstream in(path);
  std::string line;
  std::size_t checked = 0, mismatches = 0, ir_checked = 0, ir_mismatches = 0;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) continue;
    for (const char* key : {"prompt", "negative_prompt"}) {
      if (!j.contains(key) || !j[key].is_string()) continue;
      const std::string p = j[key].get<std::string>();
      ++checked;
      if (!same_weights(p)) {
        ++mismatches;
        MESSAGE("attention mismatch: " << p);
      }
      const bool negative = std::string_view(key) == "negative_prompt";
      if (attention_only(p) && p.find("<") == std::string::npos) {
        ++ir_checked;
        if (!ir_agrees(p, negative)) {
          ++ir_mismatches;
          MESSAGE("IR mismatch: " << p);
        }
      }
    }
  }
  MESSAGE("A1111 reference: " << checked << " prompts, " << mismatches
                              << " mismatches; IR terms of " << ir_checked << " prompts, "
                              << ir_mismatches << " mismatches");
  CHECK(checked > 0);
  CHECK(mismatches == 0);
  CHECK(ir_mismatches == 0);
}

// --- reading ------------------------------------------------------------------------------

TEST_CASE("sd: prompt editing resolves to the text a user keeps, with inline entries") {
  const Prompt ir = parse("a [cat:dog:0.5] [fe|]male, [old::10] house, [tree:0.3]");
  REQUIRE(ir.subject.size() >= 4);
  CHECK(ir.subject[1].text == "dog");
  CHECK(ir.subject[2].text == "female");
  const auto& inl = ir.extensions["sd"]["inline"];
  REQUIRE(inl.size() == 4);
  CHECK(inl[0]["syntax"] == "[cat:dog:0.5]");
  CHECK(inl[0]["text"] == "dog");
  CHECK(inl[1]["syntax"] == "[fe|]male");
  CHECK(inl[2]["text"] == "old");
  CHECK(inl[3]["text"] == "tree");
  const Prompt nested = parse("a[b:[c:d:2]:1]e");
  REQUIRE(nested.subject.size() == 1);
  CHECK(nested.subject[0].text == "ade");
}

TEST_CASE("sd: a prompt A1111 cannot parse is used verbatim with one literal-text warning") {
  Diagnostics diags;
  const Prompt ir = parse("a | b, [cat:dog:0.5]", &diags);
  CHECK(has(diags, Code::LiteralText, "subject"));
  CHECK(!ir.extensions.contains("sd"));
  REQUIRE(ir.subject.size() == 2);
  CHECK(ir.subject[1].text == "cat:dog:0.5");
  CHECK(ir.subject[1].weight == doctest::Approx(1 / 1.1));
  // Stray brackets at the top level are fine: "[a:b:c]" is not editing, just attention.
  Diagnostics d2;
  const Prompt s = parse("[a:b:c] x", &d2);
  CHECK(!has(d2, Code::LiteralText, "subject"));
  CHECK(s.subject[0].text == "a:b:c");
}

TEST_CASE("sd: AND sub-prompts and their weights") {
  const Prompt ir = parse("a cat :1.2 AND a dog AND a bird :2");
  REQUIRE(ir.subject.size() == 3);
  const auto& inl = ir.extensions["sd"]["inline"];
  REQUIRE(inl.size() == 3);
  CHECK(inl[0] ==
        nlohmann::json({{"field", "subject"}, {"index", 1}, {"syntax", ":1.2 AND"}, {"text", ""}}));
  CHECK(inl[1]["syntax"] == "AND");
  CHECK(inl[1]["index"] == 2);
  CHECK(inl[2]["syntax"] == ":2");
  CHECK(inl[2]["index"] == 3);
  CHECK(emit(ir).prompt == "a cat :1.2 AND a dog AND a bird :2");
}

TEST_CASE("sd: BREAK ends a chunk; inside brackets it is a word") {
  const Prompt ir = parse("a red fox BREAK snowy forest");
  REQUIRE(ir.subject.size() == 2);
  CHECK(ir.extensions["sd"]["inline"][0]["syntax"] == "BREAK");
  CHECK(emit(ir).prompt == "a red fox BREAK snowy forest");
  Diagnostics diags;
  const Prompt w = parse("(c BREAK d)", &diags);
  CHECK(has(diags, Code::LiteralText, "subject"));
  CHECK(w.subject[1].weight == doctest::Approx(-1.1));
}

TEST_CASE("sd: unbalanced brackets and bad weights") {
  Diagnostics diags;
  parse("((unclosed, x) y", &diags);
  CHECK(has(diags, Code::UnbalancedBracket, "("));
  Diagnostics stray;
  parse("x) y]", &stray);
  CHECK(has(stray, Code::UnbalancedBracket, ")"));
  CHECK(has(stray, Code::UnbalancedBracket, "]"));
  Diagnostics d2;
  parse("(a:1.2.3)", &d2);
  CHECK(has(d2, Code::InvalidValue, "subject"));
}

TEST_CASE("sd: extra networks") {
  Diagnostics diags;
  const Prompt ir = parse(
      "a cat <lora:add_detail:0.8>, <lora:plain> <lora:x:0.5:0.7> <hypernet:h:1> <lyco:y:0.6> "
      "<foo:bar> <lora:bad:abc>",
      &diags);
  REQUIRE(ir.loras.size() == 4);  // not the one with a bad weight
  CHECK(ir.loras[0].name == "add_detail");
  CHECK(ir.loras[0].weight == doctest::Approx(0.8));
  CHECK(ir.loras[1].weight == doctest::Approx(1));
  CHECK(ir.loras[2].weight == doctest::Approx(0.5));
  CHECK(ir.loras[3].name == "y");
  const auto& nets = ir.extensions["sd"]["networks"];
  CHECK(nets ==
        nlohmann::json({"<lora:x:0.5:0.7>", "<hypernet:h:1>", "<foo:bar>", "<lora:bad:abc>"}));
  CHECK(has(diags, Code::UnknownParameter, "<foo:bar>"));
  CHECK(has(diags, Code::InvalidValue, "loras"));
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "a cat");
  CHECK(emit(ir).prompt ==
        "a cat <lora:add_detail:0.8> <lora:plain:1> <lora:x:0.5:0.7> <lora:y:0.6> "
        "<hypernet:h:1> <foo:bar> <lora:bad:abc>");
}

TEST_CASE("sd: infotext in") {
  Diagnostics diags;
  const Prompt ir = parse(
      "# a note\n  # another\nmasterpiece, a fox\nsecond line\nNegative prompt: blurry,\n"
      "lowres\nSteps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7.5, Seed: "
      "965400086, Size: 832x1216, Model hash: 45dee52b, Model: \"a, b\", Clip skip: 2, "
      "Lora hashes: \"x: abc\"",
      &diags);
  CHECK(ir.extensions["sd"]["comments"] == nlohmann::json({"# a note", "  # another"}));
  CHECK(ir.params.steps == 20);
  CHECK(*ir.params.guidance == doctest::Approx(7.5));
  CHECK(ir.params.seed == 965400086);
  CHECK(ir.params.width == 832);
  CHECK(ir.params.height == 1216);
  CHECK(ir.params.aspect_ratio == "13:19");
  CHECK(ir.extensions["sd"]["sampler"] == "DPM++ 2M");
  CHECK(ir.extensions["sd"]["schedule_type"] == "Karras");
  CHECK(ir.extensions["sd"]["model"] == "a, b");
  CHECK(ir.extensions["sd"]["clip_skip"] == "2");
  CHECK(ir.extensions["sd"]["lora_hashes"] == "x: abc");
  REQUIRE(ir.negative.size() == 2);
  CHECK(ir.negative[1].text == "lowres");
  CHECK(ir.subject.size() == 2);
  CHECK(ir.style.size() == 1);  // masterpiece
  CHECK(diags.empty());
  // Seed -1 and bad numbers.
  Diagnostics d2;
  const Prompt bad = parse("x\nSteps: many, Seed: -1, CFG scale: 7", &d2);
  CHECK(!bad.params.seed);
  CHECK(has(d2, Code::InvalidValue, "params.seed"));
  CHECK(has(d2, Code::InvalidValue, "extensions.sd.steps"));
  CHECK(bad.extensions["sd"]["steps"] == "many");
  // A prompt line with three "key: value" look-alikes is still a prompt.
  const Prompt p = parse("(cat:1.2), (dog:1.3), (fox:1.1)");
  CHECK(p.subject.size() == 3);
  // Leniency: a lone known key reads as the parameter line.
  const Prompt s = parse("Size: 1344x768");
  CHECK(s.subject.empty());
  CHECK(s.params.width == 1344);
}

// --- writing ------------------------------------------------------------------------------

TEST_CASE("sd: weights, escapes and order") {
  Prompt ir;
  ir.subject = {
      Term{"a", 1.0, {}},        Term{"red", 1.3, {}, true}, Term{"fox (x)", 1.1, {}, true},
      Term{"snow", 1 / 1.1, {}}, Term{"sky", 1.65, {}},      Term{"dim", 1 / 1.21, {}}};
  StyleTerm st;
  st.text = "watercolor";
  st.kind = StyleKind::Medium;
  ir.style.push_back(st);
  ir.camera.shot = "close-up";
  ir.camera.angle = "low-angle";
  ir.camera.lens = "35mm";
  CHECK(emit(ir).prompt ==
        "a (red:1.3) (fox \\(x\\)), [snow], (sky:1.65), (dim:0.83), watercolor, close-up shot, "
        "from a low angle, 35mm");
  Prompt words;
  words.subject = {Term{"rock AND roll", 1.0, {}}, Term{"#1 fan", 1.0, {}}};
  CHECK(emit(words).prompt == "rock and roll, #1 fan");
  Prompt hash;
  hash.subject = {Term{"#1 fan", 1.0, {}}};
  CHECK(emit(hash).prompt == "\\#1 fan");
}

TEST_CASE("sd: [text] is written only where A1111 cannot read it as prompt editing") {
  Prompt ir;
  ir.subject = {Term{"knight | samurai", 1.0, {}}, Term{"forest:desert:0.6", 1 / 1.1, {}}};
  CHECK(emit(ir).prompt == "knight | samurai, [forest:desert:0.6]");  // the '|' fails the grammar
  ir.subject[0].text = "knight";
  CHECK(emit(ir).prompt == "knight, (forest:desert:0.6:0.91)");
  CHECK(same_content(parse(emit(ir).prompt), parse("knight, (forest:desert:0.6:0.91)")));
}

TEST_CASE("sd: weights from Midjourney are converted") {
  Prompt ir;
  ir.source = Source{"midjourney", "red fox::2"};
  ir.subject = {Term{"red fox", 2.0, {}}};
  CHECK(emit(ir).prompt == "(red fox:1.3)");
}

TEST_CASE("sd: sizes, request and infotext out") {
  Prompt ir;
  ir.subject = {Term{"a lighthouse", 1.0, {}}};
  ir.negative = {Term{"blurry", 1.0, {}}, Term{"text", 1.4, {}}};
  ir.params.aspect_ratio = "16:9";
  ir.params.seed = 42;
  ir.params.steps = 30;
  ir.params.guidance = 7;
  ir.extensions["sd"]["sampler"] = "Euler a";
  ir.extensions["sd"]["model"] = "juggernaut";
  ir.extensions["sd"]["clip_skip"] = "2";
  ir.extensions["sd"]["denoising_strength"] = "0.7";
  ir.extensions["sd"]["comments"] = {"# mine"};
  Diagnostics diags;
  const Emitted out = emit(ir, &diags);
  CHECK(out.request["width"] == 1344);
  CHECK(out.request["height"] == 768);
  CHECK(out.request["negative_prompt"] == "blurry, (text:1.4)");
  CHECK(out.request["sampler_name"] == "Euler a");
  CHECK(out.request["batch_size"] == 1);
  CHECK(out.request["override_settings"]["sd_model_checkpoint"] == "juggernaut");
  CHECK(out.request["override_settings"]["CLIP_stop_at_last_layers"] == 2);
  CHECK(has(diags, Code::SnappedAspectRatio, "params.aspect_ratio"));
  CHECK(out.text ==
        "# mine\na lighthouse\nNegative prompt: blurry, (text:1.4)\nSteps: 30, Sampler: Euler a, "
        "CFG scale: 7, Seed: 42, Size: 1344x768, Model: juggernaut, Clip skip: 2, Denoising "
        "strength: 0.7");
  Diagnostics d15;
  const Emitted sd15 = emit(ir, &d15, {{"model", "sd15"}});
  CHECK(sd15.request["width"] == 896);
  CHECK(sd15.request["height"] == 512);
  Prompt px;
  px.subject = {Term{"x", 1.0, {}}};
  px.params.width = 1001;
  px.params.height = 768;
  Diagnostics dpx;
  CHECK(emit(px, &dpx).request["width"] == 1000);
  CHECK(has(dpx, Code::SnappedValue, "params.width"));
  Prompt empty;
  CHECK(emit(empty).request["negative_prompt"] == "");
}

TEST_CASE("sd: what sd cannot carry is reported") {
  Prompt ir;
  ir.subject = {Term{"x", 1.0, {}}};
  ir.camera.moves.push_back(CameraMove{"dolly-in", "", {}});
  ir.params.duration_s = 5;
  ir.extensions["midjourney"]["chaos"] = 20;
  Diagnostics diags;
  emit(ir, &diags);
  CHECK(has(diags, Code::DroppedMotion, "camera.moves"));
  CHECK(has(diags, Code::DroppedParameter, "params.duration_s"));
  CHECK(has(diags, Code::DroppedParameter, "extensions.midjourney.chaos"));
}

TEST_CASE("sd: the inline construct is written back only while its text is the term's") {
  Prompt ir = parse("a [cat:dog:0.5] sits");
  CHECK(emit(ir).prompt == "a [cat:dog:0.5] sits");
  ir.subject[1].text = "wolf";
  Diagnostics diags;
  CHECK(emit(ir, &diags).prompt == "a wolf sits");
  CHECK(has(diags, Code::ApproximatedSyntax, "extensions.sd.inline"));
  // An enclosing weight is kept around the construct.
  const Prompt w = parse("([cat:dog:0.5]:1.3) x");
  CHECK(w.subject[0].weight == doctest::Approx(1.3));
  CHECK(emit(w).prompt == "([cat:dog:0.5]:1.3) x");
  // Other platforms get the resolved text and an approximated-syntax note.
  Diagnostics d2;
  const Emitted flux = builtin_registry().find("flux")->emit(parse("a [cat:dog:0.5]"), {}, d2);
  CHECK(has(d2, Code::ApproximatedSyntax, "extensions.sd.inline"));
}

TEST_CASE("sd: the token budget names a subject past the first chunk") {
  Prompt ir;
  for (int i = 0; i < 40; ++i) ir.style.push_back(StyleTerm{});
  for (auto& s : ir.style) s.text = "highly detailed";
  ir.subject = {Term{"a red fox", 1.0, {}}};
  Diagnostics diags;
  emit(ir, &diags);  // subject first: nothing to say
  CHECK(!has(diags, Code::PastFirstChunk, "subject"));
  ir.subject[0].span = Span{1000, 1009};
  for (std::size_t i = 0; i < ir.style.size(); ++i)
    ir.style[i].span =
        Span{static_cast<std::uint32_t>(i * 20), static_cast<std::uint32_t>(i * 20 + 15)};
  Diagnostics late;
  emit(ir, &late);
  CHECK(has(late, Code::PastFirstChunk, "subject"));
  CHECK(sd::approx_tokens("masterpiece, best quality") == 6);
}

TEST_CASE("sd: round trips") {
  const std::vector<std::string> prompts{
      "masterpiece, (best quality:1.4), a (red:1.3) fox, [blurry], (sharp)",
      "a [cat:dog:0.5] [fe|]male, house BREAK (castle:1.2), [a|b|c] sky :1.5 AND moon",
      "\\(literal\\), x",
      "portrait <lora:add_detail:0.8> <lora:x:0.5:0.7>\nNegative prompt: (worst quality:1.4), "
      "[ugly:bad:3]\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 832x1216",
      "# comment\nclose-up, a cat",
  };
  for (const auto& p : prompts) {
    CAPTURE(p);
    const Prompt first = parse(p);
    const Emitted out = emit(first);
    CAPTURE(out.text);
    CHECK(same_content(first, parse(out.text)));
  }
}

TEST_CASE("sd: detection") {
  auto d = [](std::string_view t) { return sd_dialect().detect(t); };
  CHECK(d("a\nSteps: 20, Sampler: Euler a, CFG scale: 7") == doctest::Approx(0.97));
  CHECK(d("a cat <lora:x:0.8>") == doctest::Approx(0.9));
  CHECK(d("a (cat:1.2)") == doctest::Approx(0.85));
  CHECK(d("a cat BREAK a dog") == doctest::Approx(0.8));
  CHECK(d("a [cat:dog:0.5]") == doctest::Approx(0.8));
  CHECK(d("a [cat|dog]") == doctest::Approx(0.8));
  CHECK(d("a cat\nNegative prompt: blurry") == doctest::Approx(0.7));
  CHECK(d("((masterpiece)), a cat") == doctest::Approx(0.6));
  CHECK(d("a red fox in the snow") == 0);
  CHECK(d("embedding:easynegative, (x:1.2), <lora:a:1>") <= 0.85);
}

TEST_CASE("sd: deep nesting and long input stay linear") {
  std::string deep(200000, '(');
  deep += "x";
  deep += std::string(200000, ']');
  Diagnostics diags;
  const Prompt ir = parse(deep, &diags);
  CHECK(!ir.subject.empty());
  std::string edits;
  for (int i = 0; i < 50000; ++i) edits += "[a|";
  edits += "x";
  Diagnostics d2;
  parse(edits, &d2);  // every `[` a stray: one failed attempt, not fifty thousand
  CHECK(true);
}

TEST_CASE("sd: every real prompt reads back the same after writing it") {
  const std::string path = testing::real_data_file("sd/civitai-mixed.jsonl");
  if (path.empty()) return;
  std::ifstream in(path);
  std::string line;
  std::size_t checked = 0, differ = 0;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("prompt") || !j["prompt"].is_string()) continue;
    std::string record = j["prompt"].get<std::string>();
    if (j.contains("negative_prompt") && j["negative_prompt"].is_string())
      record += "\nNegative prompt: " + j["negative_prompt"].get<std::string>();
    Prompt first = parse(record);
    Diagnostics diags;
    const Prompt again = parse(emit(first, &diags).text);
    if (has_severity(diags, Severity::Warning)) continue;  // it says itself what it dropped
    ++checked;
    // Weights are written to 2 decimals ((((x))) is 1.331, written (x:1.33)).
    auto near = [](auto& a, const auto& b) {
      for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
        if (std::fabs(a[i].weight - b[i].weight) < 0.006) a[i].weight = b[i].weight;
    };
    near(first.subject, again.subject);
    near(first.style, again.style);
    near(first.camera.terms, again.camera.terms);
    near(first.negative, again.negative);
    if (!same_content(first, again)) {
      ++differ;
      if (differ <= 5)
        MESSAGE("differs after a round trip: " << record << "\n---\n"
                                               << promptport::to_json(first).dump() << "\n---\n"
                                               << promptport::to_json(again).dump());
    }
  }
  MESSAGE("sd round trip: " << checked << " records, " << differ << " differ");
  CHECK(differ == 0);
}
