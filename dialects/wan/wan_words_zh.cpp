// Data tables: the Chinese camera language and style words of Wan prompts (the official
// guide writes camera moves, shot sizes and angles in Chinese: "镜头缓缓推进", "近景",
// "仰视视角"), read into the IR's canonical values and written back. Words are matched as
// whole comma fragments, as the shared English vocabulary matches phrases.
#include <utility>

#include "promptport/text.h"
#include "wan/wan_internal.h"

namespace promptport::wan {
namespace {

struct MoveWord {
  std::string_view verb;
  std::string_view canonical;
  // A word that is far more often about the thing shown ("上升" rises, "跟随" follows) is a
  // camera move only with "镜头" or a speed word around it, as the English vocabulary asks
  // for "camera", a speed or "shot".
  bool bare_ok;
};

// After "镜头" (camera), a speed word and "地" are stripped, and "镜头" at the end.
constexpr MoveWord kMoves[] = {
    {"推进", "dolly-in", true},
    {"向前推进", "dolly-in", true},
    {"前推", "dolly-in", true},
    {"推近", "dolly-in", true},
    {"推", "dolly-in", false},
    {"拉远", "dolly-out", true},
    {"后拉", "dolly-out", true},
    {"向后拉", "dolly-out", true},
    {"向后拉远", "dolly-out", true},
    {"拉出", "dolly-out", false},
    {"拉", "dolly-out", false},
    {"向左摇", "pan-left", true},
    {"左摇", "pan-left", true},
    {"向左摇动", "pan-left", true},
    {"向左摇摄", "pan-left", true},
    {"从右向左摇", "pan-left", true},
    {"向右摇", "pan-right", true},
    {"右摇", "pan-right", true},
    {"向右摇动", "pan-right", true},
    {"向右摇摄", "pan-right", true},
    {"从左向右摇", "pan-right", true},
    {"向上摇", "tilt-up", true},
    {"上摇", "tilt-up", true},
    {"向上摇动", "tilt-up", true},
    {"从下往上摇", "tilt-up", true},
    {"向下摇", "tilt-down", true},
    {"下摇", "tilt-down", true},
    {"向下摇动", "tilt-down", true},
    {"从上往下摇", "tilt-down", true},
    {"向左平移", "truck-left", true},
    {"左平移", "truck-left", true},
    {"从右向左平移", "truck-left", true},
    {"左移", "truck-left", false},
    {"向左移动", "truck-left", false},
    {"向右平移", "truck-right", true},
    {"右平移", "truck-right", true},
    {"从左向右平移", "truck-right", true},
    {"右移", "truck-right", false},
    {"向右移动", "truck-right", false},
    {"上升", "pedestal-up", false},
    {"升起", "pedestal-up", false},
    {"向上移动", "pedestal-up", false},
    {"上移", "pedestal-up", false},
    {"下降", "pedestal-down", false},
    {"向下移动", "pedestal-down", false},
    {"下移", "pedestal-down", false},
    {"变焦推近", "zoom-in", true},
    {"变焦拉近", "zoom-in", true},
    {"变焦放大", "zoom-in", true},
    {"放大", "zoom-in", false},
    {"变焦拉远", "zoom-out", true},
    {"变焦缩小", "zoom-out", true},
    {"缩小", "zoom-out", false},
    {"顺时针环绕", "orbit-left", true},
    {"向左环绕", "orbit-left", true},
    {"环绕拍摄", "orbit-left", true},
    {"360度环绕", "orbit-left", true},
    {"环绕", "orbit-left", false},
    {"逆时针环绕", "orbit-right", true},
    {"向右环绕", "orbit-right", true},
    {"摇臂上升", "crane-up", true},
    {"摇臂下降", "crane-down", true},
    {"向左旋转", "roll-left", false},
    {"旋转", "roll-left", false},
    {"向右旋转", "roll-right", false},
    {"跟随", "tracking", false},
    {"跟拍", "tracking", true},
    {"跟随拍摄", "tracking", true},
    {"跟踪拍摄", "tracking", true},
    {"手持", "handheld", false},
    {"手持拍摄", "handheld", true},
    {"航拍", "aerial", true},
    {"无人机航拍", "aerial", true},
    {"穿越机", "fpv", false},
    {"甩", "whip-pan", false},
    {"希区柯克变焦", "dolly-zoom", true},
    {"焦点转移", "rack-focus", true},
    {"固定", "static", false},
    {"固定机位", "static", true},
};

// How the writer says each move: "镜头" + speed + verb, or (`noun`) speed + a noun phrase
// that already names the camera. Each reads back as its move through kMoves.
struct MoveWriting {
  std::string_view canonical;
  std::string_view words;
  bool noun;
};
constexpr MoveWriting kMoveWriting[] = {
    {"dolly-in", "推进", false},         {"dolly-out", "拉远", false},
    {"pan-left", "向左摇", false},       {"pan-right", "向右摇", false},
    {"tilt-up", "向上摇", false},        {"tilt-down", "向下摇", false},
    {"truck-left", "向左平移", false},   {"truck-right", "向右平移", false},
    {"pedestal-up", "上升", false},      {"pedestal-down", "下降", false},
    {"zoom-in", "变焦推近", false},      {"zoom-out", "变焦拉远", false},
    {"orbit-left", "顺时针环绕", false}, {"orbit-right", "逆时针环绕", false},
    {"crane-up", "摇臂上升", false},     {"crane-down", "摇臂下降", false},
    {"roll-left", "向左旋转", false},    {"roll-right", "向右旋转", false},
    {"tracking", "跟随", false},         {"handheld", "手持镜头", true},
    {"aerial", "航拍镜头", true},        {"fpv", "穿越机镜头", true},
    {"whip-pan", "甩镜头", true},        {"dolly-zoom", "希区柯克变焦", true},
    {"rack-focus", "焦点转移", true},    {"static", "固定镜头", true},
};

constexpr std::pair<std::string_view, std::string_view> kSpeeds[] = {
    {"缓缓", "slow"}, {"缓慢", "slow"}, {"慢慢", "slow"}, {"徐徐", "slow"}, {"轻轻", "slow"},
    {"快速", "fast"}, {"迅速", "fast"}, {"急速", "fast"}, {"飞速", "fast"}, {"猛然", "fast"},
};

struct Word {
  std::string_view word;
  std::string_view canonical;
};

// Shot sizes, Chinese film terms; the first of each size is what the writer says.
constexpr Word kShots[] = {
    {"大特写", "extreme-close-up"},
    {"极特写", "extreme-close-up"},
    {"超特写", "extreme-close-up"},
    {"特写", "close-up"},
    {"特写镜头", "close-up"},
    {"近景", "medium-close-up"},
    {"近景镜头", "medium-close-up"},
    {"中近景", "medium-close-up"},
    {"中景", "medium"},
    {"中景镜头", "medium"},
    {"七分身", "cowboy"},
    {"七分身镜头", "cowboy"},
    {"全景", "full"},
    {"全景镜头", "full"},
    {"全身镜头", "full"},
    {"远景", "wide"},
    {"远景镜头", "wide"},
    {"大远景", "extreme-wide"},
    {"极远景", "extreme-wide"},
    {"大全景", "extreme-wide"},
    {"大特写镜头", "extreme-close-up"},
    {"中全景", "cowboy"},
};

constexpr Word kAngles[] = {
    {"平视视角", "eye-level"},     {"平视", "eye-level"},
    {"平视角度", "eye-level"},     {"平拍", "eye-level"},
    {"仰视视角", "low-angle"},     {"仰视", "low-angle"},
    {"仰拍", "low-angle"},         {"仰视角度", "low-angle"},
    {"低角度", "low-angle"},       {"低角度拍摄", "low-angle"},
    {"低机位", "low-angle"},       {"低角度仰拍", "low-angle"},
    {"俯视视角", "high-angle"},    {"俯视", "high-angle"},
    {"俯拍", "high-angle"},        {"俯视角度", "high-angle"},
    {"高角度", "high-angle"},      {"高角度拍摄", "high-angle"},
    {"高机位", "high-angle"},      {"鸟瞰视角", "overhead"},
    {"鸟瞰", "overhead"},          {"顶视", "overhead"},
    {"顶视角度", "overhead"},      {"俯瞰", "overhead"},
    {"上帝视角", "overhead"},      {"垂直俯拍", "overhead"},
    {"虫眼视角", "worms-eye"},     {"极低角度", "worms-eye"},
    {"荷兰角", "dutch"},           {"荷兰角度", "dutch"},
    {"倾斜角度", "dutch"},         {"过肩镜头", "over-the-shoulder"},
    {"过肩", "over-the-shoulder"}, {"过肩视角", "over-the-shoulder"},
    {"第一人称视角", "pov"},       {"主观视角", "pov"},
    {"主观镜头", "pov"},           {"第一视角", "pov"},
};

// Lenses: the IR keeps lens text verbatim, so the Chinese words stay as written.
constexpr std::string_view kLenses[] = {
    "广角", "广角镜头", "超广角",   "超广角镜头", "长焦",     "长焦镜头", "鱼眼",    "鱼眼镜头",
    "微距", "微距镜头", "微距摄影", "移轴",       "移轴镜头", "移轴摄影", "长焦特写"};

// Camera words with no canonical slot, kept verbatim in camera.terms.
constexpr std::string_view kTerms[] = {"浅景深",   "大光圈浅景深", "景深",     "背景虚化",
                                       "虚化背景", "焦外虚化",     "运动模糊", "镜头光晕",
                                       "胶片颗粒", "慢动作",       "慢镜头",   "延时摄影",
                                       "长镜头",   "一镜到底",     "镜头切换"};

struct StyleWord {
  std::string_view word;
  StyleKind kind;
};

constexpr StyleWord kStyles[] = {
    {"水彩", StyleKind::Medium},
    {"水彩画", StyleKind::Medium},
    {"油画", StyleKind::Medium},
    {"水墨", StyleKind::Medium},
    {"水墨画", StyleKind::Medium},
    {"国画", StyleKind::Medium},
    {"素描", StyleKind::Medium},
    {"插画", StyleKind::Medium},
    {"版画", StyleKind::Medium},
    {"剪纸", StyleKind::Medium},
    {"3D动画", StyleKind::Medium},
    {"CG动画", StyleKind::Medium},
    {"动画", StyleKind::Medium},
    {"二维动画", StyleKind::Medium},
    {"定格动画", StyleKind::Medium},
    {"黏土动画", StyleKind::Medium},
    {"像素艺术", StyleKind::Medium},
    {"漫画", StyleKind::Medium},
    {"动漫", StyleKind::Medium},
    {"日漫", StyleKind::Medium},
    {"纪录片", StyleKind::Medium},
    {"胶片摄影", StyleKind::Medium},
    {"赛博朋克", StyleKind::Movement},
    {"蒸汽朋克", StyleKind::Movement},
    {"印象派", StyleKind::Movement},
    {"极简主义", StyleKind::Movement},
    {"超现实主义", StyleKind::Movement},
    {"浮世绘", StyleKind::Movement},
    {"波普艺术", StyleKind::Movement},
    {"中国风", StyleKind::Movement},
    {"电影感", StyleKind::Aesthetic},
    {"电影质感", StyleKind::Aesthetic},
    {"电影级画质", StyleKind::Aesthetic},
    {"电影画面", StyleKind::Aesthetic},
    {"电影", StyleKind::Aesthetic},
    {"写实", StyleKind::Aesthetic},
    {"超写实", StyleKind::Aesthetic},
    {"照片级写实", StyleKind::Aesthetic},
    {"真实感", StyleKind::Aesthetic},
    {"胶片感", StyleKind::Aesthetic},
    {"复古", StyleKind::Aesthetic},
    {"梦幻", StyleKind::Aesthetic},
    {"科幻", StyleKind::Aesthetic},
    {"奇幻", StyleKind::Aesthetic},
    {"自然光", StyleKind::Lighting},
    {"柔光", StyleKind::Lighting},
    {"逆光", StyleKind::Lighting},
    {"侧光", StyleKind::Lighting},
    {"顶光", StyleKind::Lighting},
    {"硬光", StyleKind::Lighting},
    {"黄金时刻", StyleKind::Lighting},
    {"丁达尔效应", StyleKind::Lighting},
    {"霓虹灯光", StyleKind::Lighting},
    {"体积光", StyleKind::Lighting},
    {"边缘光", StyleKind::Lighting},
    {"暖色调", StyleKind::Color},
    {"冷色调", StyleKind::Color},
    {"黑白", StyleKind::Color},
    {"高饱和度", StyleKind::Color},
    {"低饱和度", StyleKind::Color},
    {"暖色", StyleKind::Color},
    {"冷色", StyleKind::Color},
    {"温馨", StyleKind::Mood},
    {"宁静", StyleKind::Mood},
    {"神秘", StyleKind::Mood},
    {"紧张", StyleKind::Mood},
    {"浪漫", StyleKind::Mood},
    {"忧郁", StyleKind::Mood},
    {"史诗感", StyleKind::Mood},
    {"温暖", StyleKind::Mood},
    {"高清", StyleKind::Quality},
    {"细节丰富", StyleKind::Quality},
};

// A short fragment ending in one of these is a style phrase of that kind ("柔和的光线",
// "蓝色调", "神秘的氛围"); "风格" and "画风" take the kind of what comes before them.
constexpr StyleWord kStyleHeads[] = {
    {"色调", StyleKind::Color},    {"光线", StyleKind::Lighting},  {"灯光", StyleKind::Lighting},
    {"光照", StyleKind::Lighting}, {"打光", StyleKind::Lighting},  {"氛围感", StyleKind::Mood},
    {"氛围", StyleKind::Mood},     {"质感", StyleKind::Aesthetic},
};

// Motion verbs of Chinese prose, two characters each (one character is too often part of a
// noun: 飞 in 飞机). A later fragment holding one is motion, as read_prose does for English.
constexpr std::string_view kMotionVerbs[] = {
    "摆动", "飘动", "飘落", "飘扬", "飘荡", "飘散", "飞舞", "飞翔", "飞过", "飞起", "起飞",
    "奔跑", "跑过", "奔腾", "奔向", "行走", "走过", "走向", "跳跃", "跳舞", "舞动", "旋转",
    "转动", "转身", "流动", "流淌", "流过", "升起", "落下", "坠落", "滚动", "翻滚", "闪烁",
    "摇曳", "晃动", "摇晃", "游动", "游过", "穿过", "掠过", "荡漾", "泛起", "起伏", "涌动",
    "喷涌", "蔓延", "扩散", "挥手", "挥舞", "冲向", "扑向", "滑行", "滑过", "爬行", "攀爬",
    "溅起", "拍打", "燃烧", "融化", "绽放", "生长", "倒下", "点头", "眨眼", "移动", "前进",
    "后退", "划过", "飘过", "驶过", "行驶", "奔驰", "翱翔", "盘旋", "跃起", "摇摆", "飞驰"};

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// "。", "！", "？" and ASCII stops at the end of a fragment.
std::string_view strip_stops(std::string_view s) {
  s = text::trim(s);
  while (true) {
    if (ends_with(s, "。") || ends_with(s, "！") || ends_with(s, "？")) {
      s.remove_suffix(3);
    } else if (!s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?')) {
      s.remove_suffix(1);
    } else {
      return text::trim(s);
    }
  }
}

template <std::size_t N>
std::string_view find_word(const Word (&table)[N], std::string_view s) {
  for (const auto& w : table)
    if (w.word == s) return w.canonical;
  return {};
}

std::optional<vocab::Placement> zh_move_of(std::string_view s) {
  bool camera = false;
  std::string speed;
  if (starts_with(s, "镜头")) {
    s.remove_prefix(6);
    camera = true;
  }
  for (const auto& [word, value] : kSpeeds)
    if (starts_with(s, word)) {
      s.remove_prefix(word.size());
      speed = value;
      if (starts_with(s, "地")) s.remove_prefix(3);
      break;
    }
  if (s.size() > 6 && ends_with(s, "镜头")) {
    s.remove_suffix(6);
    camera = true;
  }
  if (s.empty()) return std::nullopt;
  for (const auto& m : kMoves) {
    if (m.verb != s) continue;
    if (!m.bare_ok && !camera && speed.empty()) return std::nullopt;
    vocab::Placement p;
    p.slot = vocab::Slot::Move;
    p.canonical = m.canonical;
    p.speed = speed;
    return p;
  }
  return std::nullopt;
}

std::optional<StyleKind> style_word(std::string_view s) {
  for (const auto& w : kStyles)
    if (w.word == s) return w.kind;
  return std::nullopt;
}

}  // namespace

bool has_cjk(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0xE3 && b <= 0xE9) return true;
    if (b == 0xEF && i + 1 < s.size()) {
      const auto n = static_cast<unsigned char>(s[i + 1]);
      if (n >= 0xBC && n <= 0xBF) return true;
    }
  }
  return false;
}

