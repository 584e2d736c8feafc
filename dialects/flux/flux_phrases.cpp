// Phrase rules of the Flux prose template: words, style items and camera phrases.
#include "flux/flux_phrases.h"

#include <algorithm>
#include <array>

#include "flux/flux_words.h"
#include "promptport/text.h"
#include "promptport/vocab.h"

namespace promptport::flux {
namespace {

// Media written "rendered as a X": works a picture can be one of.
constexpr std::array<std::string_view, 62> kCountableMedia{
    "painting",      "illustration", "drawing",   "sketch",    "poster",        "cover",
    "photo",         "photograph",   "still",     "render",    "rendering",     "model",
    "sculpture",     "sculpt",       "carving",   "print",     "screenprint",   "lithograph",
    "engraving",     "etching",      "woodcut",   "linocut",   "mural",         "fresco",
    "collage",       "diorama",      "miniature", "mosaic",    "tapestry",      "sticker",
    "tattoo",        "logo",         "icon",      "emoji",     "pictogram",     "wallpaper",
    "screenshot",    "capture",      "polaroid",  "tintype",   "daguerreotype", "cyanotype",
    "card",          "toy",          "figure",    "book",      "comic",         "cartoon",
    "caricature",    "storyboard",   "blueprint", "schematic", "infographic",   "visualization",
    "visualisation", "section",      "view",      "sprite",    "sheet",         "portrait",
    "shot",          "manuscript"};
// Media written "rendered as X" without an article.
constexpr std::array<std::string_view, 14> kMassMedia{
    "art",   "artwork",    "photography", "design",   "footage", "photojournalism", "anime",
    "manga", "papercraft", "origami",     "graffiti", "lineart", "linework",        "comics"};
// Film stocks and cameras: "shot on Kodak Portra 400", "shot on 35mm film".
constexpr std::array<std::string_view, 18> kShotOnWords{
    "dslr",       "hasselblad", "leica",  "fujifilm",  "gopro",  "imax",
    "kodachrome", "ektachrome", "velvia", "cinestill", "portra", "ilford",
    "kodak",      "lomography", "vhs",    "camcorder", "instax", "8mm"};

// Light-sentence items that need no head word.
constexpr std::array<std::string_view, 11> kLightNouns{
    "bloom",      "glow",      "flash",        "fog",         "haze", "mist",
    "scattering", "occlusion", "illumination", "chiaroscuro", "sss"};
constexpr std::array<std::string_view, 5> kColorAsIs{"contrast", "duotone", "tritone",
                                                     "technicolor", "bypass"};
constexpr std::array<std::string_view, 10> kColorPalette{
    "monochrome", "monochromatic", "white", "b&w",      "b/w",
    "grayscale",  "greyscale",     "sepia", "colorful", "colourful"};
constexpr std::array<std::string_view, 14> kMoodNouns{
    "nostalgia", "solitude", "awe",      "scale",      "tension", "horror", "wonder",
    "mystery",   "romance",  "serenity", "loneliness", "chaos",   "dread",  "despair"};

bool is_light_kind(StyleKind k) {
  return k == StyleKind::Lighting || k == StyleKind::Color || k == StyleKind::Mood ||
         k == StyleKind::Quality;
}

// The head word of the light sentence that occurs last tells the kind of an item
// ("moody lighting" is lighting, "colorful atmosphere" mood).
std::optional<StyleKind> marker_kind_of(std::string_view s) {
  std::optional<StyleKind> kind;
  std::array<char, 48> buf;  // words are short: lower-case them without allocating
  for_each_word(s, [&](std::string_view w) {
    std::string long_word;
    std::string_view lw;
    if (w.size() <= buf.size()) {
      for (std::size_t i = 0; i < w.size(); ++i)
        buf[i] = w[i] >= 'A' && w[i] <= 'Z' ? static_cast<char>(w[i] - 'A' + 'a') : w[i];
      lw = std::string_view(buf.data(), w.size());
    } else {
      long_word = text::lower_ascii(w);
      lw = long_word;
    }
    auto has = [&](std::string_view part) { return lw.find(part) != std::string_view::npos; };
    auto ends = [&](std::string_view part) { return lw.ends_with(part); };
    if (has("light") || (ends("lit") && lw != "split"))
      kind = StyleKind::Lighting;
    else if (((lw.starts_with("color") || lw.starts_with("colour")) && !has("colorful") &&
              !has("colourful")) ||
             ((ends("color") || ends("colour") || ends("colors") || ends("colours") ||
               ends("colored") || ends("coloured")) &&
              !lw.starts_with("watercol")) ||
             lw.starts_with("palette") || lw == "scheme" || lw == "tone" || lw == "tones" ||
             lw == "toned" || lw == "hue" || lw == "hues")
      kind = StyleKind::Color;
    else if (lw == "mood" || lw == "moods" || lw == "atmosphere" || lw == "atmospheres" ||
             lw == "vibe" || lw == "vibes" || lw == "ambience" || lw == "ambiance")
      kind = StyleKind::Mood;
  });
  return kind;
}

std::string spelt_out(std::string_view canonical) {
  std::string s(canonical);
  std::replace(s.begin(), s.end(), '-', ' ');
  return s;
}

std::string shot_text_of(std::string_view canonical) {
  const std::string_view p = vocab::shot_phrase(canonical);
  if (!p.empty()) return std::string(p);
  std::string s = spelt_out(canonical);
  if (!ends_with_ci(s, "shot")) s += " shot";
  return s;
}

std::string angle_text_of(std::string_view canonical) {
  const std::string_view p = vocab::angle_phrase(canonical);
  return p.empty() ? spelt_out(canonical) : std::string(p);
}

struct CameraPhrase {
  std::string text;
  std::string_view canonical;
};

template <std::size_t N>
std::vector<CameraPhrase> phrase_table(const std::array<std::string_view, N>& list,
                                       std::string (*text_of)(std::string_view)) {
  std::vector<CameraPhrase> out;
  for (auto c : list) out.push_back({text_of(c), c});
  return out;
}

std::string_view canonical_for(std::string_view phrase, const std::vector<CameraPhrase>& table) {
  phrase = text::trim(phrase);
  for (const auto& p : table)
    if (equals_ci(phrase, p.text)) return p.canonical;
  return {};
}

}  // namespace

std::string_view article(std::string_view phrase) {
  const std::string_view w = phrase.substr(0, phrase.find(' '));
  if (w.empty()) return "a";
  const char c = lower(w[0]);
  if (is_digit(c)) {
    std::size_t n = 0;
    while (n < w.size() && is_digit(w[n])) ++n;
    // eight, eighty, eighteen, eleven ("an 85mm lens", "an 18th century")
    if (c == '8') return "an";
    if ((w.starts_with("11") || w.starts_with("18")) && (n == 2 || n == 5)) return "an";
    return "a";
  }
  if (!is_alpha(c)) return "a";
  // Initialisms are read letter by letter: "an HDR", "an f/1.8", "a UV".
  std::size_t letters = 0;
  bool all_upper = true;
  while (letters < w.size() && is_alpha(w[letters])) {
    all_upper = all_upper && is_upper(w[letters]);
    ++letters;
  }
  if (letters == 1 || (letters >= 2 && letters <= 4 && all_upper)) {
    static constexpr std::string_view kAnLetters = "aefhilmnorsx";
    return kAnLetters.find(c) != std::string_view::npos ? "an" : "a";
  }
  static constexpr std::array<std::string_view, 8> kYouSound{"uni", "use", "usu", "uti",
                                                             "uto", "ura", "eu",  "one"};
  static constexpr std::array<std::string_view, 4> kSilentH{"hour", "honest", "honor", "heir"};
  for (auto p : kYouSound)
    if (starts_with_ci(w, p)) return "a";
  for (auto p : kSilentH)
    if (starts_with_ci(w, p)) return "an";
  return (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') ? "an" : "a";
}

std::string_view strip_article(std::string_view s) {
  if (starts_with_ci(s, "a ")) return s.substr(2);
  if (starts_with_ci(s, "an ")) return s.substr(3);
  return s;
}

std::string join_and(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

void upper_first(std::string& s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
}

bool ends_sentence(std::string_view s) {
  for (auto close : {std::string_view("\""), std::string_view("\xE2\x80\x9D"),
                     std::string_view("'"), std::string_view(")")}) {
    if (s.ends_with(close)) {
      s.remove_suffix(close.size());
      break;
    }
  }
  if (s.empty()) return false;
  const char c = s.back();
  return c == '.' || c == '!' || c == '?' || s.ends_with("\xE3\x80\x82") ||
         s.ends_with("\xEF\xBC\x81") || s.ends_with("\xEF\xBC\x9F");
}

bool bare_punctuation(std::string_view s) {
  s = text::trim(s);
  return !s.empty() && s.find_first_not_of(".!?,;: ") == std::string_view::npos;
}

bool equals_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && equals_ci(s.substr(0, prefix.size()), prefix);
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && equals_ci(s.substr(s.size() - suffix.size()), suffix);
}

MediumForm medium_form(std::string_view s) {
  const std::string_view last = last_word(s);
  if (one_of(last, kCountableMedia)) return MediumForm::Countable;
  if (one_of(last, kMassMedia) || ends_with_ci(last, "photography")) return MediumForm::Mass;
  bool shot_on = equals_ci(last, "film") || equals_ci(s, "35mm") || equals_ci(s, "super 8") ||
                 equals_ci(s, "medium format");
  for_each_word(s, [&](std::string_view w) { shot_on = shot_on || one_of(w, kShotOnWords); });
  return shot_on ? MediumForm::ShotOn : MediumForm::Material;
}

Clause clause_of(StyleKind kind, std::string_view text) {
  switch (kind) {
    case StyleKind::Medium:
      // "oil painting style" reads as "with an oil painting style", not "rendered in ..."
      if (ends_with_ci(text::trim(text), " style")) return Clause::Aesthetic;
      return medium_form(text) == MediumForm::ShotOn ? Clause::ShotOn : Clause::Medium;
    case StyleKind::Artist:
      return Clause::Artist;
    case StyleKind::Movement:
    case StyleKind::Aesthetic:
    case StyleKind::Other:
      return Clause::Aesthetic;
    default:
      return Clause::Light;
  }
}

Clause clause_of(const StyleTerm& term) { return clause_of(term.kind, term.text); }

std::string light_item(StyleKind kind, std::string_view s) {
  std::string out(s);
  const std::string_view last = last_word(s);
  if (marker_kind_of(s)) {
    // "backlit", "softly lit": "With a backlit scene" reads, "With backlit" does not.
    if (text::lower_ascii(last).ends_with("lit") && !equals_ci(last, "split")) out += " scene";
    return out;
  }
  switch (kind) {
    case StyleKind::Lighting:
      if (!one_of(last, kLightNouns) && !(last.size() > 3 && lower(last.back()) == 's'))
        out += " lighting";
      break;
    case StyleKind::Color:
      if (one_of(last, kColorPalette))
        out += " palette";
      else if (!one_of(last, kColorAsIs))
        out += " colors";
      break;
    case StyleKind::Mood:
      if (equals_ci(last, "moody"))
        out += " atmosphere";  // not "moody mood"
      else if (!one_of(last, kMoodNouns))
        out += " mood";
      break;
    default: {
      static constexpr std::array<std::string_view, 3> kComposition{"symmetrical", "symmetric",
                                                                    "centered"};
      if (one_of(last, kComposition))
        out += " composition";
      else if (equals_ci(s, "sharp"))
        out += " details";
      else if (equals_ci(s, "crisp") || equals_ci(s, "clean"))
        out += " lines";
      break;
    }
  }
  return out;
}

std::optional<StyleKind> head_kind(std::string_view s) { return marker_kind_of(s); }

std::optional<StyleKind> light_kind(std::string_view s) {
  if (auto k = marker_kind_of(s)) return k;
  const vocab::Placement p = vocab::classify(s);
  if (p.slot == vocab::Slot::Style && is_light_kind(p.kind)) return p.kind;
  return std::nullopt;
}

StyleKind aesthetic_kind(std::string_view s) {
  const vocab::Placement p = vocab::classify(s);
  if (p.slot == vocab::Slot::Style &&
      (p.kind == StyleKind::Movement || p.kind == StyleKind::Aesthetic ||
       p.kind == StyleKind::Other))
    return p.kind;
  return StyleKind::Aesthetic;
}

// Names are short and have no articles or prepositions; this keeps "a garden and a pond"
// out of an artist list ("hayao miyazaki + brian froud + kim jung gi" is still a name).
bool name_like(std::string_view s) {
  static constexpr std::array<std::string_view, 10> kStop{"a",  "an",   "the", "with", "in",
                                                          "on", "into", "is",  "are",  "and"};
  int words = 0;
  bool stop = false;
  for_each_word(s, [&](std::string_view w) {
    ++words;
    stop = stop || one_of(w, kStop);
  });
  return words == 1 || (words > 1 && words <= 10 && !stop);
}

namespace {

// "Dramatic lighting", "Futuristic" read as sentence starts in the middle of a clause; a
// name keeps its capital ("Rembrandt lighting", "Pixar style").
std::string lower_title(std::string s) {
  const std::string_view first = std::string_view(s).substr(0, s.find(' '));
  if (first.size() > 1 && is_upper(first[0]) && std::none_of(s.begin() + 1, s.end(), is_upper) &&
      vocab::classify(first).kind != StyleKind::Artist)
    s[0] = lower(s[0]);
  return s;
}

}  // namespace

std::string clause_item(const StyleTerm& term) {
  std::string_view s = text::trim(term.text);
  // End marks belong to the sentence, not the item ("by Ashley Wood.").
  while (!s.empty() && (s.back() == '.' || s.back() == ',' || s.back() == ';' || s.back() == ':'))
    s = text::trim(s.substr(0, s.size() - 1));
  // A list piece after an Oxford comma: "..., and Craig Mullins".
  for (auto lead : {std::string_view("and "), std::string_view("& ")})
    if (starts_with_ci(s, lead) && s.size() > lead.size()) s = text::trim(s.substr(lead.size()));
  static constexpr std::array<std::string_view, 3> kStyleOf{"in the style of ", "in style of ",
                                                            "style of "};
  const Clause clause = clause_of(term);
  // "rendered as in the style of a fresco" says it twice.
  if (clause == Clause::Medium || clause == Clause::ShotOn)
    for (auto p : kStyleOf)
      if (starts_with_ci(s, p) && s.size() > p.size()) {
        s = text::trim(s.substr(p.size()));
        break;
      }
  switch (clause) {
    case Clause::Medium:
      // The clause gives a countable work its article by sound ("a oil painting" reads badly).
      if (medium_form(s) == MediumForm::Countable && strip_article(s).size() < s.size() &&
          strip_article(s).find_first_not_of(' ') != std::string_view::npos)
        s = text::trim(strip_article(s));
      return lower_title(std::string(s));
    case Clause::ShotOn:
      return std::string(s);
    case Clause::Artist: {
      static constexpr std::array<std::string_view, 16> kPrefixes{
          "in the style of ", "in style of ",     "style of ",       "art by ",
          "style by ",        "artwork by ",      "painting by ",    "illustration by ",
          "inspired by ",     "made by ",         "painted by ",     "drawn by ",
          "illustrated by ",  "photographed by ", "photography by ", "by "};
      for (auto p : kPrefixes)
        if (starts_with_ci(s, p) && s.size() > p.size()) {
          s = text::trim(s.substr(p.size()));
          break;
        }
      // "Richard Schmid style": the clause says "in the style of" already.
      if (ends_with_ci(s, " style") && !text::trim(s.substr(0, s.size() - 6)).empty())
        s = text::trim(s.substr(0, s.size() - 6));
      return std::string(s);
    }
    case Clause::Aesthetic: {
      static constexpr std::array<std::string_view, 6> kPrefixes{"rendered in ",  "rendered with ",
                                                                 "render in ",    "rendered by ",
                                                                 "rendering by ", "rendering in "};
      for (auto p : kPrefixes)
        if (starts_with_ci(s, p) && s.size() > p.size()) s = text::trim(s.substr(p.size()));
      for (auto suffix : {std::string_view(" aesthetics"), std::string_view(" aesthetic")})
        if (ends_with_ci(s, suffix) && s.size() > suffix.size())
          s = text::trim(s.substr(0, s.size() - suffix.size()));
      return lower_title(std::string(s));
    }
    case Clause::Light:
      return lower_title(light_item(term.kind, s));
  }
  return std::string(s);
}

std::string lens_phrase(std::string_view lens) {
  std::string out(text::trim(lens));
  if (text::lower_ascii(out).find("lens") == std::string::npos) out += " lens";
  return out;
}

std::string_view lens_value(std::string_view phrase) {
  std::string_view s = strip_article(text::trim(phrase));
  if (ends_with_ci(s, " lens") && s.size() > 5) s = text::trim(s.substr(0, s.size() - 5));
  return s;
}

std::string shot_text(std::string_view canonical) { return shot_text_of(canonical); }
std::string angle_text(std::string_view canonical) { return angle_text_of(canonical); }

std::string_view shot_from_text(std::string_view phrase) {
  static constexpr std::array<std::string_view, 8> kShots{
      "extreme-close-up", "close-up", "medium-close-up", "medium", "cowboy", "full", "wide",
      "extreme-wide"};
  static const std::vector<CameraPhrase> table = phrase_table(kShots, &shot_text_of);
  return canonical_for(phrase, table);
}

std::string_view angle_from_text(std::string_view phrase) {
  static constexpr std::array<std::string_view, 8> kAngles{
      "eye-level", "low-angle", "high-angle",        "overhead",
      "worms-eye", "dutch",     "over-the-shoulder", "pov"};
  static const std::vector<CameraPhrase> table = phrase_table(kAngles, &angle_text_of);
  return canonical_for(phrase, table);
}

}  // namespace promptport::flux
