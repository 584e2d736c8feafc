// Helpers the video dialects' tests share: terms, diagnostic counts, the lighthouse scene
// and the real text-to-video prompts of ../shared/data/video. For tests only: it needs
// tests/test_data.h, which only the test target can include.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "promptport/promptport.h"
#include "test_data.h"

namespace promptport::video_test {

/// A plain term (no span, not joined).
inline Term term(std::string text, double weight = 1.0) {
  return Term{std::move(text), weight, {}, false};
}

/// How many diagnostics have `code` and `field`.
inline std::size_t count(const Diagnostics& diags, Code code, std::string_view field) {
  return static_cast<std::size_t>(std::count_if(diags.begin(), diags.end(), [&](const auto& d) {
    return d.code == code && d.field == field;
  }));
}

/// Whether some diagnostic has `code` and `field`.
inline bool has(const Diagnostics& diags, Code code, std::string_view field) {
  return count(diags, code, field) > 0;
}

/// The scene of the video guides' example: a lighthouse at dusk, waves crashing below, a
/// slow dolly-in. Capitalised as the writers write it, so the IR reads back unchanged.
inline Prompt lighthouse() {
  Prompt ir;
  ir.subject = {term("A lighthouse on a cliff at dusk")};
  ir.motion = {term("waves crashing below")};
  ir.camera.moves = {CameraMove{"dolly-in", "slow", {}}};
  return ir;
}

/// The one-prompt-a-line files of the real video data (VBench's and Open-Sora's prompt
/// lists), relative to the real-data folder.
inline const std::vector<std::string>& video_file_names() {
  static const std::vector<std::string> kNames{
      "video/vbench/all_category.txt",          "video/vbench/all_category_longer.txt",
      "video/vbench/all_dimension.txt",         "video/vbench/all_dimension_aug_wanx_seed42.txt",
      "video/vbench/all_dimension_cn.txt",      "video/vbench/all_dimension_longer.txt",
      "video/vbench/hunyuan_all_dimension.txt", "video/open-sora/t2i_samples.txt",
      "video/open-sora/t2v_demo.txt",           "video/open-sora/t2v_pllava.txt",
      "video/open-sora/t2v_samples.txt",        "video/open-sora/t2v_sora.txt"};
  return kNames;
}

/// Paths of the video files present (testing::real_data_file); empty when the real data is
/// absent, as on a user's machine, so the test can skip.
inline std::vector<std::string> real_video_files() {
  std::vector<std::string> out;
  for (const auto& name : video_file_names())
    if (std::string path = testing::real_data_file(name); !path.empty())
      out.push_back(std::move(path));
  return out;
}

/// Calls `each(path, line)` for every line, empty ones included, of every present video
/// file; returns how many lines it read (0 without the data).
inline std::size_t for_each_real_video_line(
    const std::function<void(const std::string& path, const std::string& line)>& each) {
  std::size_t lines = 0;
  for (const auto& path : real_video_files()) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      ++lines;
      each(path, line);
    }
  }
  return lines;
}

/// Reads every real video prompt with `from` and writes the IR with each of `to`; checks
/// that no step reports an error and that every prompt is one line (Veo and Sora write a
/// single-line prompt). Returns how many lines were read (0 without the data).
inline std::size_t check_real_video(const Dialect& from, const std::vector<const Dialect*>& to) {
  return for_each_real_video_line([&](const std::string& path, const std::string& line) {
    Diagnostics read;
    const Prompt ir = from.parse(line, {}, read);
    CHECK_MESSAGE(!has_severity(read, Severity::Error), path << ": " << line);
    for (const Dialect* d : to) {
      Diagnostics diags;
      const Emitted out = d->emit(ir, {}, diags);
      CHECK_MESSAGE(!has_severity(diags, Severity::Error), path << ": " << line);
      CHECK_MESSAGE(out.prompt.find('\n') == std::string::npos, path << ": " << line);
    }
  });
}

}  // namespace promptport::video_test
