#include "sha256.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace tally {

struct Sha256Stream::Context {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  ~Context() { EVP_MD_CTX_free(context); }
};

namespace {

void require(int openssl_result) {
  if (openssl_result != 1) throw std::runtime_error("SHA-256 failed");
}

} // namespace

Sha256Stream::Sha256Stream() : context_(std::make_unique<Context>()) {
  if (context_->context == nullptr) throw std::bad_alloc();
  require(EVP_DigestInit_ex(context_->context, EVP_sha256(), nullptr));
}

Sha256Stream::~Sha256Stream() = default;

void Sha256Stream::update(std::string_view bytes) {
  require(EVP_DigestUpdate(context_->context, bytes.data(), bytes.size()));
}

std::string Sha256Stream::finish_hex() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  require(EVP_DigestFinal_ex(context_->context, digest.data(), &size));
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * size);
  for (unsigned int i = 0; i < size; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xf]);
  }
  return hex;
}

std::string sha256_hex(std::string_view bytes) {
  Sha256Stream stream;
  stream.update(bytes);
  return stream.finish_hex();
}

} // namespace tally
