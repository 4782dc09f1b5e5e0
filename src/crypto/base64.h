// Standard base64 (RFC 4648, with padding) for bytes carried in JSON: uploaded
// images and files, PDFs embedded in answers. libsodium does the work.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace peixun::crypto {

std::string Base64Encode(std::string_view bytes);
// The bytes, or nullopt when `text` is not base64; spaces and line breaks are ignored.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace peixun::crypto
