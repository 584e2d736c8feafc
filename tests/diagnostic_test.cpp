// Tests of diagnostic codes and their human and JSON renderings.
#include <doctest/doctest.h>

#include <set>

#include "promptport/diagnostic.h"

using namespace promptport;

TEST_CASE("every code has a unique kebab-case name that reads back") {
  std::set<std::string_view> names;
  for (Code c : all_codes()) {
    const std::string_view name = code_name(c);
    CHECK(names.insert(name).second);
    CHECK(code_from_name(name) == c);
    for (char ch : name) CHECK(((ch >= 'a' && ch <= 'z') || ch == '-' || (ch >= '0' && ch <= '9')));
  }
  CHECK(code_name(Code::DroppedParameter) == "dropped-parameter");
  CHECK_FALSE(code_from_name("no-such-code"));
}

TEST_CASE("render_human points a caret at the span") {
  Diagnostics diags;
  report(diags, Code::UnknownParameter, Severity::Warning,
         "unknown parameter --tilee (did you mean --tile?)", "--tilee", Span{20, 27});
  const std::string out = render_human(diags[0], "<stdin>", 3, "a red fox --ar 16:9 --tilee");
  CHECK(out ==
        "<stdin>:3:21: warning: unknown parameter --tilee (did you mean --tile?) "
        "[unknown-parameter]\n"
        "a red fox --ar 16:9 --tilee\n"
        "                    ^~~~~~~\n");
}

TEST_CASE("render_human counts columns in code points and finds the line of a multi-line record") {
  Diagnostic d{Code::InvalidValue, Severity::Error, "bad", Span{12, 14}, ""};
  // "狐狸" is 6 bytes, 2 columns; the span is on the second line.
  const std::string source = "first\n\xE7\x8B\x90\xE7\x8B\xB8 xy";
  d.span = Span{13, 15};
  CHECK(render_human(d, "in", 1, source) ==
        "in:2:4: error: bad [invalid-value]\n"
        "\xE7\x8B\x90\xE7\x8B\xB8 xy\n"
        "   ^~\n");
}

TEST_CASE("render_human without a span prints only the header") {
  Diagnostic d{Code::DroppedNegative, Severity::Warning, "negative dropped", std::nullopt,
               "negative"};
  CHECK(render_human(d, "<arg 1>", 1, "x") ==
        "<arg 1>:1: warning: negative dropped [dropped-negative]\n");
}

TEST_CASE("render_human shortens very long lines around the caret") {
  std::string source(1000, 'a');
  source += "--bad";
  Diagnostic d{Code::UnknownParameter, Severity::Warning, "m", Span{1000, 1005}, ""};
  const std::string out = render_human(d, "f", 1, source);
  CHECK(out.size() < 400);
  CHECK(out.find("...") != std::string::npos);
  CHECK(out.find("^~~~~") != std::string::npos);
}

TEST_CASE("to_json has code, severity, message, span and field") {
  Diagnostic d{Code::DroppedParameter, Severity::Warning, "--chaos 20 dropped", Span{45, 55},
               "params.chaos"};
  const auto j = to_json(d);
  CHECK(j["code"] == "dropped-parameter");
  CHECK(j["severity"] == "warning");
  CHECK(j["span"] == nlohmann::json::array({45, 55}));
  CHECK(j["field"] == "params.chaos");
  CHECK(has_severity({d}, Severity::Warning));
  CHECK_FALSE(has_severity({d}, Severity::Error));
}
