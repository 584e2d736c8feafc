// Unit tests for the shared vocabulary: placing fragments, boosters, moves, motion verbs.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "promptport/vocab.h"

namespace {

using promptport::StyleKind;
using promptport::to_string;
using promptport::vocab::camera_move;
using promptport::vocab::classify;
using promptport::vocab::Slot;

struct StyleRow {
  std::string_view fragment;
  StyleKind kind;
};

struct CameraRow {
  std::string_view fragment;
  Slot slot;
  std::string_view canonical;  // shot/angle/move value or lens text; "" for a term
  std::string_view speed = "";
};

std::string_view slot_name(Slot s) {
  switch (s) {
    case Slot::Subject:
      return "subject";
    case Slot::Style:
      return "style";
    case Slot::Shot:
      return "shot";
    case Slot::Angle:
      return "angle";
    case Slot::Lens:
      return "lens";
    case Slot::Move:
      return "move";
    case Slot::CameraTerm:
      return "term";
  }
  return "?";
}

}  // namespace

TEST_CASE("style fragments get their kind") {
  const StyleRow rows[] = {
      // media
      {"35mm film still", StyleKind::Medium},
      {"watercolor", StyleKind::Medium},
      {"Oil painting", StyleKind::Medium},
      {"3d render", StyleKind::Medium},
      {"pixel art", StyleKind::Medium},
      {"charcoal sketch", StyleKind::Medium},
      {"matte painting", StyleKind::Medium},
      {"Polaroid", StyleKind::Medium},
      {"renaissance painting", StyleKind::Medium},
      {"highly detailed digital painting", StyleKind::Medium},
      {"shot on Kodak Portra 400", StyleKind::Medium},
      {"shot on 35mm film", StyleKind::Medium},
      {"in the style of a medieval fresco", StyleKind::Medium},
      {"a watercolor", StyleKind::Medium},
      // artists
      {"by Greg Rutkowski", StyleKind::Artist},
      {"art by Alphonse Mucha", StyleKind::Artist},
      {"style by Craig Mullins", StyleKind::Artist},
      {"in the style of Craig Mullins", StyleKind::Artist},
      {"inspired by Moebius", StyleKind::Artist},
      {"greg rutkowski", StyleKind::Artist},
      {"Studio Ghibli", StyleKind::Artist},
      {"Mike Mignola style", StyleKind::Artist},
      {"by Renato Muccillo and Andreas Rocha", StyleKind::Artist},
      {"by wlop and artgerm", StyleKind::Artist},
      {"and charlie bowater and craig mullins", StyleKind::Artist},
      {"Zdzisław Beksiński", StyleKind::Artist},
      {"H.R. Giger", StyleKind::Artist},
      {"oil painting in the style of Rembrandt", StyleKind::Artist},
      {"peter mohrbacher james jean", StyleKind::Artist},
      // movements
      {"art nouveau", StyleKind::Movement},
      {"Impressionism", StyleKind::Movement},
      {"cyberpunk", StyleKind::Movement},
      {"ukiyo-e", StyleKind::Movement},
      {"in the style of ukiyo-e", StyleKind::Movement},
      // aesthetics
      {"octane render", StyleKind::Aesthetic},
      {"Unreal Engine 5 raytracing", StyleKind::Aesthetic},
      {"Octane render and Unreal Engine.", StyleKind::Aesthetic},
      {"8k octane render", StyleKind::Aesthetic},
      {"cinematic", StyleKind::Aesthetic},
      {"photorealistic", StyleKind::Aesthetic},
      {"hyper-realistic", StyleKind::Aesthetic},
      {"retrofuturistic", StyleKind::Aesthetic},
      {"rendered in blender", StyleKind::Aesthetic},
      // lighting
      {"golden hour", StyleKind::Lighting},
      {"volumetric lighting", StyleKind::Lighting},
      {"hard light", StyleKind::Lighting},
      {"soft cinematic lighting", StyleKind::Lighting},
      {"rim light", StyleKind::Lighting},
      {"God rays", StyleKind::Lighting},
      {"by moonlight", StyleKind::Lighting},
      // colour
      {"pastel color palette", StyleKind::Color},
      {"black and white", StyleKind::Color},
      {"teal and orange", StyleKind::Color},
      {"muted tones", StyleKind::Color},
      {"blue and green colour palette", StyleKind::Color},
      // mood
      {"eerie", StyleKind::Mood},
      {"awe inspiring", StyleKind::Mood},
      {"whimsical", StyleKind::Mood},
      {"magical atmosphere", StyleKind::Mood},
      // quality
      {"8k", StyleKind::Quality},
      {"4K resolution", StyleKind::Quality},
      {"trending on artstation", StyleKind::Quality},
      {"post processed 4k", StyleKind::Quality},
      {"highly detailed", StyleKind::Quality},
      {"sharp focus", StyleKind::Quality},
      {"epic composition", StyleKind::Quality},
      {"golden ratio", StyleKind::Quality},
      {"rule of thirds", StyleKind::Quality},
      // spelling variants: width, case, quotes, trailing full stop
      {"ＯＣＴＡＮＥ ＲＥＮＤＥＲ", StyleKind::Aesthetic},
      {"GOLDEN HOUR.", StyleKind::Lighting},
      {"\u201cwatercolor\u201d", StyleKind::Medium},
      {"  Trending   on  ArtStation ", StyleKind::Quality},
  };
  for (const auto& row : rows) {
    CAPTURE(row.fragment);
    const auto p = classify(row.fragment);
    CHECK(slot_name(p.slot) == "style");
    CHECK(to_string(p.kind) == to_string(row.kind));
  }
}

