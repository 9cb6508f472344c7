// Minimal JSON value, reader and writer for frame headers (docs/contracts.md §4). Headers are
// small metadata plus generated source text; bulk bytes travel as frame payloads, never here.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace duet {

class Json {
 public:
  enum class Type { Null, Bool, Number, String, Array, Object };

  Json() = default;
  Json(std::nullptr_t) {}
  Json(bool b) : type_(Type::Bool), bool_(b) {}
  Json(double d) : type_(Type::Number), num_(d) {}
  Json(int v) : Json(static_cast<double>(v)) {}
  Json(long v) : Json(static_cast<double>(v)) {}
  Json(long long v) : Json(static_cast<double>(v)) {}
  Json(unsigned v) : Json(static_cast<double>(v)) {}
  Json(unsigned long v) : Json(static_cast<double>(v)) {}
  Json(unsigned long long v) : Json(static_cast<double>(v)) {}
  Json(const char* s) : type_(Type::String), str_(s) {}
  Json(std::string s) : type_(Type::String), str_(std::move(s)) {}

  static Json array() { Json j; j.type_ = Type::Array; return j; }
  static Json object() { Json j; j.type_ = Type::Object; return j; }

  Type type() const { return type_; }
  bool isNull() const { return type_ == Type::Null; }
  bool isBool() const { return type_ == Type::Bool; }
  bool isNumber() const { return type_ == Type::Number; }
  bool isString() const { return type_ == Type::String; }
  bool isArray() const { return type_ == Type::Array; }
  bool isObject() const { return type_ == Type::Object; }

  bool boolean(bool def = false) const { return type_ == Type::Bool ? bool_ : def; }
  double number(double def = 0) const { return type_ == Type::Number ? num_ : def; }
  const std::string& str() const;  // "" unless a string

  // Object member (or a shared null when missing / not an object).
  const Json& operator[](const std::string& key) const;
  bool has(const std::string& key) const;
  // Array element (or a shared null when out of range / not an array).
  const Json& operator[](std::size_t i) const;
  std::size_t size() const;  // elements or members
  const std::vector<Json>& items() const { return items_; }
  const std::vector<std::pair<std::string, Json>>& members() const { return members_; }

  Json& set(const std::string& key, Json v);  // replaces an existing member, keeps order
  Json& push(Json v);

  std::string dump() const;
  // Parses one JSON text. On failure returns null and sets *error (position and reason).
  static Json parse(const std::string& text, std::string* error);

 private:
  void dumpTo(std::string& out) const;
  Type type_ = Type::Null;
  bool bool_ = false;
  double num_ = 0;
  std::string str_;
  std::vector<Json> items_;
  std::vector<std::pair<std::string, Json>> members_;
};

// Appends `s` as a JSON string literal (quotes included) to `out`.
void jsonQuote(const std::string& s, std::string& out);

}  // namespace duet
