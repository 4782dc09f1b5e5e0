#include "core/certificate_serial.h"

#include "core/utf8.h"

namespace peixun::core {
namespace {

constexpr char kSymbols[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U";

// The value of a data symbol (0..31) after Crockford's normalisation; -1 otherwise.
int SymbolValue(char c) {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (c == 'O') c = '0';
  if (c == 'I' || c == 'L') c = '1';
  for (int i = 0; i < 32; ++i) {
    if (kSymbols[i] == c) return i;
  }
  return -1;
}

// The 16 symbols of 80 bits, big-endian, 5 bits each.
std::string Encode(const std::array<uint8_t, kSerialRandomBytes>& bytes) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (uint8_t b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += kSymbols[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

}  // namespace

char SerialCheckSymbol(int year, std::string_view data_symbols) {
  int mod = 0;
  for (char d : std::to_string(year)) mod = (mod * 32 + (d - '0')) % 37;
  for (char c : data_symbols) {
    const int v = SymbolValue(c);
    mod = (mod * 32 + (v < 0 ? 0 : v)) % 37;
  }
  return kSymbols[mod];
}

std::string FormatSerial(const CertificateSerial& serial) {
  const std::string data = Encode(serial.random);
  std::string out = "PX-" + std::to_string(serial.year);
  for (size_t i = 0; i < data.size(); i += 4) out += "-" + data.substr(i, 4);
  out += "-";
  out += SerialCheckSymbol(serial.year, data);
  return out;
}

std::optional<CertificateSerial> ParseSerial(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c == '-' || c == ' ') continue;
    if (compact.size() > 40) return std::nullopt;
    compact += c;
  }
  // PX + 4 digits + 16 symbols + 1 check.
  if (compact.size() != 23) return std::nullopt;
  if ((compact[0] != 'P' && compact[0] != 'p') || (compact[1] != 'X' && compact[1] != 'x')) {
    return std::nullopt;
  }
  int year = 0;
  for (int i = 2; i < 6; ++i) {
    if (compact[i] < '0' || compact[i] > '9') return std::nullopt;
    year = year * 10 + (compact[i] - '0');
  }
  if (year < 1000) return std::nullopt;
  std::string data;
  for (int i = 6; i < 22; ++i) {
    const int v = SymbolValue(compact[i]);
    if (v < 0) return std::nullopt;
    data += kSymbols[v];
  }
  char check = compact[22];
  if (check >= 'a' && check <= 'z') check = static_cast<char>(check - 'a' + 'A');
  const int check_value = SymbolValue(check);
  if (check_value >= 0) check = kSymbols[check_value];  // O → 0, I/L → 1
  if (check != SerialCheckSymbol(year, data)) return std::nullopt;
  CertificateSerial out;
  out.year = year;
  // Decode 16 × 5 bits into 10 bytes.
  uint32_t buffer = 0;
  int bits = 0;
  size_t at = 0;
  for (char c : data) {
    buffer = (buffer << 5) | static_cast<uint32_t>(SymbolValue(c));
    bits += 5;
    if (bits >= 8) {
      out.random[at++] = static_cast<uint8_t>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

std::string MaskName(std::string_view name) {
  const std::u32string chars = DecodeUtf8(name);
  if (chars.size() <= 1) return std::string(name);
  std::u32string out;
  out += chars.front();
  if (chars.size() == 2) {
    out += U'*';
  } else {
    out.append(chars.size() - 2, U'*');
    out += chars.back();
  }
  return EncodeUtf8(out);
}

}  // namespace peixun::core