TEST_CASE("camera fragments get their slot and canonical value") {
  const CameraRow rows[] = {
      {"close up", Slot::Shot, "close-up"},
      {"Close-up shot", Slot::Shot, "close-up"},
      {"closeup", Slot::Shot, "close-up"},
      {"extreme close-up", Slot::Shot, "extreme-close-up"},
      {"ECU", Slot::Shot, "extreme-close-up"},
      {"medium close-up", Slot::Shot, "medium-close-up"},
      {"medium shot", Slot::Shot, "medium"},
      {"mid shot", Slot::Shot, "medium"},
      {"cowboy shot", Slot::Shot, "cowboy"},
      {"full body shot", Slot::Shot, "full"},
      {"establishing shot", Slot::Shot, "wide"},
      {"long shot", Slot::Shot, "wide"},
      {"extreme long shot", Slot::Shot, "extreme-wide"},
      {"eye level", Slot::Angle, "eye-level"},
      {"low angle shot", Slot::Angle, "low-angle"},
      {"from below", Slot::Angle, "low-angle"},
      {"high angle", Slot::Angle, "high-angle"},
      {"bird's eye view", Slot::Angle, "overhead"},
      {"Bird\u2019s-eye view", Slot::Angle, "overhead"},
      {"top-down", Slot::Angle, "overhead"},
      {"worm's eye view", Slot::Angle, "worms-eye"},
      {"Dutch angle", Slot::Angle, "dutch"},
      {"over the shoulder", Slot::Angle, "over-the-shoulder"},
      {"POV", Slot::Angle, "pov"},
      {"85mm lens", Slot::Lens, "85mm"},
      {"35mm", Slot::Lens, "35mm"},
      {"f/1.8", Slot::Lens, "f/1.8"},
      {"50mm f/1.8", Slot::Lens, "50mm f/1.8"},
      {"shot with a 50mm lens", Slot::Lens, "50mm"},
      {"fisheye lens", Slot::Lens, "fisheye"},
      {"macro lens", Slot::Lens, "macro"},
      {"anamorphic", Slot::Lens, "anamorphic"},
      {"tilt-shift", Slot::Lens, "tilt-shift"},
      {"wide angle lens", Slot::Lens, "wide angle"},
      {"shallow depth of field", Slot::CameraTerm, ""},
      {"bokeh", Slot::CameraTerm, ""},
      {"film grain", Slot::CameraTerm, ""},
      {"motion blur", Slot::CameraTerm, ""},
      {"long exposure", Slot::CameraTerm, ""},
      {"cinematic wide shot", Slot::CameraTerm, ""},
      {"slow dolly in", Slot::Move, "dolly-in", "slow"},
      {"the camera slowly pushes in", Slot::Move, "dolly-in", "slow"},
      {"fast pan to the left", Slot::Move, "pan-left", "fast"},
      {"pan right", Slot::Move, "pan-right"},
      {"camera tilts up", Slot::Move, "tilt-up"},
      {"quick zoom in", Slot::Move, "zoom-in", "fast"},
      {"zooming out", Slot::Move, "zoom-out"},
      {"pull back", Slot::Move, "dolly-out"},
      {"truck left", Slot::Move, "truck-left"},
      {"pedestal down", Slot::Move, "pedestal-down"},
      {"crane shot", Slot::Move, "crane-up"},
      {"camera orbits around the subject", Slot::Move, "orbit-left"},
      {"orbit right", Slot::Move, "orbit-right"},
      {"tracking shot", Slot::Move, "tracking"},
      {"handheld", Slot::Move, "handheld"},
      {"hand-held camera", Slot::Move, "handheld"},
      {"drone shot", Slot::Move, "aerial"},
      {"FPV drone shot", Slot::Move, "fpv"},
      {"whip pan", Slot::Move, "whip-pan"},
      {"vertigo effect", Slot::Move, "dolly-zoom"},
      {"racking focus", Slot::Move, "rack-focus"},
      {"static shot", Slot::Move, "static"},
      {"locked-off", Slot::Move, "static"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.fragment);
    const auto p = classify(row.fragment);
    CHECK(slot_name(p.slot) == slot_name(row.slot));
    CHECK(p.canonical == row.canonical);
    CHECK(p.speed == row.speed);
  }
}

