// Sampler and scheduler names. A1111 lists samplers by display name; until v1.6 the noise
// schedule was part of that name ("DPM++ 2M Karras"), later a separate "Schedule type".
// ComfyUI's KSampler takes both as ids (comfy/samplers.py KSAMPLER_NAMES, SCHEDULER_NAMES).
#include "common/sd_samplers.h"

#include <array>
#include <utility>

#include "promptport/text.h"

namespace promptport::sdfamily {
namespace {

using Pair = std::pair<std::string_view, std::string_view>;

// A1111 name (lower case) -> ComfyUI sampler id.
constexpr std::array<Pair, 19> kSamplers{{
    {"euler a", "euler_ancestral"},
    {"euler", "euler"},
    {"lms", "lms"},
    {"heun", "heun"},
    {"dpm2", "dpm_2"},
    {"dpm2 a", "dpm_2_ancestral"},
    {"dpm++ 2s a", "dpmpp_2s_ancestral"},
    {"dpm++ 2m", "dpmpp_2m"},
    {"dpm++ sde", "dpmpp_sde"},
    {"dpm++ 2m sde", "dpmpp_2m_sde"},
    {"dpm++ 3m sde", "dpmpp_3m_sde"},
    {"dpm fast", "dpm_fast"},
    {"dpm adaptive", "dpm_adaptive"},
    {"ddim", "ddim"},
    {"unipc", "uni_pc"},
    {"lcm", "lcm"},
    {"ddpm", "ddpm"},
    {"ipndm", "ipndm"},
    {"deis", "deis"},
}};

// A1111 schedule type (lower case) -> ComfyUI scheduler id. "Automatic" lets the sampler
// choose, which for the samplers above is ComfyUI's "normal".
constexpr std::array<Pair, 10> kSchedules{{
    {"automatic", "normal"},
    {"uniform", "normal"},
    {"normal", "normal"},
    {"karras", "karras"},
    {"exponential", "exponential"},
    {"sgm uniform", "sgm_uniform"},
    {"simple", "simple"},
    {"ddim", "ddim_uniform"},
    {"beta", "beta"},
    {"kl optimal", "kl_optimal"},
}};

// The display names written back (first matching entry of each table wins).
constexpr std::array<Pair, 19> kSamplerNames{{
    {"euler_ancestral", "Euler a"},
    {"euler", "Euler"},
    {"lms", "LMS"},
    {"heun", "Heun"},
    {"dpm_2", "DPM2"},
    {"dpm_2_ancestral", "DPM2 a"},
    {"dpmpp_2s_ancestral", "DPM++ 2S a"},
    {"dpmpp_2m", "DPM++ 2M"},
    {"dpmpp_sde", "DPM++ SDE"},
    {"dpmpp_2m_sde", "DPM++ 2M SDE"},
    {"dpmpp_3m_sde", "DPM++ 3M SDE"},
    {"dpm_fast", "DPM fast"},
    {"dpm_adaptive", "DPM adaptive"},
    {"ddim", "DDIM"},
    {"uni_pc", "UniPC"},
    {"lcm", "LCM"},
    {"ddpm", "DDPM"},
    {"ipndm", "IPNDM"},
    {"deis", "DEIS"},
}};

constexpr std::array<Pair, 8> kScheduleNames{{
    {"normal", "Normal"},
    {"karras", "Karras"},
    {"exponential", "Exponential"},
    {"sgm_uniform", "SGM Uniform"},
    {"simple", "Simple"},
    {"ddim_uniform", "DDIM"},
    {"beta", "Beta"},
    {"kl_optimal", "KL Optimal"},
}};

template <std::size_t N>
std::optional<std::string_view> lookup(const std::array<Pair, N>& table, std::string_view key) {
  for (const auto& [from, to] : table)
    if (from == key) return to;
  return std::nullopt;
}

}  // namespace

std::optional<ComfySampler> comfy_sampler(std::string_view a1111_name) {
  const std::string name = text::lower_ascii(text::trim(a1111_name));
  if (const auto s = lookup(kSamplers, name)) return ComfySampler{*s, {}};
  // The pre-1.6 names end in the schedule: "DPM++ 2M SDE Karras", "DPM++ 2M SDE Exponential".
  const std::size_t space = name.rfind(' ');
  if (space == std::string::npos) return std::nullopt;
  const auto schedule = lookup(kSchedules, std::string_view(name).substr(space + 1));
  const auto sampler = lookup(kSamplers, std::string_view(name).substr(0, space));
  if (!schedule || !sampler) return std::nullopt;
  return ComfySampler{*sampler, *schedule};
}

std::optional<std::string_view> comfy_scheduler(std::string_view schedule_type) {
  return lookup(kSchedules, text::lower_ascii(text::trim(schedule_type)));
}

std::string_view a1111_sampler(std::string_view comfy_sampler_name) {
  return lookup(kSamplerNames, text::trim(comfy_sampler_name)).value_or(std::string_view());
}

std::string_view a1111_schedule_type(std::string_view comfy_scheduler) {
  return lookup(kScheduleNames, text::trim(comfy_scheduler)).value_or(std::string_view());
}

}  // namespace promptport::sdfamily
