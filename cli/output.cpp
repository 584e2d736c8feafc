// Writes CLI output: a buffered writer, the record formats and human diagnostics.
#include "output.h"

#include <unistd.h>

#include <cerrno>

namespace promptport::cli {

namespace {

// Large enough that a pipe of short records costs one write() per few hundred records.
constexpr std::size_t kWriterCapacity = 1 << 16;

std::string_view without_trailing_newlines(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// A record with nothing in it (an empty input line) is written as an empty line in the
// human formats, even when the target would print default settings for an empty prompt.
bool is_blank(const Record& record) {
  static const Prompt kEmpty;
  return record.out.prompt.empty() && record.out.negative_prompt.empty() &&
         same_content(record.ir, kEmpty);
}

// Length of the valid UTF-8 sequence at p (overlong forms, surrogates and code points
// above U+10FFFF are invalid), or 0.
std::size_t utf8_sequence_length(const unsigned char* p, std::size_t n) {
  auto continuation = [&](std::size_t i) { return i < n && (p[i] & 0xC0) == 0x80; };
  const unsigned char c = p[0];
  if (c < 0xC2) return 0;
  if (c < 0xE0) return continuation(1) ? 2 : 0;
  if (c < 0xF0) {
    if (!continuation(1) || !continuation(2)) return 0;
    if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0)) return 0;
    return 3;
  }
  if (c < 0xF5) {
    if (!continuation(1) || !continuation(2) || !continuation(3)) return 0;
    if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90)) return 0;
    return 4;
  }
  return 0;
}

void append_name(std::string& out, const Dialect* dialect) {
  if (dialect == nullptr) {
    out += "null";
    return;
  }
  out += '"';
  out += dialect->name();  // names are kebab-case ASCII: nothing to escape
  out += '"';
}

}  // namespace

Writer::Writer(int fd) : fd_(fd) { buf_.reserve(kWriterCapacity); }

void Writer::write(std::string_view s) {
  if (error_ != 0) return;
  if (buf_.size() + s.size() > kWriterCapacity) {
    if (!flush()) return;
    if (s.size() >= kWriterCapacity) {  // too big to buffer: write it straight through
      write_all(s);
      return;
    }
  }
  buf_.append(s);
}

bool Writer::flush() {
  write_all(buf_);
  buf_.clear();
  return error_ == 0;
}

void Writer::write_all(std::string_view s) {
  std::size_t done = 0;
  while (error_ == 0 && done < s.size()) {
    ssize_t n = ::write(fd_, s.data() + done, s.size() - done);
    if (n >= 0) {
      done += static_cast<std::size_t>(n);
    } else if (errno != EINTR) {
      error_ = errno;
    }
  }
}

Format format_from_name(std::string_view name) {
  if (name == "prompt") return Format::Prompt;
  if (name == "json") return Format::Json;
  if (name == "ir" || name == "yaml") return Format::Yaml;
  return Format::Text;
}

RecordPrinter::RecordPrinter(Writer& out, Format format, DumpOptions dump)
    : out_(out), format_(format), dump_(dump) {}

void RecordPrinter::print(const Record& record, std::size_t number) {
  switch (format_) {
    case Format::Text:
      print_text(record);
      break;
    case Format::Prompt: {
      // One line, whatever the dialect returned: a line break would split the record.
      std::string_view p = record.out.prompt;
      // Two memchr scans: find_first_of calls memchr once per byte of the prompt.
      if (p.find('\n') == std::string_view::npos && p.find('\r') == std::string_view::npos) {
        out_.write(p);
        out_.put('\n');
        break;
      }
      scratch_.clear();
      for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i] == '\r' && i + 1 < p.size() && p[i + 1] == '\n') continue;
        scratch_ += (p[i] == '\n' || p[i] == '\r') ? ' ' : p[i];
      }
      scratch_ += '\n';
      out_.write(scratch_);
      break;
    }
    case Format::Json:
      print_json(record, number);
      break;
    case Format::Yaml: {
      if (!first_) out_.write("---\n");
      std::string doc = to_yaml(record.ir, dump_);
      out_.write(doc);
      if (doc.empty() || doc.back() != '\n') out_.put('\n');
      break;
    }
    case Format::IrJson:
      scratch_.clear();
      append_json(scratch_, to_json(record.ir));
      scratch_ += '\n';
      out_.write(scratch_);
      break;
  }
  first_ = false;
}

