// ComfyUI keeps no prompt text of its own in an image, only the graph: the prompt is found
// by walking from the sampler back along its conditioning links to the text encoders.
#include "comfy_graph.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>

#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport::migrate {

namespace {

using nlohmann::json;

// A graph is a DAG in practice, but a hand-edited one can loop; no real chain is this long.
constexpr int kMaxHops = 64;

std::optional<std::string> link_source(const json& value) {
  if (!value.is_array() || value.size() != 2 || !value[1].is_number_integer()) return std::nullopt;
  if (value[0].is_string()) return value[0].get<std::string>();
  if (value[0].is_number_integer()) return value[0].dump();
  return std::nullopt;
}

const json* inputs_of(const json& graph, const std::string& id) {
  const auto node = graph.find(id);
  if (node == graph.end() || !node->is_object()) return nullptr;
  const auto inputs = node->find("inputs");
  return inputs != node->end() && inputs->is_object() ? &*inputs : nullptr;
}

std::string class_of(const json& graph, const std::string& id) {
  const auto node = graph.find(id);
  if (node == graph.end() || !node->is_object()) return {};
  const auto type = node->find("class_type");
  return type != node->end() && type->is_string() ? type->get<std::string>() : std::string();
}

std::optional<std::string> input_link(const json& inputs, const char* name) {
  const auto it = inputs.find(name);
  return it == inputs.end() ? std::nullopt : link_source(*it);
}

// Node ids are numbers written as strings; "10" comes after "9". Other ids (group nodes'
// "12:3") sort after every number.
bool id_less(const std::string& a, const std::string& b) {
  const auto na = text::parse_int(a);
  const auto nb = text::parse_int(b);
  if (na && nb) return *na < *nb;
  if (na || nb) return na.has_value();
  return a < b;
}

std::vector<std::string> find_samplers(const json& graph) {
  std::vector<std::string> named, linked;
  std::set<std::string> conditioning_sources;
  for (const auto& [id, node] : graph.items()) {
    const json* inputs = inputs_of(graph, id);
    if (!inputs) continue;
    const auto positive = input_link(*inputs, "positive");
    const auto negative = input_link(*inputs, "negative");
    if (positive) conditioning_sources.insert(*positive);
    if (negative) conditioning_sources.insert(*negative);
    const std::string type = class_of(graph, id);
    if (type == "KSampler" || type == "KSamplerAdvanced") {
      named.push_back(id);
    } else if (positive && negative) {
      linked.push_back(id);
    }
  }
  // A node that feeds another node's positive/negative (ControlNetApplyAdvanced) passes
  // conditioning on; only the end of the chain samples.
  std::erase_if(linked, [&](const std::string& id) { return conditioning_sources.count(id) > 0; });
  std::vector<std::string> samplers = named.empty() ? linked : named;
  std::sort(samplers.begin(), samplers.end(), id_less);
  return samplers;
}

struct Conditioning {
  std::optional<std::string> text;
  std::string error;
  std::string end;  ///< "node 7 (ConditioningZeroOut)" when the chain ends without text
};

Conditioning follow_text(const json& graph, std::string id, const char* role,
                         std::vector<std::string>& notes) {
  for (int hop = 0; hop < kMaxHops; ++hop) {
    const json* inputs = inputs_of(graph, id);
    if (!inputs) {
      return {std::nullopt,
              fmt::format("the {} prompt links to node {}, which is not in the graph", role, id),
              {}};
    }
    for (const char* key : {"text", "text_g"}) {
      const auto it = inputs->find(key);
      if (it == inputs->end()) continue;
      if (it->is_string()) {
        if (std::string_view(key) == "text_g") {
          const auto l = inputs->find("text_l");
          if (l != inputs->end() && l->is_string() && !l->get<std::string>().empty() && *l != *it) {
            notes.push_back(fmt::format(
                "node {} has different text_g and text_l; the {} prompt is its text_g", id, role));
          }
        }
        return {it->get<std::string>(), {}, {}};
      }
      if (const auto from = link_source(*it)) {
        return {std::nullopt,
                fmt::format("the {} prompt is not plain text (linked from node {})", role, *from),
                {}};
      }
    }
    // Zeroed conditioning is how SD3 and Flux graphs say "no negative prompt"; its input
    // is the positive prompt, which must not be read as the negative.
    if (class_of(graph, id) == "ConditioningZeroOut") {
      return {std::nullopt, {}, fmt::format("node {} (ConditioningZeroOut)", id)};
    }
    std::optional<std::string> next;
    for (const char* key : {role, "conditioning", "conditioning_1", "conditioning_to"}) {
      if ((next = input_link(*inputs, key))) break;
    }
    if (!next) return {std::nullopt, {}, fmt::format("node {} ({})", id, class_of(graph, id))};
    if (input_link(*inputs, "conditioning_2") || input_link(*inputs, "conditioning_from")) {
      notes.push_back(fmt::format(
          "node {} ({}) combines several conditionings; the {} prompt is read from the first", id,
          class_of(graph, id), role));
    }
    id = *next;
  }
  return {std::nullopt, fmt::format("the {} prompt's links go round in a loop", role), {}};
}

std::string literal(const json& inputs, const char* name) {
  const auto it = inputs.find(name);
  if (it == inputs.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return it->dump();
  if (it->is_number()) return text::format_number(it->get<double>());
  return {};
}

std::string latent_size(const json& graph, const json& sampler) {
  const auto latent = input_link(sampler, "latent_image");
  const json* inputs = latent ? inputs_of(graph, *latent) : nullptr;
  if (!inputs) return {};
  const std::string width = literal(*inputs, "width");
  const std::string height = literal(*inputs, "height");
  return width.empty() || height.empty() ? std::string() : width + "x" + height;
}

// Through LoRA loaders and model patches back to the loader that names the model file.
std::string checkpoint(const json& graph, const json& sampler) {
  std::optional<std::string> id = input_link(sampler, "model");
  for (int hop = 0; id && hop < kMaxHops; ++hop) {
    const json* inputs = inputs_of(graph, *id);
    if (!inputs) return {};
    for (const char* key : {"ckpt_name", "unet_name"}) {
      const auto it = inputs->find(key);
      if (it != inputs->end() && it->is_string()) return it->get<std::string>();
    }
    id = input_link(*inputs, "model");
  }
  return {};
}

}  // namespace

ComfyGraphText comfy_graph_text(std::string_view text) {
  ComfyGraphText out;
  const json graph = json::parse(text, nullptr, false);
  if (graph.is_discarded() || !graph.is_object()) {
    out.error = "the 'prompt' chunk is not a ComfyUI API graph (not a JSON object)";
    return out;
  }
  const std::vector<std::string> samplers = find_samplers(graph);
  if (samplers.empty()) {
    out.error = "no sampler node (KSampler, or a node with positive and negative inputs)";
    return out;
  }
  const std::string& id = samplers.front();
  if (samplers.size() > 1) {
    out.notes.push_back(fmt::format(
        "the graph has {} sampler nodes ({}); the prompt of the first, node {}, is read",
        samplers.size(), fmt::join(samplers, ", "), id));
  }
  const json& sampler = *inputs_of(graph, id);
  const auto positive_link = input_link(sampler, "positive");
  const auto negative_link = input_link(sampler, "negative");
  if (!positive_link) {
    out.error = fmt::format("the sampler (node {}) has no positive prompt link", id);
    return out;
  }
  const Conditioning positive = follow_text(graph, *positive_link, "positive", out.notes);
  if (!positive.text) {
    out.error = !positive.error.empty()
                    ? positive.error
                    : fmt::format("the positive prompt has no text (it ends at {})", positive.end);
    return out;
  }
  // A chain ending without text (ConditioningZeroOut, Flux's unused negative) is an empty
  // negative prompt, not an error.
  Conditioning negative;
  if (negative_link) negative = follow_text(graph, *negative_link, "negative", out.notes);
  if (!negative.error.empty()) {
    out.error = negative.error;
    return out;
  }
  std::string seed = literal(sampler, "seed");
  if (seed.empty()) seed = literal(sampler, "noise_seed");
  out.text = kit::compose_text(*positive.text, {{"Negative prompt", negative.text.value_or("")},
                                                {"Steps", literal(sampler, "steps")},
                                                {"CFG", literal(sampler, "cfg")},
                                                {"Seed", seed},
                                                {"Size", latent_size(graph, sampler)},
                                                {"Sampler", literal(sampler, "sampler_name")},
                                                {"Scheduler", literal(sampler, "scheduler")},
                                                {"Checkpoint", checkpoint(graph, sampler)}});
  return out;
}

}  // namespace promptport::migrate
