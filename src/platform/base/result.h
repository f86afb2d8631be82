// Result<T> and Error: how every expected failure travels through Stepwise.
//
// An Error carries one of a small set of codes, a human message and, for bad input, the fields at
// fault. The HTTP layer maps each code to a status in exactly one place (platform/http/error_mapping.cc).
// Thread-safety: plain values; copy freely.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace stepwise {

// Persisted and sent on the wire as text ("invalid_argument"); never renumber-dependent.
enum class ErrorCode {
  kInvalidArgument,       // 400: bad input; see fields
  kUnauthenticated,       // 401
  kPermissionDenied,      // 403
  kNotFound,              // 404
  kMethodNotAllowed,      // 405
  kConflict,              // 409: duplicate or state conflict
  kFailedPrecondition,    // 412: stale version (If-Match mismatch)
  kPreconditionRequired,  // 428: an update without If-Match
  kPayloadTooLarge,       // 413
  kTooManyRequests,       // 429: throttled; retry_after_seconds says when to try again
  kUnavailable,           // 503: the database is unreachable or full
  kInternal,              // 500: a bug; the message is never shown to the caller
};

const char* ErrorCodeName(ErrorCode code);

struct FieldError {
  std::string field;    // a JSON path such as "address.postal_code" or "credentials[1].expires_on"
  std::string message;  // what is wrong and, where useful, what is expected
  bool operator==(const FieldError&) const = default;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::vector<FieldError> fields;
  int retry_after_seconds = 0;  // for kTooManyRequests (and kUnavailable): a Retry-After hint

  static Error InvalidArgument(std::string message, std::vector<FieldError> fields = {}) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(fields)};
  }
  static Error Field(std::string field, std::string message) {
    std::string summary = "invalid " + field;
    return InvalidArgument(std::move(summary), {{std::move(field), std::move(message)}});
  }
  static Error Unauthenticated(std::string m) { return {ErrorCode::kUnauthenticated, std::move(m), {}}; }
  static Error PermissionDenied(std::string m) { return {ErrorCode::kPermissionDenied, std::move(m), {}}; }
  static Error NotFound(std::string m) { return {ErrorCode::kNotFound, std::move(m), {}}; }
  static Error Conflict(std::string m, std::vector<FieldError> f = {}) {
    return {ErrorCode::kConflict, std::move(m), std::move(f)};
  }
  static Error StaleVersion() {
    return {ErrorCode::kFailedPrecondition,
            "the record was changed by someone else; reload it and apply your change again",
            {}};
  }
  static Error VersionRequired() {
    return {
        ErrorCode::kPreconditionRequired, "updates must send the version they are based on in an If-Match header", {}};
  }
  static Error TooLarge(std::string m) { return {ErrorCode::kPayloadTooLarge, std::move(m), {}}; }
  static Error TooManyRequests(std::string m, int retry_after_seconds) {
    return {ErrorCode::kTooManyRequests, std::move(m), {}, retry_after_seconds};
  }
  static Error Unavailable(std::string m) { return {ErrorCode::kUnavailable, std::move(m), {}}; }
  static Error Internal(std::string m) { return {ErrorCode::kInternal, std::move(m), {}}; }
};

// Collects field errors during validation so a form can show all of them at once.
class FieldErrors {
 public:
  void Add(std::string field, std::string message) { fields_.push_back({std::move(field), std::move(message)}); }
  bool empty() const { return fields_.empty(); }
  const std::vector<FieldError>& fields() const { return fields_; }
  Error ToError(std::string message = "some fields are invalid") const {
    return Error::InvalidArgument(std::move(message), fields_);
  }

 private:
  std::vector<FieldError> fields_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : e_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  bool ok() const { return !e_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const& { return *e_; }
  Error&& error() && { return std::move(*e_); }

 private:
  std::optional<Error> e_;
};

using Status = Result<void>;

inline Status Ok() { return {}; }

}  // namespace stepwise

// Propagates an error from an expression returning Result<...>.
#define SW_TRY(expr)                                                    \
  do {                                                                  \
    auto sw_try_result_ = (expr);                                       \
    if (!sw_try_result_.ok()) return std::move(sw_try_result_).error(); \
  } while (0)

#define SW_CONCAT_INNER(a, b) a##b
#define SW_CONCAT(a, b) SW_CONCAT_INNER(a, b)
// Assigns the value of a Result<T> expression to `lhs`, or returns its error.
#define SW_ASSIGN(lhs, expr) SW_ASSIGN_IMPL(SW_CONCAT(sw_assign_, __LINE__), lhs, expr)
#define SW_ASSIGN_IMPL(tmp, lhs, expr)          \
  auto tmp = (expr);                            \
  if (!tmp.ok()) return std::move(tmp).error(); \
  lhs = std::move(tmp).value()
