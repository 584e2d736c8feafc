/// promptport: translate prompts between AI image and video generation platforms.
///
///   #include <promptport/promptport.h>
///
///   const auto& reg = promptport::builtin_registry();
///   promptport::TranslateOptions opt;
///   opt.from = "midjourney";
///   opt.to = "flux";
///   for (const auto& rec : promptport::translate(reg, "a red fox::2 --ar 3:2 --no text", opt)) {
///     std::cout << rec.out.prompt << '\n';          // prose for Flux
///     for (const auto& d : rec.diags)               // what could not be carried over
///       std::cout << promptport::code_name(d.code) << ": " << d.message << '\n';
///   }
///
/// The pieces: ir.h (the neutral Prompt), diagnostic.h (errors as values), dialect.h (the
/// plugin interface and registry), translate.h (parse -> emit, detection), serialize.h
/// (YAML/JSON forms of the IR). text.h, vocab.h and kit.h are for dialect authors.
#pragma once

#include "promptport/diagnostic.h"
#include "promptport/dialect.h"
#include "promptport/ir.h"
#include "promptport/serialize.h"
#include "promptport/translate.h"
