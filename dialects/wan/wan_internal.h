// What the Wan dialect's files share: the open-weights defaults, the -O settings, the data
// tables (the official default negative prompt, Chinese camera and style words), the
// reader, the writer and detection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "promptport/dialect.h"
#include "promptport/vocab.h"

namespace promptport::wan {

constexpr int kFps = 16;               // sample_fps of the T2V configs (REFERENCE §12.1)
constexpr int kDefaultFrames = 81;     // frame_num: 4n+1 frames, 80 frame steps = 5 s at 16 fps
constexpr std::size_t kTextLen = 512;  // umT5 text_len, tokens
constexpr std::string_view kDefaultTask = "t2v-14B";

/// A Wan size, width*height as generate.py's --size writes it.
struct Size {
  int width = 0;
  int height = 0;
  std::string text() const;  ///< "1280*720"
  friend bool operator==(const Size&, const Size&) = default;
};

/// What the -O options chose.
struct Settings {
  std::string task{kDefaultTask};  ///< t2v-14B, t2v-1.3B or t2v-A14B
  bool task_given = false;
  std::optional<std::string> resolution;  ///< "720p" or "480p" when -O resolution is given
  bool default_negative = false;          ///< writer: add the official default negative
  bool keep_default_negative = false;     ///< reader: keep it as plain negative terms
};

/// Reads the options; a value that is not allowed gets an invalid-value warning (field =
/// the option's name) and the default is used.
Settings settings(const Options& options, Diagnostics& diags);

/// The tasks the writer knows and whether `task` is one of them.
const std::vector<std::string_view>& tasks();
bool known_task(std::string_view task);

/// The sizes a task supports (generate.py SUPPORTED_SIZES), landscape first per tier:
/// 1280*720, 720*1280, 832*480, 480*832; t2v-1.3B only the 480p pair.
std::vector<Size> sizes(std::string_view task);

/// "1280*720" or "1280x720" (positive integers); nullopt otherwise.
std::optional<Size> parse_size(std::string_view value);

// --- the official default negative prompt (wan_default_negative.cpp) ----------------------

/// `sample_neg_prompt` of wan/configs/shared_config.py, verbatim.
std::string_view default_negative();
/// Its 28 comma-separated terms, in order.
const std::vector<std::string_view>& default_negative_terms();
/// The index of the first of the 28 terms in `texts` when they occur there as one
/// contiguous run, in order; nullopt otherwise. With `loose_ends`, the first text only has
/// to end with the first term and the last text to start with the last term (fragments cut
/// from a whole record: "Negative prompt: 色调艳丽", "倒着走\nSize: 1280*720").
std::optional<std::size_t> find_default_negative(const std::vector<std::string_view>& texts,
                                                 bool loose_ends = false);
/// Whether `text` contains the default negative as one contiguous run of its terms
/// (separated by any of , ， 、 and spaces), anywhere in a record.
bool contains_default_negative(std::string_view text);

// --- Chinese camera and style words (wan_words_zh.cpp) -------------------------------------

/// The camera slot of a whole Chinese fragment ("镜头缓缓推进" -> Move dolly-in slow, "近景"
/// -> Shot medium-close-up, "仰视视角" -> Angle low-angle, "广角镜头" -> Lens with the
/// fragment as its text, "浅景深" -> CameraTerm); nullopt when the fragment is not one.
std::optional<vocab::Placement> zh_camera(std::string_view fragment);

/// The style kind of a whole Chinese fragment ("水彩画" medium, "CG动画风格" medium, "暖色调"
/// color, "电影感" aesthetic, "XX风格" other); nullopt when it is not a style phrase.
std::optional<StyleKind> zh_style(std::string_view fragment);

/// Whether a Chinese fragment holds a motion verb ("尾巴轻轻摆动", "热气从茶杯中升起").
bool zh_motion(std::string_view fragment);

/// How the writer says a canonical value in Chinese; "" when the table has no phrase.
std::string zh_move(const CameraMove& move);            ///< "镜头缓缓推进", "固定镜头"
std::string_view zh_shot(std::string_view canonical);   ///< "近景"
std::string_view zh_angle(std::string_view canonical);  ///< "仰视视角"

/// Whether `s` holds a CJK ideograph or CJK punctuation (U+3000-U+9FFF, U+FF00-U+FFEF).
bool has_cjk(std::string_view s);

// --- reading, writing, detection ------------------------------------------------------------

/// The labelled lines of Wan's text format.
const std::vector<std::string_view>& labels();

Prompt read(std::string_view text, const Settings& settings, Diagnostics& diags);

/// The camera-first prompt (wan_prompt.cpp): camera moves, the scene (subject and motion),
/// camera language (shot, angle, lens, terms), then style; Chinese canonical camera words
/// when the IR's first words are Chinese.
std::string write_prompt(const Prompt& ir, Diagnostics& diags);
/// The negative terms joined (by "，" next to Chinese, else ", "), the official default first
/// when `add_default` and the terms do not already hold it; `wrote_default` says it was added.
std::string write_negative(const Prompt& ir, bool add_default, bool& wrote_default);
/// About how many umT5 tokens `s` is (Latin words x1.3, marks, CJK characters).
std::size_t approx_tokens(std::string_view s);

Emitted write(const Prompt& ir, const Settings& settings, Diagnostics& diags);
double detect(std::string_view text);

}  // namespace promptport::wan