void RecordPrinter::print_text(const Record& record) {
  std::string_view text = record.out.text.empty() ? record.out.prompt : record.out.text;
  text = without_trailing_newlines(text);
  if (is_blank(record)) text = {};
  bool multiline = text.find('\n') != std::string_view::npos;
  if (!first_ && (multiline || previous_multiline_)) out_.put('\n');
  out_.write(text);
  out_.put('\n');
  previous_multiline_ = multiline;
}

void RecordPrinter::print_json(const Record& record, std::size_t number) {
  std::string& s = scratch_;
  s.clear();
  s += "{\"line\":";
  s += std::to_string(number);
  s += ",\"from\":";
  append_name(s, record.from);
  s += ",\"to\":";
  append_name(s, record.to);
  s += record.detected ? ",\"detected\":true" : ",\"detected\":false";
  s += ",\"confidence\":";
  append_json(s, nlohmann::json(record.confidence));
  s += ",\"prompt\":";
  append_json_string(s, record.out.prompt);
  s += ",\"negative_prompt\":";
  append_json_string(s, record.out.negative_prompt);
  s += ",\"request\":";
  append_json(s, record.out.request);
  s += ",\"diagnostics\":[";
  for (std::size_t i = 0; i < record.diags.size(); ++i) {
    if (i > 0) s += ',';
    append_json(s, to_json(record.diags[i]));
  }
  s += record.lossless() ? "],\"lossless\":true}\n" : "],\"lossless\":false}\n";
  out_.write(s);
}

void print_diagnostics(Writer& err, const Diagnostics& diags, std::string_view input_name,
                       std::size_t line, std::string_view source) {
  for (const Diagnostic& d : diags) {
    std::string text;
    if (d.span && (source.empty() || d.span->end > source.size())) {
      Diagnostic unplaced = d;  // the span points into text we do not have
      unplaced.span.reset();
      text = render_human(unplaced, input_name, line, source);
    } else {
      text = render_human(d, input_name, line, source);
    }
    err.write(text);
    if (text.empty() || text.back() != '\n') err.put('\n');
  }
}

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  out += '"';
  std::size_t run = 0;  // start of the bytes that are copied as they are
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (std::size_t len = utf8_sequence_length(p + i, n - i); len > 0) {
        i += len;
        continue;
      }
    }
    out.append(s.data() + run, i - run);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
        }
    }
    run = ++i;
  }
  out.append(s.data() + run, n - run);
  out += '"';
}

namespace {

template <class Json>
void append_any_json(std::string& out, const Json& value) {
  using Type = nlohmann::json::value_t;
  switch (value.type()) {
    case Type::object: {
      out += '{';
      bool first = true;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, it.key());
        out += ':';
        append_any_json(out, it.value());
      }
      out += '}';
      break;
    }
    case Type::array: {
      out += '[';
      bool first = true;
      for (const auto& item : value) {
        if (!first) out += ',';
        first = false;
        append_any_json(out, item);
      }
      out += ']';
      break;
    }
    case Type::string:
      append_json_string(out, value.template get_ref<const std::string&>());
      break;
    case Type::boolean:
      out += value.template get<bool>() ? "true" : "false";
      break;
    case Type::number_integer:
      out += std::to_string(value.template get<std::int64_t>());
      break;
    case Type::number_unsigned:
      out += std::to_string(value.template get<std::uint64_t>());
      break;
    default:  // null, floating point (nlohmann's shortest form), binary
      out += value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

}  // namespace

void append_json(std::string& out, const nlohmann::json& value) { append_any_json(out, value); }
void append_json(std::string& out, const nlohmann::ordered_json& value) {
  append_any_json(out, value);
}

}  // namespace promptport::cli
