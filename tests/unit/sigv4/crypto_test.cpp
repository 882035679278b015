// SHA-256 and HMAC-SHA256 (crypto.cpp computes HMAC itself over a pre-fetched digest)
// against the published vectors and OpenSSL's own HMAC(), and the allocation-free
// canonicalization helpers.
#include "certguard/aws/sigv4/crypto.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <string>
#include <thread>
#include <vector>

#include "certguard/aws/sigv4/encoding.h"

namespace certguard::aws::sigv4 {
namespace {

// OpenSSL's own one-shot HMAC(): the reference our RFC 2104 construction must match.
Digest openssl_hmac(const std::vector<unsigned char>& key, const std::string& data) {
  Digest out{};
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(), &len);
  EXPECT_EQ(len, out.size());
  return out;
}

std::string hmac_hex(const std::vector<unsigned char>& key, std::string_view data) {
  return to_hex(hmac_sha256(key, data));
}

TEST(Crypto, Sha256KnownAnswers) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Crypto, ToHexIsLowercaseTwoDigitsPerByte) {
  EXPECT_EQ(to_hex({}), "");
  const std::vector<unsigned char> bytes = {0x00, 0x0f, 0xa0, 0xff, 0x5c};
  EXPECT_EQ(to_hex(bytes), "000fa0ff5c");
}

// RFC 4231 test cases 1, 2, 6 and 7 (6 and 7: a 131-byte key, hashed first).
TEST(Crypto, HmacSha256Rfc4231) {
  EXPECT_EQ(hmac_hex(std::vector<unsigned char>(20, 0x0b), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(hmac_hex({'J', 'e', 'f', 'e'}, "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(hmac_hex(std::vector<unsigned char>(131, 0xaa),
                     "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  EXPECT_EQ(hmac_hex(std::vector<unsigned char>(131, 0xaa),
                     "This is a test using a larger than block-size key and a larger than "
                     "block-size data. The key needs to be hashed before being used by the HMAC "
                     "algorithm."),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

TEST(Crypto, HmacKeyOfExactlyOneBlockIsNotHashed) {
  // A 64-byte key is used as is; hashing it would give a different MAC.
  const std::vector<unsigned char> key(64, 0x01);
  const Digest hashed = sha256(std::string(64, '\x01'));
  EXPECT_NE(hmac_hex(key, "x"), hmac_hex({hashed.begin(), hashed.end()}, "x"));
  EXPECT_EQ(hmac_hex(key, "x"), hmac_hex(key, "x"));
}

std::string prepared_hex(const std::vector<unsigned char>& key, std::string_view data) {
  return to_hex(HmacSha256(key).mac(data));
}

// The same RFC 4231 cases through the key with its pads absorbed once.
TEST(Crypto, PreparedHmacRfc4231) {
  EXPECT_EQ(prepared_hex(std::vector<unsigned char>(20, 0x0b), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(prepared_hex({'J', 'e', 'f', 'e'}, "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(prepared_hex(std::vector<unsigned char>(131, 0xaa),
                         "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  EXPECT_EQ(prepared_hex(std::vector<unsigned char>(131, 0xaa),
                         "This is a test using a larger than block-size key and a larger than "
                         "block-size data. The key needs to be hashed before being used by the "
                         "HMAC algorithm."),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

// One prepared key, used again and again (its saved states must not be consumed), equals
// OpenSSL's HMAC() for key and message lengths around the 64-byte block and 55/56-byte padding.
TEST(Crypto, PreparedHmacEqualsOpenSslHmacAndIsReusable) {
  for (std::size_t key_len : {0U, 1U, 32U, 63U, 64U, 65U, 200U}) {
    std::vector<unsigned char> key(key_len);
    for (std::size_t i = 0; i < key_len; ++i) key[i] = static_cast<unsigned char>(i * 7 + 1);
    const HmacSha256 prepared(key);
    for (int round = 0; round < 2; ++round) {
      for (std::size_t data_len : {0U, 1U, 55U, 56U, 63U, 64U, 65U, 119U, 120U, 300U}) {
        const std::string data(data_len, static_cast<char>('a' + data_len % 26));
        EXPECT_EQ(prepared.mac(data), openssl_hmac(key, data))
            << "key " << key_len << " bytes, data " << data_len << " bytes";
      }
    }
  }
}

TEST(Crypto, PreparedHmacIsSafeToShareBetweenThreads) {
  const std::vector<unsigned char> key(32, 0x42);
  const HmacSha256 prepared(key);
  const Digest expected = hmac_sha256(key, "string to sign");
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  threads.reserve(mismatches.size());
  for (int& count : mismatches) {
    threads.emplace_back([&prepared, &expected, &count] {
      for (int i = 0; i < 500; ++i) {
        if (prepared.mac("string to sign") != expected) ++count;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

TEST(Encoding, AppendTrimAllMatchesTrimAll) {
  for (std::string_view in :
       {"", "   ", "x", " a ", "a  b", "a\tb", " a b c ", "\037a\034", "a \t b", "plain-value"}) {
    std::string out = "prefix:";
    append_trim_all(out, in);
    EXPECT_EQ(out, "prefix:" + trim_all(in)) << "input '" << in << "'";
  }
}

TEST(Encoding, HeaderNameIsCaseInsensitiveAndTrims) {
  EXPECT_TRUE(header_name_is("Host", "host"));
  EXPECT_TRUE(header_name_is("X-Amz-Date", "x-amz-date"));
  EXPECT_TRUE(header_name_is(" Host\t", "host"));
  EXPECT_FALSE(header_name_is("Hostx", "host"));
  EXPECT_FALSE(header_name_is("hos", "host"));
  EXPECT_FALSE(header_name_is("", "host"));
}

}  // namespace
}  // namespace certguard::aws::sigv4
