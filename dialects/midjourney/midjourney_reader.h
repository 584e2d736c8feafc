// The Midjourney reader's state: one prompt line read into an IR (parse + value files).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "midjourney_lex.h"
#include "midjourney_params.h"
#include "promptport/dialect.h"

namespace promptport::mj {

/// One parameter as written, before its value is interpreted.
struct Occurrence {
  const ParamSpec* spec = nullptr;   ///< nullptr: an unknown parameter
  std::string name;                  ///< lower-case, without dashes, as written ("ar")
  std::uint32_t begin = 0, end = 0;  ///< the parameter and its values (line offsets)
  bool has_value = false;
  std::string_view value;  ///< a single value, the list text, or an unknown's text
  std::uint32_t value_begin = 0;
  std::vector<Token> items;  ///< URLs, codes, style references
  bool superseded = false;   ///< given again later: the last one wins
};

/// Reads one prompt line: leading (and trailing) image URLs, the text with its `::`
/// segments, then the parameter region (first --name onward). Values are interpreted once
/// all parameters are known, since `--w` means width or weird depending on the others.
class Reader {
 public:
  Reader(std::string_view line, std::uint32_t base, const Options& options, Prompt& ir,
         Diagnostics& diags);
  void run();

 private:
  // midjourney_parse.cpp: structure
  Span span(std::uint32_t b, std::uint32_t e) const { return Span{base_ + b, base_ + e}; }
  void add_image(const Token& t);
  void add_after(std::uint32_t b, std::uint32_t e);
  std::size_t place_text(std::uint32_t b, std::uint32_t e);
  std::size_t place_segment(std::string_view seg, std::uint32_t b, double weight);
  std::size_t read_parameter(std::size_t k);
  std::size_t read_values(Occurrence& o, std::string_view rest, std::uint32_t rest_begin,
                          std::size_t k);
  bool take_single(Occurrence& o, std::string_view v, std::uint32_t vb);

  // midjourney_values.cpp: meaning
  void interpret();
  void apply(const Occurrence& o);
  void apply_number(const Occurrence& o, double v);
  void apply_references(const Occurrence& o);
  void finish();
  void problem(Code code, const Occurrence& o, nlohmann::json kept, const std::string& why);
  void legacy(const Occurrence& o, const std::string& kept_as);
  double effective_version() const;
  nlohmann::json& ext() { return ir_.extensions["midjourney"]; }

  std::string_view s_;
  std::uint32_t base_;
  const Options& options_;
  Prompt& ir_;
  Diagnostics& diags_;
  std::vector<Token> tokens_;
  std::size_t trailing_urls_ = 0;  ///< first token of the URL run that ends the line
  std::vector<std::pair<std::uint32_t, std::uint32_t>> after_runs_;
  bool run_open_ = false;
  std::vector<Occurrence> occurrences_;
  std::vector<Reference> images_, refs_;
  std::optional<double> iw_, cw_, ow_;
  double version_ = kLatestVersion;
};

}  // namespace promptport::mj
