// A1111's prompt-editing grammar without recursion.
//
// Grammar (modules/prompt_parser.py, a Lark Earley grammar):
//   start: (prompt | /[][():]/+)*          stray brackets and colons only at the top level
//   prompt: (emphasized | scheduled | alternate | plain | WHITESPACE)*
//   emphasized: "(" prompt ")" | "(" prompt ":" prompt ")" | "[" prompt "]"
//   scheduled: "[" [prompt ":"] prompt ":" [WHITESPACE] NUMBER [WHITESPACE] "]"
//   alternate: "[" prompt ("|" [prompt])+ "]"
//   plain: /([^\\\[\]():|]|\\.)+/
// Inside a construct everything must nest; at the top level a `[` that does not start one
// is a stray. So the parse fails only on a `|` outside every construct or a backslash with
// nothing after it on its line.
//
// Resolved text is kept as linked lists of source intervals, so choosing an option or
// closing a bracket never copies text: the whole parse is linear.
#include "sd/sd_schedule.h"

#include <optional>

#include "sd/sd_attention.h"

namespace promptport::sd {
namespace {

struct Node {
  std::uint32_t b, e;
  int next;
};

struct List {
  int head = -1, tail = -1;
  std::uint32_t length = 0;
  bool visible = false;   // holds a byte other than whitespace
  bool own_tail = false;  // the tail node is this list's own, so it may grow
};

struct Part {
  List list;
  std::uint32_t raw_begin = 0, raw_end = 0;
};

struct Frame {
  char open;     // '(' or '['
  char sep = 0;  // 0, ':' or '|'
  std::uint32_t at;
  std::vector<Part> parts;
  std::vector<std::uint32_t> seps;  // offsets of the separators
};

// SIGNED_NUMBER of Lark's common grammar, with optional whitespace around.
bool is_number(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  std::size_t e = s.size();
  while (e > i && is_space(s[e - 1])) --e;
  if (i < e && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t int_digits = 0, frac_digits = 0;
  while (i < e && s[i] >= '0' && s[i] <= '9') ++i, ++int_digits;
  bool dot = false;
  if (i < e && s[i] == '.') {
    dot = true;
    ++i;
    while (i < e && s[i] >= '0' && s[i] <= '9') ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0 || (dot && int_digits == 0 && frac_digits == 0)) return false;
  if (i < e && (s[i] == 'e' || s[i] == 'E')) {
    if (!dot && int_digits == 0) return false;
    ++i;
    if (i < e && (s[i] == '+' || s[i] == '-')) ++i;
    const std::size_t exp = i;
    while (i < e && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == exp) return false;
  }
  return i == e;
}

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  Resolved run() {
    Resolved out;
    std::size_t i = 0;
    while (i < s_.size()) {
      const char c = s_[i];
      if (c == '|' || (c == '\\' && !escape_ok(i))) return verbatim();
      if (c == '\\') {
        plain(out, i, i + 2);
        i += 2;
        continue;
      }
      if (c != '[') {
        plain(out, i, i + 1);
        ++i;
        continue;
      }
      // Emphasized brackets stay as written; the outermost [a:b:n] and [a|b] inside are
      // constructs. When the `[` at i starts nothing valid it is a stray: the constructs
      // completed before the failure still count, and reading goes on where it failed.
      const Attempt a = attempt(i);
      std::size_t k = i;
      auto text_until = [&](std::size_t end) {
        while (k < end) {
          if (s_[k] == '|') return false;
          const std::size_t n = s_[k] == '\\' ? 2 : 1;
          plain(out, k, k + n);
          k += n;
        }
        return true;
      };
      for (const Done& d : a.done) {
        if (!text_until(d.begin)) return verbatim();
        construct(out, d.begin, d.end, d.result);
        k = d.end;
      }
      if (!text_until(a.stop)) return verbatim();
      i = a.stop;
    }
    out.source.push_back(static_cast<std::uint32_t>(s_.size()));
    return out;
  }

 private:
  struct Done {
    std::uint32_t begin, end;
    List result;
  };
  struct Attempt {
    std::uint32_t stop = 0;  // after the closing bracket, or where the grammar failed
    std::vector<Done> done;  // the outermost [a:b:n] / [a|b] completed before `stop`
  };

  bool escape_ok(std::size_t i) const { return i + 1 < s_.size() && s_[i + 1] != '\n'; }

  Resolved verbatim() const {
    Resolved out;
    out.ok = false;
    out.text = std::string(s_);
    out.source.resize(s_.size() + 1);
    for (std::size_t k = 0; k <= s_.size(); ++k) out.source[k] = static_cast<std::uint32_t>(k);
    return out;
  }

  void plain(Resolved& out, std::size_t b, std::size_t e) const {
    for (std::size_t k = b; k < e; ++k) {
      out.text += s_[k];
      out.source.push_back(static_cast<std::uint32_t>(k));
    }
  }

  void construct(Resolved& out, std::uint32_t b, std::uint32_t e, const List& list) const {
    Construct c{b, e, static_cast<std::uint32_t>(out.text.size()), 0};
    // Up to its own tail: nodes linked after it belong to an enclosing list.
    for (int n = list.head; n != -1; n = nodes_[static_cast<std::size_t>(n)].next) {
      const Node& node = nodes_[static_cast<std::size_t>(n)];
      out.text.append(s_.substr(node.b, node.e - node.b));
      out.source.insert(out.source.end(), node.e - node.b, b);
      if (n == list.tail) break;
    }
    c.end = static_cast<std::uint32_t>(out.text.size());
    out.constructs.push_back(c);
  }

  void append(List& l, std::uint32_t b, std::uint32_t e) {
    if (b == e) return;
    for (std::uint32_t k = b; k < e; ++k) l.visible = l.visible || !is_space(s_[k]);
    l.length += e - b;
    if (l.own_tail && nodes_[static_cast<std::size_t>(l.tail)].e == b) {
      nodes_[static_cast<std::size_t>(l.tail)].e = e;
      return;
    }
    nodes_.push_back({b, e, -1});
    const int id = static_cast<int>(nodes_.size() - 1);
    if (l.tail == -1)
      l.head = id;
    else
      nodes_[static_cast<std::size_t>(l.tail)].next = id;
    l.tail = id;
    l.own_tail = true;
  }

  void splice(List& l, const List& m) {
    if (m.head == -1) return;
    if (l.tail == -1)
      l.head = m.head;
    else
      nodes_[static_cast<std::size_t>(l.tail)].next = m.head;
    l.tail = m.tail;
    l.own_tail = false;  // a spliced list may be read again alone (a remembered construct)
    l.length += m.length;
    l.visible = l.visible || m.visible;
  }

  // The resolved list of a frame closed by the bracket at `at`, or nullopt if it is invalid.
  std::optional<List> close(Frame& f, std::uint32_t at) {
    f.parts.back().raw_end = at;
    List out;
    if (f.open == '(' || f.sep == 0) {  // emphasized: kept as written, inner parts resolved
      append(out, f.at, f.at + 1);
      for (std::size_t p = 0; p < f.parts.size(); ++p) {
        if (p > 0) append(out, f.seps[p - 1], f.seps[p - 1] + 1);
        splice(out, f.parts[p].list);
      }
      append(out, at, at + 1);
      return out;
    }
    if (f.sep == '|') {
      for (const Part& p : f.parts)
        if (p.list.length > 0) return p.list;
      return out;
    }
    const std::size_t n = f.parts.size();
    const Part& when = f.parts.back();
    if ((n != 2 && n != 3) || !is_number(s_.substr(when.raw_begin, when.raw_end - when.raw_begin)))
      return std::nullopt;
    if (n == 2 || f.parts[1].list.visible) return f.parts[n - 2].list;
    return f.parts[0].list;  // [from::when]: the text it starts with
  }

  // Parses the construct whose `[` is at `start`, strictly (everything must nest).
  Attempt attempt(std::size_t start) {
    Attempt a;
    std::vector<Frame> stack;
    auto open = [&](char c, std::size_t at) {
      Frame f{c, 0, static_cast<std::uint32_t>(at), {}, {}};
      f.parts.push_back(Part{{}, static_cast<std::uint32_t>(at + 1), 0});
      stack.push_back(std::move(f));
    };
    auto fail = [&](std::size_t at) {
      a.stop = static_cast<std::uint32_t>(at);
      return a;
    };
    open('[', start);
    for (std::size_t i = start + 1; i < s_.size();) {
      const char c = s_[i];
      Frame& top = stack.back();
      if (c == '\\') {
        if (!escape_ok(i)) return fail(i);
        append(top.parts.back().list, static_cast<std::uint32_t>(i),
               static_cast<std::uint32_t>(i + 2));
        i += 2;
        continue;
      }
      if (c == '(' || c == '[') {
        open(c, i);
        ++i;
        continue;
      }
      if (c == ':' || c == '|') {
        const bool allowed = c == ':' ? (top.open == '(' ? top.parts.size() == 1 : top.sep != '|')
                                      : (top.open == '[' && top.sep != ':');
        if (!allowed) return fail(i);
        top.sep = c;
        top.parts.back().raw_end = static_cast<std::uint32_t>(i);
        top.seps.push_back(static_cast<std::uint32_t>(i));
        top.parts.push_back(Part{{}, static_cast<std::uint32_t>(i + 1), 0});
        ++i;
        continue;
      }
      if (c == ')' || c == ']') {
        if (top.open != (c == ')' ? '(' : '[')) return fail(i);
        const std::optional<List> result = close(top, static_cast<std::uint32_t>(i));
        if (!result) return fail(i);
        const std::uint32_t begin = top.at;
        const bool edit = top.open == '[' && top.sep != 0;
        stack.pop_back();
        ++i;
        if (edit) {
          while (!a.done.empty() && a.done.back().begin > begin) a.done.pop_back();
          a.done.push_back({begin, static_cast<std::uint32_t>(i), *result});
        }
        if (stack.empty()) {
          a.stop = static_cast<std::uint32_t>(i);
          return a;
        }
        splice(stack.back().parts.back().list, *result);
        continue;
      }
      append(top.parts.back().list, static_cast<std::uint32_t>(i),
             static_cast<std::uint32_t>(i + 1));
      ++i;
    }
    return fail(s_.size());
  }

  std::string_view s_;
  std::vector<Node> nodes_;
};

}  // namespace

Resolved resolve_schedule(std::string_view s) { return Parser(s).run(); }

}  // namespace promptport::sd
