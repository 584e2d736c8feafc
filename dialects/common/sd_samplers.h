// Sampler and scheduler names: AUTOMATIC1111's display names and ComfyUI's KSampler ids.
#pragma once

#include <optional>
#include <string_view>

namespace promptport::sdfamily {

/// A ComfyUI KSampler setting: `sampler_name` and, when the A1111 name implied one (the
/// old "DPM++ 2M Karras" style), `scheduler`; "" otherwise.
struct ComfySampler {
  std::string_view sampler;
  std::string_view scheduler;
};

/// "DPM++ 2M Karras" -> {dpmpp_2m, karras}, "Euler a" -> {euler_ancestral, ""}; matched
/// case-insensitively. nullopt for a sampler ComfyUI has no built-in equivalent of.
std::optional<ComfySampler> comfy_sampler(std::string_view a1111_name);

/// An A1111 "Schedule type" as a ComfyUI scheduler: "Karras" -> karras, "SGM Uniform" ->
/// sgm_uniform, "Automatic" -> normal (the sampler's own default). nullopt when unknown.
std::optional<std::string_view> comfy_scheduler(std::string_view schedule_type);

/// The reverse: ComfyUI ids to A1111 names ("euler_ancestral" -> "Euler a",
/// "karras" -> "Karras"); "" when A1111 has no such sampler or schedule type.
std::string_view a1111_sampler(std::string_view comfy_sampler_name);
std::string_view a1111_schedule_type(std::string_view comfy_scheduler);

}  // namespace promptport::sdfamily