TEST_CASE("descriptions stay subject") {
  for (std::string_view fragment : {
           "a red fox in deep snow",
           "surrounded by trees",
           "a naval ship in space",
           "hissing cat with tongue out",
           "motor cycle close up",
           "epic space battle with many space ships",
           "by the sea",
           "by hand",
           "face by artgerm",
           "portrait",
           "sunset",
           "red and white",
           "an ornate",
           "crane",
           "pan",
           "drone",
           "circles",
           "static",
           "the camera follows the woman down the street",
           "her face tilted upwards",
           "shot on location in paris",
           "street light",
           "christmas lights",
           "hair style",
           "40k",
           "golden retriever",
           "",
           "   ",
       }) {
    CAPTURE(fragment);
    CHECK(slot_name(classify(fragment).slot) == "subject");
  }
}

TEST_CASE("quality boosters") {
  using promptport::vocab::is_quality_booster;
  for (std::string_view yes : {"masterpiece",
                               "best quality",
                               "8k",
                               "4k",
                               "16k",
                               "UHD",
                               "HD",
                               "4k resolution",
                               "highly detailed",
                               "ultra detailed",
                               "extremely detailed",
                               "intricate details",
                               "trending on artstation",
                               "trending on art station",
                               "artstation",
                               "award winning",
                               "HDR",
                               "professional",
                               "high resolution",
                               "absurdres",
                               "post processed 4k"}) {
    CAPTURE(yes);
    CHECK(is_quality_booster(yes));
  }
  for (std::string_view no : {"unreal engine", "octane render", "ultra realistic", "sharp focus",
                              "epic composition", "8k octane render", "golden hour", "a red fox",
                              "trending on artstation digital art", "40k"}) {
    CAPTURE(no);
    CHECK_FALSE(is_quality_booster(no));
  }
}

TEST_CASE("motion verbs in any regular form") {
  using promptport::vocab::is_motion_verb;
  for (std::string_view yes :
       {"walk",  "walks", "walking", "walked", "run",   "runs",    "running", "ran",
        "fly",   "flies", "flying",  "flew",   "dance", "dancing", "danced",  "turn",
        "turns", "flows", "swaying", "swims",  "swam",  "hopped",  "Running"}) {
    CAPTURE(yes);
    CHECK(is_motion_verb(yes));
  }
  for (std::string_view no : {"table", "red", "the", "snow", "rose", "castle", "", "s"}) {
    CAPTURE(no);
    CHECK_FALSE(is_motion_verb(no));
  }
}

