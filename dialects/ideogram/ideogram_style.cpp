// The v3 value lists and the style_type the style terms call for (data beside the rule).
#include <algorithm>
#include <iterator>

#include "ideogram/ideogram_internal.h"
#include "promptport/text.h"

namespace promptport::ideogram {
namespace {

// Words of a style term that make it photographic. Whole words only: "surrealistic" is
// not "realistic", "photobashing" not "photo".
constexpr std::string_view kPhotoWords[] = {
    "photo",          "photos",         "photograph",     "photographs", "photography",
    "photographic",   "photorealistic", "photorealism",   "photoreal",   "realistic",
    "hyperrealistic", "hyperrealism",   "ultrarealistic", "dslr",        "polaroid",
    "kodak",          "portra",         "fujifilm",       "ektachrome",  "kodachrome"};
constexpr std::string_view kPhotoPairs[] = {"35mm film",   "film photography", "film still",
                                            "analog film", "shot on",          "raw photo"};

// Words and word pairs of a style term that make it graphic design.
constexpr std::string_view kDesignWords[] = {
    "logo",        "logos",      "logotype",    "wordmark", "vector", "icon",        "icons",
    "iconography", "typography", "typographic", "sticker",  "emblem", "infographic", "branding"};
constexpr std::string_view kDesignPairs[] = {
    "graphic design", "flat design",      "poster design", "logo design",
    "shirt design",   "packaging design", "label design",  "flat illustration"};

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::string w;
  for (char c : text::lower_ascii(s)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      w += c;
    } else if (!w.empty()) {
      out.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

template <std::size_t N>
bool any_word(const std::vector<std::string>& ws, const std::string_view (&table)[N]) {
  return std::any_of(ws.begin(), ws.end(), [&](const std::string& w) {
    return std::find(std::begin(table), std::end(table), w) != std::end(table);
  });
}

template <std::size_t N>
bool any_pair(const std::vector<std::string>& ws, const std::string_view (&table)[N]) {
  for (std::size_t i = 0; i + 1 < ws.size(); ++i) {
    const std::string pair = ws[i] + " " + ws[i + 1];
    if (std::find(std::begin(table), std::end(table), pair) != std::end(table)) return true;
  }
  return false;
}

}  // namespace

const std::vector<std::string>& ratios() {
  static const std::vector<std::string> r{"1:3",  "3:1",   "1:2",   "2:1", "9:16",
                                          "16:9", "10:16", "16:10", "2:3", "3:2",
                                          "3:4",  "4:3",   "4:5",   "5:4", "1:1"};
  return r;
}

const std::vector<std::string_view>& style_types() {
  static const std::vector<std::string_view> v{"AUTO", "GENERAL", "REALISTIC", "DESIGN", "FICTION"};
  return v;
}

const std::vector<std::string_view>& speeds() {
  static const std::vector<std::string_view> v{"TURBO", "DEFAULT", "QUALITY"};
  return v;
}

const std::vector<std::string_view>& magic_prompt_values() {
  static const std::vector<std::string_view> v{"AUTO", "ON", "OFF"};
  return v;
}

std::string enum_value(std::string_view value, const std::vector<std::string_view>& allowed) {
  std::string up(text::trim(value));
  for (char& c : up)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return std::find(allowed.begin(), allowed.end(), up) != allowed.end() ? up : std::string();
}

std::string_view style_type_for(const Prompt& ir) {
  bool photo = false, design = false, other_art = false;
  for (const auto& t : ir.style) {
    const std::vector<std::string> ws = words(t.text);
    const bool is_photo = any_word(ws, kPhotoWords) || any_pair(ws, kPhotoPairs);
    const bool is_design = any_word(ws, kDesignWords) || any_pair(ws, kDesignPairs);
    photo = photo || is_photo;
    design = design || is_design;
    if (!is_photo && !is_design &&
        (t.kind == StyleKind::Medium || t.kind == StyleKind::Movement ||
         t.kind == StyleKind::Artist))
      other_art = true;
  }
  if (other_art || photo == design) return "";
  return photo ? "REALISTIC" : "DESIGN";
}

}  // namespace promptport::ideogram
