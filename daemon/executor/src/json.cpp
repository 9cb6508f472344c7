// JSON per RFC 8259: objects, arrays, strings with \uXXXX escapes (surrogate pairs → UTF-8),
// numbers as double, true/false/null. Nesting is limited so hostile input cannot exhaust the stack.
#include "json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace duet {

namespace {
const Json& nullJson() {
  static const Json n;
  return n;
}
const std::string& emptyString() {
  static const std::string s;
  return s;
}

constexpr int kMaxDepth = 128;

class Parser {
 public:
  explicit Parser(const std::string& t) : t_(t) {}
  bool run(Json& out, std::string* error) {
    skipWs();
    if (!value(out, 0)) return fail(error);
    skipWs();
    if (p_ != t_.size()) {
      err_ = "unexpected text after the value";
      return fail(error);
    }
    return true;
  }

 private:
  bool fail(std::string* error) {
    if (error) *error = "JSON at offset " + std::to_string(p_) + ": " + err_;
    return false;
  }
  void skipWs() {
    while (p_ < t_.size() && (t_[p_] == ' ' || t_[p_] == '\t' || t_[p_] == '\n' || t_[p_] == '\r')) p_++;
  }
  bool literal(const char* word) {
    std::size_t n = std::strlen(word);
    if (t_.compare(p_, n, word) != 0) {
      err_ = "unexpected character";
      return false;
    }
    p_ += n;
    return true;
  }
  bool value(Json& out, int depth) {
    if (depth > kMaxDepth) {
      err_ = "nested too deeply";
      return false;
    }
    if (p_ >= t_.size()) {
      err_ = "unexpected end";
      return false;
    }
    char c = t_[p_];
    if (c == '{') return object(out, depth);
    if (c == '[') return array(out, depth);
    if (c == '"') {
      std::string s;
      if (!string(s)) return false;
      out = Json(std::move(s));
      return true;
    }
    if (c == 't') {
      out = Json(true);
      return literal("true");
    }
    if (c == 'f') {
      out = Json(false);
      return literal("false");
    }
    if (c == 'n') {
      out = Json();
      return literal("null");
    }
    return number(out);
  }
  bool number(Json& out) {
    std::size_t start = p_;
    if (p_ < t_.size() && t_[p_] == '-') p_++;
    auto digits = [&] {
      std::size_t s = p_;
      while (p_ < t_.size() && t_[p_] >= '0' && t_[p_] <= '9') p_++;
      return p_ > s;
    };
    if (!digits()) {
      err_ = "unexpected character";
      return false;
    }
    if (p_ < t_.size() && t_[p_] == '.') {
      p_++;
      if (!digits()) {
        err_ = "bad number";
        return false;
      }
    }
    if (p_ < t_.size() && (t_[p_] == 'e' || t_[p_] == 'E')) {
      p_++;
      if (p_ < t_.size() && (t_[p_] == '+' || t_[p_] == '-')) p_++;
      if (!digits()) {
        err_ = "bad number";
        return false;
      }
    }
    std::string text = t_.substr(start, p_ - start);
    out = Json(std::strtod(text.c_str(), nullptr));
    return true;
  }
  bool hex4(unsigned& v) {
    if (p_ + 4 > t_.size()) {
      err_ = "bad \\u escape";
      return false;
    }
    v = 0;
    for (int i = 0; i < 4; i++) {
      char c = t_[p_++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
      else {
        err_ = "bad \\u escape";
        return false;
      }
    }
    return true;
  }
  static void utf8(unsigned cp, std::string& s) {
    if (cp < 0x80) {
      s += static_cast<char>(cp);
    } else if (cp < 0x800) {
      s += static_cast<char>(0xC0 | (cp >> 6));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      s += static_cast<char>(0xE0 | (cp >> 12));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      s += static_cast<char>(0xF0 | (cp >> 18));
      s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  bool string(std::string& s) {
    p_++;  // opening quote
    for (;;) {
      std::size_t run = p_;
      while (p_ < t_.size() && t_[p_] != '"' && t_[p_] != '\\' && static_cast<unsigned char>(t_[p_]) >= 0x20) p_++;
      s.append(t_, run, p_ - run);
      if (p_ >= t_.size()) {
        err_ = "unterminated string";
        return false;
      }
      char c = t_[p_];
      if (c == '"') {
        p_++;
        return true;
      }
      if (c != '\\') {
        err_ = "control character in string";
        return false;
      }
      p_++;
      if (p_ >= t_.size()) {
        err_ = "unterminated string";
        return false;
      }
      char e = t_[p_++];
      switch (e) {
        case '"': s += '"'; break;
        case '\\': s += '\\'; break;
        case '/': s += '/'; break;
        case 'b': s += '\b'; break;
        case 'f': s += '\f'; break;
        case 'n': s += '\n'; break;
        case 'r': s += '\r'; break;
        case 't': s += '\t'; break;
        case 'u': {
          unsigned cp;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && p_ + 6 <= t_.size() && t_[p_] == '\\' && t_[p_ + 1] == 'u') {
            std::size_t save = p_;
            p_ += 2;
            unsigned lo;
            if (!hex4(lo)) return false;
            if (lo >= 0xDC00 && lo < 0xE000) cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            else p_ = save;
          }
          if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;  // lone surrogate
          utf8(cp, s);
          break;
        }
        default:
          err_ = "bad escape";
          return false;
      }
    }
  }
  bool array(Json& out, int depth) {
    p_++;
    out = Json::array();
    skipWs();
    if (p_ < t_.size() && t_[p_] == ']') {
      p_++;
      return true;
    }
    for (;;) {
      skipWs();
      Json v;
      if (!value(v, depth + 1)) return false;
      out.push(std::move(v));
      skipWs();
      if (p_ < t_.size() && t_[p_] == ',') {
        p_++;
        continue;
      }
      if (p_ < t_.size() && t_[p_] == ']') {
        p_++;
        return true;
      }
      err_ = "expected , or ]";
      return false;
    }
  }
  bool object(Json& out, int depth) {
    p_++;
    out = Json::object();
    skipWs();
    if (p_ < t_.size() && t_[p_] == '}') {
      p_++;
      return true;
    }
    for (;;) {
      skipWs();
      if (p_ >= t_.size() || t_[p_] != '"') {
        err_ = "expected a member name";
        return false;
      }
      std::string key;
      if (!string(key)) return false;
      skipWs();
      if (p_ >= t_.size() || t_[p_] != ':') {
        err_ = "expected :";
        return false;
      }
      p_++;
      skipWs();
      Json v;
      if (!value(v, depth + 1)) return false;
      out.set(key, std::move(v));
      skipWs();
      if (p_ < t_.size() && t_[p_] == ',') {
        p_++;
        continue;
      }
      if (p_ < t_.size() && t_[p_] == '}') {
        p_++;
        return true;
      }
      err_ = "expected , or }";
      return false;
    }
  }

  const std::string& t_;
  std::size_t p_ = 0;
  std::string err_;
};

void dumpNumber(double d, std::string& out) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  char buf[40];
  if (d == std::floor(d) && std::fabs(d) < 9007199254740992.0) {
    std::snprintf(buf, sizeof buf, "%.0f", d);
  } else {
    std::snprintf(buf, sizeof buf, "%.15g", d);
    if (std::strtod(buf, nullptr) != d) std::snprintf(buf, sizeof buf, "%.17g", d);
  }
  out += buf;
}
}  // namespace

const std::string& Json::str() const { return type_ == Type::String ? str_ : emptyString(); }

const Json& Json::operator[](const std::string& key) const {
  if (type_ != Type::Object) return nullJson();
  for (const auto& m : members_)
    if (m.first == key) return m.second;
  return nullJson();
}

bool Json::has(const std::string& key) const {
  if (type_ != Type::Object) return false;
  for (const auto& m : members_)
    if (m.first == key) return true;
  return false;
}

const Json& Json::operator[](std::size_t i) const {
  if (type_ != Type::Array || i >= items_.size()) return nullJson();
  return items_[i];
}

std::size_t Json::size() const {
  if (type_ == Type::Array) return items_.size();
  if (type_ == Type::Object) return members_.size();
  return 0;
}

Json& Json::set(const std::string& key, Json v) {
  if (type_ != Type::Object) *this = object();
  for (auto& m : members_)
    if (m.first == key) {
      m.second = std::move(v);
      return *this;
    }
  members_.emplace_back(key, std::move(v));
  return *this;
}

Json& Json::push(Json v) {
  if (type_ != Type::Array) *this = array();
  items_.push_back(std::move(v));
  return *this;
}

void jsonQuote(const std::string& s, std::string& out) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

void Json::dumpTo(std::string& out) const {
  switch (type_) {
    case Type::Null: out += "null"; break;
    case Type::Bool: out += bool_ ? "true" : "false"; break;
    case Type::Number: dumpNumber(num_, out); break;
    case Type::String: jsonQuote(str_, out); break;
    case Type::Array:
      out += '[';
      for (std::size_t i = 0; i < items_.size(); i++) {
        if (i) out += ',';
        items_[i].dumpTo(out);
      }
      out += ']';
      break;
    case Type::Object:
      out += '{';
      for (std::size_t i = 0; i < members_.size(); i++) {
        if (i) out += ',';
        jsonQuote(members_[i].first, out);
        out += ':';
        members_[i].second.dumpTo(out);
      }
      out += '}';
      break;
  }
}

std::string Json::dump() const {
  std::string out;
  dumpTo(out);
  return out;
}

Json Json::parse(const std::string& text, std::string* error) {
  Json out;
  Parser p(text);
  if (!p.run(out, error)) return Json();
  return out;
}

}  // namespace duet
