// Certificate serials (结业证书编号): unguessable and readable, e.g.
//   PX-2020-7K3M-Q9XD-T2WA-B8HN-5
// "PX", the year of issue, 80 random bits as 16 Crockford base32 symbols in groups of
// four, and one check symbol: Crockford's mod-37 check over the year's four digits and
// the 16 symbols read as one base-32 number (the check alphabet is the 32 symbols plus
// "*~$=U"; all are legal in a URL path segment). Any single mistyped symbol and any
// swap of two adjacent different data symbols is caught (37 is prime and > 32).
//
// Parsing is lenient the way Crockford says: case-insensitive, O → 0, I and L → 1,
// hyphens and spaces ignored. Pure and thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace peixun::core {

inline constexpr int kSerialRandomBytes = 10;  // 80 bits

struct CertificateSerial {
  int year = 0;                                      // 1000..9999
  std::array<uint8_t, kSerialRandomBytes> random{};  // the 80 bits, big-endian
  friend bool operator==(const CertificateSerial&, const CertificateSerial&) = default;
};

// "PX-2020-7K3M-Q9XD-T2WA-B8HN-5" (canonical: upper case, hyphens).
std::string FormatSerial(const CertificateSerial& serial);

// The serial `text` names, or nullopt when it is malformed: wrong prefix, year not
// four digits, not 16 symbols, a symbol outside the alphabet or a wrong check.
std::optional<CertificateSerial> ParseSerial(std::string_view text);

// The check symbol of a year and 16 data symbols (exposed for tests).
char SerialCheckSymbol(int year, std::string_view data_symbols);

// A person's name partly masked for the public verify page: the first and last
// characters kept, those between starred (王*明, 买******力); a two-character name
// keeps the first (王*); one character stays as it is. Counts Unicode characters.
std::string MaskName(std::string_view name);

}  // namespace peixun::core
