// The hash of one audit event: SHA-256(prev_hash || canonical row), as 64 lowercase hex digits.
//
// The canonical row is every column in a fixed order (kChainColumns), each written as one byte
// (0 = NULL, 1 = value) followed, for a value, by its length as 4 big-endian bytes and its bytes. The
// length prefix makes the serialization unambiguous: no two different rows serialize alike.
// Thread-safety: a ChainHasher belongs to one thread.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace stepwise::audit {

inline constexpr std::string_view kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

// The hashed columns, in canonical order; SELECT them in this order, then prev_hash and hash.
inline constexpr std::size_t kChainFieldCount = 16;
inline constexpr std::string_view kChainColumns =
    "seq, id, org_id, occurred_at, user_id, username, role, action, resource_type, resource_id, client_id, "
    "data_category, source_address, request_id, outcome, reason";

using ChainFields = std::array<std::optional<std::string_view>, kChainFieldCount>;

class ChainHasher {
 public:
  ChainHasher();
  ~ChainHasher();
  ChainHasher(const ChainHasher&) = delete;
  ChainHasher& operator=(const ChainHasher&) = delete;

  // Writes the 64 hex digits of SHA-256(prev_hash || canonical(fields)) to `out_hex`.
  void Hash(std::string_view prev_hash, const ChainFields& fields, char out_hex[64]);
  std::string Hash(std::string_view prev_hash, const ChainFields& fields);
  // The same in two steps: append prev_hash || canonical(fields) to `out`, then hash such an input.
  static void AppendInput(std::string& out, std::string_view prev_hash, const ChainFields& fields);
  void HashInput(std::string_view input, char out_hex[64]);

 private:
  struct State;
  State* state_;
  std::string buffer_;
};

// Plain SHA-256 over a stream of bytes (for archive files), as hex.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(std::string_view data);
  std::string HexDigest();  // ends the stream

 private:
  void* ctx_;
};

}  // namespace stepwise::audit
