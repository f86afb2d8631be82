#include "platform/audit/audit_hash.h"

#include <openssl/evp.h>

#include <cstdint>
#include <stdexcept>

namespace stepwise::audit {

namespace {
void ToHex(const unsigned char* digest, char* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned i = 0; i < 32; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 0xF];
  }
}
}  // namespace

struct ChainHasher::State {
  EVP_MD* md = nullptr;
  EVP_MD_CTX* ctx = nullptr;
};

ChainHasher::ChainHasher() : state_(new State) {
  // Fetch the implementation once: a fetch per hash costs more than hashing a row.
  state_->md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  state_->ctx = EVP_MD_CTX_new();
  if (!state_->md || !state_->ctx) {
    EVP_MD_free(state_->md);
    EVP_MD_CTX_free(state_->ctx);
    delete state_;
    throw std::runtime_error("OpenSSL has no SHA-256");
  }
  buffer_.reserve(1024);
}

ChainHasher::~ChainHasher() {
  EVP_MD_CTX_free(state_->ctx);
  EVP_MD_free(state_->md);
  delete state_;
}

void ChainHasher::AppendInput(std::string& out, std::string_view prev_hash, const ChainFields& fields) {
  out.append(prev_hash);
  for (const auto& f : fields) {
    if (!f) {
      out.push_back('\0');
      continue;
    }
    const auto n = static_cast<std::uint32_t>(f->size());
    const char prefix[5] = {'\1', static_cast<char>(n >> 24), static_cast<char>(n >> 16), static_cast<char>(n >> 8),
                            static_cast<char>(n)};
    out.append(prefix, sizeof prefix);
    out.append(*f);
  }
}

void ChainHasher::HashInput(std::string_view input, char out_hex[64]) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestInit_ex2(state_->ctx, state_->md, nullptr) != 1 ||
      EVP_DigestUpdate(state_->ctx, input.data(), input.size()) != 1 ||
      EVP_DigestFinal_ex(state_->ctx, digest, &len) != 1 || len != 32) {
    throw std::runtime_error("SHA-256 failed");
  }
  ToHex(digest, out_hex);
}

void ChainHasher::Hash(std::string_view prev_hash, const ChainFields& fields, char out_hex[64]) {
  buffer_.clear();
  AppendInput(buffer_, prev_hash, fields);
  HashInput(buffer_, out_hex);
}

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_ || EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL has no SHA-256");
  }
}
Sha256::~Sha256() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_)); }
void Sha256::Update(std::string_view data) {
  if (EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), data.data(), data.size()) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
}
std::string Sha256::HexDigest() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), digest, &len) != 1 || len != 32) {
    throw std::runtime_error("SHA-256 failed");
  }
  std::string out(64, '0');
  ToHex(digest, out.data());
  return out;
}

std::string ChainHasher::Hash(std::string_view prev_hash, const ChainFields& fields) {
  std::string out(64, '0');
  Hash(prev_hash, fields, out.data());
  return out;
}

}  // namespace stepwise::audit
