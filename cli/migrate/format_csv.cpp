// CSV and TSV prompt libraries: a header row, one record per row.
//
// Every row is written back from its own bytes with the added cells inserted before its
// line end, so quoting, spacing and line ends of the source survive untouched. Only
// --replace rebuilds a row, from its parsed cells.
#include <algorithm>
#include <cctype>
#include <optional>

#include "csv_rows.h"
#include "formats.h"

namespace promptport::migrate {

namespace {

constexpr std::size_t kHeaderTag = 1;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool same_name(std::string_view a, std::string_view b) {
  a = trim(a);
  b = trim(b);
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

std::optional<std::size_t> find_name(const std::vector<std::string>& header,
                                     std::string_view name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (same_name(header[i], name)) return i;
  return std::nullopt;
}

std::optional<std::size_t> find_first(const std::vector<std::string>& header,
                                      std::initializer_list<std::string_view> names) {
  for (std::string_view name : names)
    if (auto found = find_name(header, name)) return found;
  return std::nullopt;
}

std::string list_columns(const std::vector<std::string>& header) {
  constexpr std::size_t kShown = 20;
  std::string list;
  for (std::size_t i = 0; i < header.size() && i < kShown; ++i) {
    if (i > 0) list += ", ";
    list += '"';
    list += header[i];
    list += '"';
  }
  if (header.size() > kShown) list += ", ...";
  return list.empty() ? "none" : list;
}

std::string plural(std::size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

// A column the user named: a header name, or a 1-based number. Sets `index` or returns
// why not.
std::string resolve_column(const std::vector<std::string>& header, const std::string& spec,
                           std::string_view option, std::optional<std::size_t>& index) {
  const bool number = !spec.empty() && std::all_of(spec.begin(), spec.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
  if (number) {
    const std::size_t n = spec.size() > 9 ? 0 : std::stoul(spec);
    if (n >= 1 && n <= header.size()) {
      index = n - 1;
      return {};
    }
    return std::string(option) + " " + spec + " is not a column: the header has " +
           plural(header.size(), "column") + " (" + list_columns(header) + ")";
  }
  index = find_name(header, spec);
  if (index) return {};
  return "no column \"" + spec + "\" in the header (columns: " + list_columns(header) + "); " +
         std::string(option) + " takes a header name or a 1-based number";
}

class CsvFormat final : public FormatFile {
 public:
  CsvFormat(const Settings& settings, char delimiter)
      : settings_(settings), delimiter_(delimiter), rows_(delimiter) {}

  std::string open(const Input& input) override { return rows_.open(input.files.at(0).string()); }

  std::vector<std::filesystem::path> outputs(const std::filesystem::path& mirrored) const override {
    return {mirrored};
  }

  bool read(Batch& batch, std::size_t max_records) override {
    std::size_t records = 0;
    CsvRow row;
    while (records < max_records && rows_.next(row)) {
      Item item;
      item.line = row.line;
      if (row.blank) {
        item.raw = std::move(row.raw);
      } else if (!header_read_) {
        read_header(row);
        item.tag = kHeaderTag;
        item.raw = std::move(row.raw);
      } else {
        item.record = ++record_count_;
        ++records;
        read_record(item, row);
      }
      batch.items.push_back(std::move(item));
    }
    return !batch.items.empty();
  }

  void render(Batch& batch) const override {
    batch.out.resize(1);
    std::string& out = batch.out[0];
    for (const Item& item : batch.items) {
      if (item.kind == Item::Kind::Record && !item.results.empty() &&
          item.results.size() == settings_.targets.size()) {
        render_record(out, item);
      } else if (item.kind == Item::Kind::Passthrough && item.tag == kHeaderTag &&
                 header_error_.empty()) {
        render_header(out, item);
      } else {
        out += item.raw;
      }
    }
  }

  std::string error() const override { return rows_.error(); }

 private:
  // Fixes the columns for the whole file. render() reads what is set here; it runs only for
  // batches handed out after this, and nothing here changes again.
  void read_header(const CsvRow& row) {
    header_read_ = true;
    width_ = row.fields.size();
    const std::vector<std::string>& header = row.fields;
    if (row.unclosed_quote) {
      header_error_ = "the header row has a quoted field that is never closed";
      return;
    }
    if (!settings_.column.empty()) {
      header_error_ = resolve_column(header, settings_.column, "--column", prompt_);
    } else {
      prompt_ = find_first(
          header, {"prompt", "text", "positive", "positive_prompt", "caption", "description"});
      if (!prompt_) {
        header_error_ = "no prompt column: the header has columns " + list_columns(header) +
                        "; name the prompt column with --column NAME or --column NUMBER";
      }
    }
    if (!header_error_.empty()) return;
    if (settings_.negative_column == "-") return;
    if (!settings_.negative_column.empty()) {
      header_error_ =
          resolve_column(header, settings_.negative_column, "--negative-column", negative_);
    } else {
      negative_ = find_first(
          header, {"negative_prompt", "negative", "negative prompt", "neg_prompt", "uc"});
    }
    // One cell cannot be both: the prompt wins.
    if (negative_ == prompt_) negative_.reset();
  }

  void read_record(Item& item, CsvRow& row) {
    const std::size_t count = row.fields.size();
    item.raw = std::move(row.raw);
    if (row.unclosed_quote) {
      fail(item, "a quoted field in this row is never closed (the file ends inside it)");
    } else if (!header_error_.empty()) {
      fail(item, header_error_);
    } else if (count <= *prompt_) {
      fail(item, "row has " + plural(count, "field") + ", the prompt column is field " +
                     std::to_string(*prompt_ + 1));
    } else {
      item.kind = Item::Kind::Record;
      item.prompt = std::move(row.fields[*prompt_]);
      if (negative_) {
        item.has_negative = true;
        if (*negative_ < count) item.negative = std::move(row.fields[*negative_]);
      }
      item.tag = count;
      if (count > width_) {
        report(item.input_diags, Code::InvalidInput, Severity::Info,
               "row has " + plural(count, "field") + ", the header has " + std::to_string(width_) +
                   "; the added cells follow the last field, not under their header names");
      }
    }
  }

  static void fail(Item& item, std::string message) {
    item.kind = Item::Kind::Failed;
    report(item.input_diags, Code::InvalidInput, Severity::Error, std::move(message));
  }

  void render_header(std::string& out, const Item& item) const {
    const std::string_view raw = item.raw;
    const std::string_view end = csv_line_end(raw);
    out += raw.substr(0, raw.size() - end.size());
    for (const std::string& name : added_names(settings_)) {
      out += delimiter_;
      append_csv_cell(out, name, delimiter_);
    }
    out += end;
  }

  void render_record(std::string& out, const Item& item) const {
    const std::string_view raw = item.raw;
    const std::string_view end = csv_line_end(raw);
    if (settings_.replace) {
      append_replaced_cells(out, item);
    } else {
      out += raw.substr(0, raw.size() - end.size());
      // Empty cells up to the header's width keep the added cells under their names.
      for (std::size_t i = item.tag; i < width_; ++i) out += delimiter_;
    }
    std::string json;
    for (const TargetResult& result : item.results) {
      if (!settings_.replace) {
        add_cell(out, result.prompt);
        add_cell(out, result.negative_prompt);
      }
      json.clear();
      append_json(json, result.request);
      add_cell(out, json);
      add_cell(out, diagnostics_text(result.diags));
    }
    out += end;
  }

  // The cells' bytes are not kept on the item, so they are parsed again from the raw row:
  // the same bytes through the same parser give the same cells.
  void append_replaced_cells(std::string& out, const Item& item) const {
    std::vector<std::string> cells = parse_csv_row(item.raw, delimiter_);
    if (cells.size() < width_) cells.resize(width_);
    const TargetResult& result = item.results.at(0);
    if (*prompt_ < cells.size()) cells[*prompt_] = result.prompt;
    if (negative_ && *negative_ < cells.size()) cells[*negative_] = result.negative_prompt;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out += delimiter_;
      append_csv_cell(out, cells[i], delimiter_);
    }
  }

  void add_cell(std::string& out, std::string_view cell) const {
    out += delimiter_;
    append_csv_cell(out, cell, delimiter_);
  }

  const Settings& settings_;
  const char delimiter_;
  CsvRowReader rows_;
  bool header_read_ = false;
  std::size_t width_ = 0;
  std::optional<std::size_t> prompt_;
  std::optional<std::size_t> negative_;
  std::string header_error_;
  std::size_t record_count_ = 0;
};

}  // namespace

std::unique_ptr<FormatFile> make_csv_format(const Settings& settings, char delimiter) {
  return std::make_unique<CsvFormat>(settings, delimiter);
}

}  // namespace promptport::migrate
