// csv/tsv input: expected bytes are written by hand. The fake "plain" dialect gives a known
// translation (its prompt is the source's comma pieces joined by ", "; its request is
// {"prompt": ...}; no diagnostics for a plain prompt), so whole outputs can be compared.
#include <doctest/doctest.h>

#include "fake_dialect.h"
#include "test_support.h"

namespace promptport::migrate {
namespace {

namespace mt = promptport::migrate::testing;

const Registry& plain_registry() {
  static const Registry registry = promptport::testing::plain_registry();
  return registry;
}

Settings plain_settings(std::vector<std::string> targets = {"plain"}) {
  Settings settings;
  settings.registry = &plain_registry();
  for (const std::string& name : targets) {
    Target target;
    target.dialect = settings.registry->find(name);
    target.name = name;
    target.options.from = "plain";
    target.options.to = name;
    settings.targets.push_back(std::move(target));
  }
  return settings;
}

Input csv_input(const std::string& bytes, InputFormat format = InputFormat::Csv) {
  const auto dir = mt::temp_dir();
  return mt::input_for(
      mt::write_file(dir / (format == InputFormat::Tsv ? "in.tsv" : "in.csv"), bytes), format);
}

// The one output file of a csv run.
std::string migrate(const std::string& bytes, const Settings& settings,
                    InputFormat format = InputFormat::Csv, std::size_t batch = 3) {
  std::string error;
  std::vector<std::string> out = mt::run(format, csv_input(bytes, format), settings, &error, batch);
  CHECK(error == "");
  REQUIRE(out.size() == 1);
  return out[0];
}

std::vector<Item> items(const std::string& bytes, const Settings& settings,
                        InputFormat format = InputFormat::Csv) {
  return mt::items(format, csv_input(bytes, format), settings);
}

const std::string kAdded = ",plain_prompt,plain_negative_prompt,plain_request,plain_diagnostics";

// The plain target's four cells for a prompt that needs no quoting.
std::string cells(const std::string& prompt) {
  return "," + prompt + ",,\"{\"\"prompt\"\":\"\"" + prompt + "\"\"}\",";
}

std::string error_of(const Item& item) {
  return item.input_diags.empty() ? "" : item.input_diags[0].message;
}

TEST_CASE("csv: each row keeps its bytes and gains the added cells before its line end") {
  const std::string in = "id,prompt\n1,red fox\n2,blue owl\n";
  CHECK(migrate(in, plain_settings()) ==
        "id,prompt,plain_prompt,plain_negative_prompt,plain_request,plain_diagnostics\n"
        "1,red fox,red fox,,\"{\"\"prompt\"\":\"\"red fox\"\"}\",\n"
        "2,blue owl,blue owl,,\"{\"\"prompt\"\":\"\"blue owl\"\"}\",\n");
  const auto all = items(in, plain_settings());
  REQUIRE(all.size() == 3);
  CHECK(all[0].kind == Item::Kind::Passthrough);
  CHECK(all[0].line == 1);
  CHECK(all[1].kind == Item::Kind::Record);
  CHECK(all[1].prompt == "red fox");
  CHECK_FALSE(all[1].has_negative);
  CHECK(all[1].record == 1);
  CHECK(all[1].line == 2);
  CHECK(all[2].record == 2);
  CHECK(all[2].line == 3);
}

TEST_CASE("csv: batch size does not change the output") {
  const std::string in = "prompt\na\n\nb\nc\nd\n";
  const std::string expected = "prompt" + kAdded + "\na" + cells("a") + "\n\nb" + cells("b") +
                               "\nc" + cells("c") + "\nd" + cells("d") + "\n";
  CHECK(migrate(in, plain_settings(), InputFormat::Csv, 1) == expected);
  CHECK(migrate(in, plain_settings(), InputFormat::Csv, 2) == expected);
  CHECK(migrate(in, plain_settings(), InputFormat::Csv, 512) == expected);
}

TEST_CASE("csv: quoted newlines, embedded commas and quotes") {
  const std::string in =
      "id,prompt,notes\n"
      "1,\"red fox, snow\",\"say \"\"hi\"\"\nthen go\"\n"
      "2,owl,x\n";
  CHECK(migrate(in, plain_settings()) ==
        "id,prompt,notes" + kAdded + "\n" +
            "1,\"red fox, snow\",\"say \"\"hi\"\"\nthen go\",\"red fox, snow\",,"
            "\"{\"\"prompt\"\":\"\"red fox, snow\"\"}\",\n"
            "2,owl,x" +
            cells("owl") + "\n");
  const auto all = items(in, plain_settings());
  REQUIRE(all.size() == 3);
  CHECK(all[1].prompt == "red fox, snow");
  CHECK(all[1].line == 2);
  CHECK(all[2].line == 4);
  CHECK(all[2].record == 2);
}

TEST_CASE("csv: a stray quote inside a bare cell is a literal character") {
  const std::string in = "prompt,id\nsay \"hi\" now,1\n";
  const auto all = items(in, plain_settings());
  REQUIRE(all.size() == 2);
  CHECK(all[1].prompt == "say \"hi\" now");
  CHECK(migrate(in, plain_settings()).starts_with("prompt,id" + kAdded + "\nsay \"hi\" now,1,"));
}

TEST_CASE("csv: spaces after a closing quote do not reopen the quoted cell") {
  const std::string in = "prompt,id\n\"fox\" ,1\nowl,2\n";
  CHECK(migrate(in, plain_settings()) ==
        "prompt,id" + kAdded + "\n\"fox\" ,1" + cells("fox") + "\nowl,2" + cells("owl") + "\n");
}

TEST_CASE("csv: CRLF, LF and lone CR line ends are each kept") {
  CHECK(migrate("id,prompt\r\n1,fox\r\n2,owl\n", plain_settings()) ==
        "id,prompt" + kAdded + "\r\n1,fox" + cells("fox") + "\r\n2,owl" + cells("owl") + "\n");
  CHECK(migrate("prompt\rfox\rowl", plain_settings()) ==
        "prompt" + kAdded + "\rfox" + cells("fox") + "\rowl" + cells("owl"));
  const auto all = items("prompt\rfox\rowl", plain_settings());
  REQUIRE(all.size() == 3);
  CHECK(all[2].line == 3);
  // A CRLF inside a quoted cell is the cell's, not a row end.
  const auto quoted = items("prompt,id\r\n\"a\r\nb\",1\r\n", plain_settings());
  REQUIRE(quoted.size() == 2);
  CHECK(quoted[1].prompt == "a\r\nb");
  CHECK(quoted[1].raw == "\"a\r\nb\",1\r\n");
}

TEST_CASE("csv: a last row without a line end gets none") {
  CHECK(migrate("id,prompt\n1,fox", plain_settings()) ==
        "id,prompt" + kAdded + "\n1,fox" + cells("fox"));
  CHECK(migrate("prompt", plain_settings()) == "prompt" + kAdded);
  CHECK(migrate("", plain_settings()) == "");
}

TEST_CASE("csv: blank lines are kept where they are") {
  const std::string in = "\nprompt,id\n\n1fox,1\n  \n\r\nowl,2\n\n";
  CHECK(migrate(in, plain_settings()) == "\nprompt,id" + kAdded + "\n\n1fox,1" + cells("1fox") +
                                             "\n  \n\r\nowl,2" + cells("owl") + "\n\n");
  const auto all = items(in, plain_settings());
  REQUIRE(all.size() == 8);
  CHECK(all[0].kind == Item::Kind::Passthrough);
  CHECK(all[2].kind == Item::Kind::Passthrough);
  CHECK(all[3].record == 1);
  CHECK(all[3].line == 4);
  CHECK(all[6].record == 2);
  CHECK(all[6].line == 7);
}

TEST_CASE("csv: a UTF-8 BOM is kept and ignored when matching the header") {
  const std::string in = "\xEF\xBB\xBF\"Prompt\",id\nfox,1\n";
  CHECK(migrate(in, plain_settings()) ==
        "\xEF\xBB\xBF\"Prompt\",id" + kAdded + "\nfox,1" + cells("fox") + "\n");
}

TEST_CASE("csv: an AUTOMATIC1111 styles.csv works as is") {
  const std::string in =
      "name,prompt,negative_prompt\n"
      "Cinematic,\"cinematic still, {prompt}, shallow depth of field\",\"blurry, lowres\"\n"
      "Empty,,\n";
  const Settings settings = mt::settings_for({"flux"}, "sd");
  const std::string out = migrate(in, settings);
  const std::string kept =
      "name,prompt,negative_prompt,flux_prompt,flux_negative_prompt,flux_request,"
      "flux_diagnostics\n"
      "Cinematic,\"cinematic still, {prompt}, shallow depth of field\",\"blurry, lowres\",";
  CHECK(out.starts_with(kept));
  CHECK(out.find("cinematic still", kept.size()) != std::string::npos);
  CHECK(out.find("\nEmpty,,,") != std::string::npos);
  CHECK(out.ends_with("\n"));
  const auto all = items(in, settings);
  REQUIRE(all.size() == 3);
  CHECK(all[1].prompt == "cinematic still, {prompt}, shallow depth of field");
  CHECK(all[1].has_negative);
  CHECK(all[1].negative == "blurry, lowres");
  CHECK(all[2].kind == Item::Kind::Record);
  CHECK(all[2].record == 2);
  CHECK(all[2].prompt == "");
}

TEST_CASE("csv: the prompt column is found by name in priority order") {
  // "prompt" wins over "text" even when "text" comes first.
  const auto all = items("text,Prompt ,uc\nowl,fox,blur\n", plain_settings());
  REQUIRE(all.size() == 2);
  CHECK(all[1].prompt == "fox");
  CHECK(all[1].negative == "blur");
  CHECK(items("caption,x\ncat,1\n", plain_settings())[1].prompt == "cat");
}

TEST_CASE("csv: --column by name and by number") {
  const std::string in = "id,body,text\n1,fox,owl\n";
  Settings settings = plain_settings();
  settings.column = "BODY";
  CHECK(migrate(in, settings) == "id,body,text" + kAdded + "\n1,fox,owl" + cells("fox") + "\n");
  settings.column = "2";
  CHECK(items(in, settings)[1].prompt == "fox");
  settings.column = "3";
  CHECK(items(in, settings)[1].prompt == "owl");

  settings.column = "4";
  CHECK(migrate(in, settings) == in);
  auto all = items(in, settings);
  REQUIRE(all.size() == 2);
  CHECK(all[1].kind == Item::Kind::Failed);
  CHECK(error_of(all[1]) ==
        "--column 4 is not a column: the header has 3 columns (\"id\", \"body\", \"text\")");

  settings.column = "nope";
  CHECK(migrate(in, settings) == in);
  all = items(in, settings);
  CHECK(all[1].kind == Item::Kind::Failed);
  CHECK(error_of(all[1]) ==
        "no column \"nope\" in the header (columns: \"id\", \"body\", \"text\"); --column takes "
        "a header name or a 1-based number");
}

TEST_CASE("csv: --negative-column picks, or with - turns off, the negative") {
  const std::string in = "prompt,negative,bad\nfox,blur,ugly\n";
  Settings settings = plain_settings();
  CHECK(items(in, settings)[1].negative == "blur");
  settings.negative_column = "bad";
  CHECK(items(in, settings)[1].negative == "ugly");
  settings.negative_column = "-";
  auto all = items(in, settings);
  CHECK_FALSE(all[1].has_negative);
  CHECK(all[1].negative == "");
  settings.negative_column = "missing";
  all = items(in, settings);
  CHECK(all[1].kind == Item::Kind::Failed);
  CHECK(migrate(in, settings) == in);
}

TEST_CASE("csv: a row too short for the prompt column fails alone; others line up") {
  const std::string in = "id,notes,prompt,extra\n1,a,fox\n2,b\n3,c,owl,x,y\n";
  // The wide row's note reaches its diagnostics cell too.
  CHECK(migrate(in, plain_settings()) ==
        "id,notes,prompt,extra" + kAdded + "\n1,a,fox," + cells("fox") +
            "\n2,b\n3,c,owl,x,y,owl,,\"{\"\"prompt\"\":\"\"owl\"\"}\",\"info: row has 5 fields, "
            "the header has 4; the added cells follow the last field, not under their header "
            "names [invalid-input]\"\n");
  const auto all = items(in, plain_settings());
  REQUIRE(all.size() == 4);
  CHECK(all[1].kind == Item::Kind::Record);
  CHECK(all[2].kind == Item::Kind::Failed);
  CHECK(all[2].record == 2);
  CHECK(all[2].line == 3);
  CHECK(all[2].raw == "2,b\n");
  REQUIRE(all[2].input_diags.size() == 1);
  CHECK(all[2].input_diags[0].severity == Severity::Error);
  CHECK(all[2].input_diags[0].code == Code::InvalidInput);
  CHECK(all[2].input_diags[0].message == "row has 2 fields, the prompt column is field 3");
  CHECK(all[3].kind == Item::Kind::Record);
  REQUIRE(all[3].input_diags.size() == 1);
  CHECK(all[3].input_diags[0].severity == Severity::Info);
  CHECK(all[3].input_diags[0].code == Code::InvalidInput);
  CHECK(error_of(all[3]).starts_with("row has 5 fields, the header has 4"));
}

TEST_CASE("csv: a header without a prompt column leaves the file unchanged") {
  const std::string in = "id,name\n1,fox\n\n2,owl\n";
  CHECK(migrate(in, plain_settings()) == in);
  const auto all = items(in, plain_settings());
  REQUIRE(all.size() == 4);
  for (std::size_t i : {1, 3}) {
    CHECK(all[i].kind == Item::Kind::Failed);
    CHECK(error_of(all[i]) ==
          "no prompt column: the header has columns \"id\", \"name\"; name the prompt column with "
          "--column NAME or --column NUMBER");
  }
  CHECK(all[3].record == 2);
}

TEST_CASE("csv: a quoted cell never closed fails its row, bytes kept") {
  const std::string in = "prompt\nfox\n\"owl\nbat\n";
  CHECK(migrate(in, plain_settings()) ==
        "prompt" + kAdded + "\nfox" + cells("fox") + "\n\"owl\nbat\n");
  const auto all = items(in, plain_settings());
  REQUIRE(all.size() == 3);
  CHECK(all[2].kind == Item::Kind::Failed);
  CHECK(all[2].line == 3);
}

TEST_CASE("csv: tsv uses tabs and keeps spaces in cells") {
  const std::string in = "id\tprompt\n1\tred fox, snow\n2\t  owl  \n";
  CHECK(
      migrate(in, plain_settings(), InputFormat::Tsv)
          .starts_with(
              "id\tprompt\tplain_prompt\tplain_negative_prompt\tplain_request\tplain_diagnostics\n"
              "1\tred fox, snow\tred fox, snow\t\t\"{\"\"prompt\"\":\"\"red fox, snow\"\"}\"\t\n"
              "2\t  owl  \t"));
  const auto all = items(in, plain_settings(), InputFormat::Tsv);
  REQUIRE(all.size() == 3);
  CHECK(all[2].prompt == "  owl  ");
}

TEST_CASE("csv: several targets add their cells in --to order") {
  CHECK(migrate("prompt\nfox\n", plain_settings({"plain", "other"})) ==
        "prompt" + kAdded +
            ",other_prompt,other_negative_prompt,other_request,other_diagnostics\n"
            "fox" +
            cells("fox") + cells("fox") + "\n");
}

TEST_CASE("csv: --replace rebuilds the row from its cells") {
  Settings settings = plain_settings();
  settings.replace = true;
  settings.negative_column = "-";
  const std::string in =
      "id,prompt,negative_prompt\n"
      "1,\"red fox\",\n"
      "2,\"a \"\"b\"\"\",\"x\"\n"
      "3\n"
      "4,\"owl, bat\"\n";
  CHECK(migrate(in, settings) ==
        "id,prompt,negative_prompt,plain_request,plain_diagnostics\n"
        "1,red fox,,\"{\"\"prompt\"\":\"\"red fox\"\"}\",\n"
        "2,\"a \"\"b\"\"\",x,\"{\"\"prompt\"\":\"\"a \\\"\"b\\\"\"\"\"}\",\n"
        "3\n"
        "4,\"owl, bat\",,\"{\"\"prompt\"\":\"\"owl, bat\"\"}\",\n");
}

TEST_CASE("csv: --replace writes the target's negative into the negative cell") {
  Settings settings = mt::settings_for({"sd"}, "sd");
  settings.replace = true;
  const std::string in = "prompt,negative_prompt,id\n\"fox, snow\",blurry,7\n";
  const std::string out = migrate(in, settings);
  CHECK(
      out.starts_with("prompt,negative_prompt,id,sd_request,sd_diagnostics\n\"fox, snow\","
                      "blurry,7,"));
}

TEST_CASE("csv: a missing file is an open error") {
  std::string error;
  mt::run(InputFormat::Csv, mt::input_for("/nonexistent/x.csv", InputFormat::Csv), plain_settings(),
          &error);
  CHECK(error.starts_with("cannot open /nonexistent/x.csv"));
}

}  // namespace
}  // namespace promptport::migrate