TEST_CASE("camera_move reads phrases about the camera") {
  const CameraRow rows[] = {
      {"push in", Slot::Move, "dolly-in"},
      {"slow dolly in", Slot::Move, "dolly-in", "slow"},
      {"pan to the left", Slot::Move, "pan-left"},
      {"gently tilting downwards", Slot::Move, "tilt-down", "slow"},
      {"zoom", Slot::Move, "zoom-in"},
      {"crane", Slot::Move, "crane-up"},
      {"arc shot", Slot::Move, "orbit-left"},
      {"orbit counterclockwise", Slot::Move, "orbit-right"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.fragment);
    const auto m = camera_move(row.fragment);
    REQUIRE(m.has_value());
    CHECK(m->canonical == row.canonical);
    CHECK(m->speed == row.speed);
  }
  CHECK_FALSE(camera_move("a red fox").has_value());
  CHECK_FALSE(camera_move("slow motion").has_value());
  CHECK_FALSE(camera_move("").has_value());
}

TEST_CASE("writer phrases read back as the same value") {
  using promptport::vocab::angle_phrase;
  using promptport::vocab::move_phrase;
  using promptport::vocab::shot_phrase;
  CHECK(shot_phrase("close-up") == "close-up shot");
  CHECK(shot_phrase("extreme-wide") == "extreme wide shot");
  CHECK(shot_phrase("bogus").empty());
  CHECK(angle_phrase("low-angle") == "a low angle");
  CHECK(angle_phrase("overhead") == "directly overhead");
  CHECK(angle_phrase("over-the-shoulder") == "over the shoulder");
  CHECK(angle_phrase("worms-eye") == "a worm's-eye view");
  CHECK(angle_phrase("").empty());
  CHECK(move_phrase("dolly-in") == "dolly in");
  CHECK(move_phrase("pan-left") == "pan left");
  CHECK(move_phrase("orbit-left") == "orbit left");
  CHECK(move_phrase("sideways").empty());

  for (std::string_view shot : {"extreme-close-up", "close-up", "medium-close-up", "medium",
                                "cowboy", "full", "wide", "extreme-wide"}) {
    CAPTURE(shot);
    const auto p = classify(shot_phrase(shot));
    CHECK(slot_name(p.slot) == "shot");
    CHECK(p.canonical == shot);
  }
  for (std::string_view angle : {"eye-level", "low-angle", "high-angle", "overhead", "worms-eye",
                                 "dutch", "over-the-shoulder", "pov"}) {
    CAPTURE(angle);
    const auto p = classify("from " + std::string(angle_phrase(angle)));
    CHECK(slot_name(p.slot) == "angle");
    CHECK(p.canonical == angle);
  }
  for (std::string_view move :
       {"static",     "pan-left",   "pan-right",   "tilt-up",     "tilt-down",     "dolly-in",
        "dolly-out",  "truck-left", "truck-right", "pedestal-up", "pedestal-down", "zoom-in",
        "zoom-out",   "orbit-left", "orbit-right", "crane-up",    "crane-down",    "roll-left",
        "roll-right", "tracking",   "handheld",    "aerial",      "fpv",           "whip-pan",
        "dolly-zoom", "rack-focus"}) {
    CAPTURE(move);
    const auto m = camera_move(move_phrase(move));
    REQUIRE(m.has_value());
    CHECK(m->canonical == move);
    CHECK(classify(move_phrase(move)).canonical == move);
  }
}

TEST_CASE("odd input does not crash and stays subject") {
  const std::string long_text(5000, 'a');
  CHECK(slot_name(classify(long_text).slot) == "subject");
  const std::string many_words = [] {
    std::string s;
    for (int i = 0; i < 100; ++i) s += "octane render ";
    return s;
  }();
  CHECK(slot_name(classify(many_words).slot) == "subject");
  CHECK(slot_name(classify("...,,,;;;").slot) == "subject");
  CHECK(slot_name(classify(std::string_view("\0\xff\xfe", 3)).slot) == "subject");
  CHECK(slot_name(classify("\xe2\x80").slot) == "subject");
}
