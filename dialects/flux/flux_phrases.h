// Phrase rules of the Flux prose template, shared by the writer and the reader so that
// reading what the writer wrote gives the same IR back.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "promptport/ir.h"

namespace promptport::flux {

// --- words ---------------------------------------------------------------------------------

/// "an" before a vowel sound ("an oil painting", "an 85mm lens", "an HDR", "an f/1.8
/// lens"), else "a".
std::string_view article(std::string_view phrase);
/// The phrase without a leading "a " / "an ".
std::string_view strip_article(std::string_view phrase);

/// "a"; "a and b"; "a, b and c".
std::string join_and(const std::vector<std::string>& items);

/// Upper-cases the first byte when it is an ASCII lower-case letter.
void upper_first(std::string& s);

/// True when `s` closes a sentence: . ! ? (also before a closing quote or bracket) or an
/// ideographic full stop; the writer adds no period after it.
bool ends_sentence(std::string_view s);

/// True for text made only of sentence and list marks ("?", "!!", ",;"), which says nothing.
bool bare_punctuation(std::string_view s);

bool equals_ci(std::string_view a, std::string_view b);
bool starts_with_ci(std::string_view s, std::string_view prefix);
bool ends_with_ci(std::string_view s, std::string_view suffix);

// --- style items ----------------------------------------------------------------------------

/// The clauses of the template's style sentence (media, film/camera media, artists,
/// aesthetics) and of its light sentence (lighting, colour, mood, non-booster quality),
/// in the order the writer puts them.
enum class Clause { Medium, ShotOn, Artist, Aesthetic, Light };
inline constexpr int kClauses = 5;

/// The clause a style term is written in.
Clause clause_of(const StyleTerm& term);
Clause clause_of(StyleKind kind, std::string_view text);

/// How a medium reads: "rendered as a X" (countable), "rendered as X" (mass), "rendered in
/// X" (material), "shot on X" (film stocks and cameras).
enum class MediumForm { Countable, Mass, Material, ShotOn };
MediumForm medium_form(std::string_view medium);

/// A style term as its clause writes it: lighting "golden hour" -> "golden hour lighting",
/// artist "by Greg Rutkowski" -> "Greg Rutkowski", aesthetic "vaporwave aesthetic" ->
/// "vaporwave".
std::string clause_item(const StyleTerm& term);

/// The kind told by a head word of the light sentence ("lighting", "colors", "palette",
/// "atmosphere", "mood"...; the last one wins), if any.
std::optional<StyleKind> head_kind(std::string_view s);
/// The light-sentence form of an item of a kind (idempotent): "pastel" -> "pastel colors".
std::string light_item(StyleKind kind, std::string_view s);
/// The kind a light-sentence item reads as (its head word, else the vocabulary); nullopt
/// when it is no lighting, colour, mood or quality phrase.
std::optional<StyleKind> light_kind(std::string_view s);
/// The kind of an aesthetic-clause item: movement, aesthetic or other.
StyleKind aesthetic_kind(std::string_view s);
/// A plausible name for an artist list ("Greg Rutkowski", "studio ghibli").
bool name_like(std::string_view s);

// --- clauses (flux_clauses.cpp) ---------------------------------------------------------------

/// The clause (lower-case start) for items in clause_item form: "rendered in watercolor",
/// "rendered as an oil painting", "shot on Kodak Portra 400", "in the style of A and B",
/// "with a cyberpunk aesthetic", "with golden hour lighting and eerie atmosphere". When a
/// list would not read back as the same items, it is written as several clauses.
std::string write_clause(Clause clause, const std::vector<std::string>& items);

/// The aesthetic clause with the light items in it ("with a cyberpunk aesthetic and soft
/// light"), so that two sentences do not both start with "With"; "" when that would not read
/// back as the same items.
std::string fold_light(const std::string& aesthetic, const std::string& light);

/// A style term read back from a clause.
struct ReadItem {
  std::string text;
  StyleKind kind = StyleKind::Other;
  std::string_view source;  ///< the part of the input it came from (for its span)
};

/// Reads the clause that starts at pieces[i] (the comma pieces of one sentence). Returns
/// how many pieces it spans; 0 when pieces[i] does not start a clause of the template.
std::size_t read_clause(std::span<const std::string_view> pieces, std::size_t i,
                        std::vector<ReadItem>& out);

/// The terms a style term becomes when its clause is written and read back ("by A and B"
/// -> A, B; lighting "golden hour" -> "golden hour lighting"); empty when it does not read
/// back. The Flux reader keeps its style terms in this form so that its round trip holds.
std::vector<ReadItem> reread(const StyleTerm& term);

/// True when the piece starts like a template clause or camera phrase ("with ...",
/// "rendered in ...", "seen from ..."): it ends the list of the clause before it.
bool starts_clause(std::string_view piece);

// --- camera -----------------------------------------------------------------------------------

/// The lens as the camera sentence writes it: "35mm" -> "35mm lens", "fisheye lens" kept.
std::string lens_phrase(std::string_view lens);
/// The lens value of a lens phrase: without a leading article or a trailing " lens".
std::string_view lens_value(std::string_view phrase);

/// The noun phrase for a canonical shot ("close-up shot") and the phrase after "from" for
/// an angle ("a low angle"); unknown values are spelt out. The reverse lookups are
/// case-insensitive and give "" for other text.
std::string shot_text(std::string_view canonical);
std::string angle_text(std::string_view canonical);
std::string_view shot_from_text(std::string_view phrase);
std::string_view angle_from_text(std::string_view phrase);

}  // namespace promptport::flux
