// libcsv driven so that every row's source bytes are known exactly.
#include "csv_rows.h"

#include <algorithm>

namespace promptport::migrate {

namespace {

constexpr char kQuote = '"';
constexpr std::string_view kBom = "\xEF\xBB\xBF";
// A row can only grow past this inside a quoted field that never closes; better to stop
// with a message than to hold the rest of a large file as one cell.
constexpr std::size_t kMaxRowBytes = std::size_t{64} << 20;

// libcsv's parser states (libcsv.c); its header exposes `pstate` but not the names.
constexpr int kFieldBegun = 2;
constexpr int kFieldMightHaveEnded = 3;

// libcsv asks its space function without any context. Cells must keep their spaces, but
// after a closing quote spaces must be skipped, or `"a" ,b` would reopen the quoted field
// and swallow the rest of the file: feed() turns this on for just those bytes.
thread_local bool t_spaces_are_padding = false;

int is_padding(unsigned char c) { return t_spaces_are_padding && (c == ' ' || c == '\t'); }

bool is_blank(std::string_view content, char delimiter) {
  return std::all_of(content.begin(), content.end(),
                     [&](char c) { return (c == ' ' || c == '\t') && c != delimiter; });
}

}  // namespace

CsvFieldParser::CsvFieldParser(char delimiter) : delimiter_(delimiter) {
  csv_init(&parser_, 0);
  csv_set_delim(&parser_, static_cast<unsigned char>(delimiter));
  csv_set_space_func(&parser_, is_padding);
}

CsvFieldParser::~CsvFieldParser() { csv_free(&parser_); }

void CsvFieldParser::on_field(void* data, std::size_t size, void* self) {
  auto* parser = static_cast<CsvFieldParser*>(self);
  if (data == nullptr || size == 0) {
    parser->fields_.emplace_back();
  } else {
    parser->fields_.emplace_back(static_cast<const char*>(data), size);
  }
}

void CsvFieldParser::on_row(int /*end*/, void* self) {
  static_cast<CsvFieldParser*>(self)->row_ended_ = true;
}

bool CsvFieldParser::parse(std::string_view bytes) {
  if (csv_parse(&parser_, bytes.data(), bytes.size(), on_field, on_row, this) == bytes.size())
    return true;
  error_ = csv_strerror(csv_error(&parser_));
  return false;
}

bool CsvFieldParser::feed(std::string_view bytes) {
  // Split after each quote so that the parser's state is visible where padding may follow.
  while (!bytes.empty()) {
    std::size_t n = 0;
    if (parser_.pstate == kFieldMightHaveEnded) {
      while (n < bytes.size() && (bytes[n] == ' ' || bytes[n] == '\t') && bytes[n] != delimiter_)
        ++n;
    }
    bool ok = true;
    if (n > 0) {
      t_spaces_are_padding = true;
      ok = parse(bytes.substr(0, n));
      t_spaces_are_padding = false;
    } else {
      const std::size_t quote = bytes.find(kQuote);
      n = quote == std::string_view::npos ? bytes.size() : quote + 1;
      ok = parse(bytes.substr(0, n));
    }
    if (!ok) return false;
    bytes.remove_prefix(n);
  }
  return true;
}

bool CsvFieldParser::finish() {
  if (csv_fini(&parser_, on_field, on_row, this) == 0) return true;
  error_ = csv_strerror(csv_error(&parser_));
  return false;
}

bool CsvFieldParser::in_quotes() const {
  return parser_.pstate == kFieldBegun && parser_.quoted != 0;
}

std::vector<std::string> CsvFieldParser::take_fields() {
  row_ended_ = false;
  std::vector<std::string> fields = std::move(fields_);
  fields_.clear();
  return fields;
}

bool CsvRowReader::next_line(std::string_view& line) {
  if (rest_.empty() && !lines_.next(rest_)) return false;
  // Only a '\r' that is not part of "\r\n" needs a cut: RawLineReader already ends at '\n'.
  std::size_t cut = rest_.size();
  for (std::size_t at = rest_.find('\r'); at != std::string_view::npos && at + 1 < rest_.size();
       at = rest_.find('\r', at + 1)) {
    if (rest_[at + 1] != '\n') {
      cut = at + 1;
      break;
    }
  }
  line = rest_.substr(0, cut);
  rest_.remove_prefix(cut);
  ++line_count_;
  return true;
}

bool CsvRowReader::fail(std::string message) {
  error_ = std::move(message);
  done_ = true;
  return false;
}

bool CsvRowReader::next(CsvRow& row) {
  row = CsvRow{};
  if (done_) return false;
  std::size_t fed = 0;
  for (;;) {
    std::string_view line;
    if (!next_line(line)) {
      done_ = true;
      if (!lines_.error().empty()) return fail(lines_.error());
      if (fed == 0) return false;
      row.unclosed_quote = parser_.in_quotes();
      if (!parser_.finish()) return fail(parser_.error());
      row.fields = parser_.take_fields();
      return true;
    }
    row.raw += line;
    std::string_view content = line;
    // libcsv would read a BOM as part of the first cell (and `"` after it as a literal).
    if (at_start_) {
      at_start_ = false;
      if (content.substr(0, kBom.size()) == kBom) content.remove_prefix(kBom.size());
    }
    if (fed == 0) {
      row.line = line_count_;
      const std::string_view body =
          content.substr(0, content.size() - csv_line_end(content).size());
      if (is_blank(body, delimiter_)) {
        row.blank = true;
        return true;
      }
    }
    fed += content.size();
    if (row.raw.size() > kMaxRowBytes) {
      return fail("line " + std::to_string(row.line) +
                  ": a row longer than 64 MiB (is a quoted field never closed?)");
    }
    if (!parser_.feed(content)) return fail(parser_.error());
    if (parser_.row_ended()) {
      row.fields = parser_.take_fields();
      return true;
    }
  }
}

std::vector<std::string> parse_csv_row(std::string_view raw, char delimiter) {
  CsvFieldParser parser(delimiter);
  parser.feed(raw);
  if (!parser.row_ended()) parser.finish();
  return parser.take_fields();
}

void append_csv_cell(std::string& out, std::string_view cell, char delimiter) {
  const bool quote =
      cell.find_first_of(std::string{delimiter, kQuote, '\r', '\n'}) != std::string_view::npos ||
      (!cell.empty() &&
       (cell.front() == ' ' || cell.front() == '\t' || cell.back() == ' ' || cell.back() == '\t'));
  if (!quote) {
    out += cell;
    return;
  }
  out += kQuote;
  for (char c : cell) {
    if (c == kQuote) out += kQuote;
    out += c;
  }
  out += kQuote;
}

std::string_view csv_line_end(std::string_view raw) {
  if (raw.ends_with("\r\n")) return raw.substr(raw.size() - 2);
  if (raw.ends_with('\n') || raw.ends_with('\r')) return raw.substr(raw.size() - 1);
  return {};
}

}  // namespace promptport::migrate