std::optional<vocab::Placement> zh_camera(std::string_view fragment) {
  const std::string_view s = strip_stops(fragment);
  if (s.empty() || !has_cjk(s)) return std::nullopt;
  vocab::Placement p;
  if (const auto shot = find_word(kShots, s); !shot.empty()) {
    p.slot = vocab::Slot::Shot;
    p.canonical = shot;
    return p;
  }
  if (const auto angle = find_word(kAngles, s); !angle.empty()) {
    p.slot = vocab::Slot::Angle;
    p.canonical = angle;
    return p;
  }
  for (const auto lens : kLenses)
    if (lens == s) {
      p.slot = vocab::Slot::Lens;
      p.canonical = std::string(s);
      return p;
    }
  for (const auto term : kTerms)
    if (term == s) {
      p.slot = vocab::Slot::CameraTerm;
      return p;
    }
  return zh_move_of(s);
}

std::optional<StyleKind> zh_style(std::string_view fragment) {
  std::string_view s = strip_stops(fragment);
  if (s.empty() || !has_cjk(s)) return std::nullopt;
  if (const auto kind = style_word(s)) return kind;
  for (const std::string_view suffix : {"风格", "画风"}) {
    if (!ends_with(s, suffix) || s.size() == suffix.size() || code_points(s) > 12) continue;
    std::string_view head = s.substr(0, s.size() - suffix.size());
    if (ends_with(head, "的")) head.remove_suffix(3);
    if (const auto kind = style_word(head)) return kind;
    return StyleKind::Other;
  }
  if (code_points(s) > 8) return std::nullopt;
  for (const auto& h : kStyleHeads)
    if (ends_with(s, h.word)) return h.kind;
  return std::nullopt;
}

bool zh_motion(std::string_view fragment) {
  if (!has_cjk(fragment)) return false;
  for (const auto verb : kMotionVerbs)
    if (fragment.find(verb) != std::string_view::npos) return true;
  return false;
}

std::string zh_move(const CameraMove& move) {
  std::string_view speed;
  if (move.speed == "slow") speed = "缓缓";
  if (move.speed == "fast") speed = "快速";
  for (const auto& w : kMoveWriting) {
    if (w.canonical != move.move) continue;
    if (w.noun) return std::string(speed) + std::string(w.words);
    return "镜头" + std::string(speed) + std::string(w.words);
  }
  return {};
}

std::string_view zh_shot(std::string_view canonical) {
  for (const auto& w : kShots)
    if (w.canonical == canonical) return w.word;
  return {};
}

std::string_view zh_angle(std::string_view canonical) {
  for (const auto& w : kAngles)
    if (w.canonical == canonical) return w.word;
  return {};
}

}  // namespace promptport::wan
