#include "io/text_encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>

#include <climits>
#include <memory>
#include <string>
#include <vector>

namespace peixun::io {
namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

Error EncodingError(const char* charset) {
  return Invalid("io.encoding.invalid", std::string("文本不是有效的 ") + charset + " 编码",
                 std::string("text is not valid ") + charset);
}

Result<ConverterPtr> OpenStrict(const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr cnv(ucnv_open(charset, &status));
  if (U_FAILURE(status)) {
    return Internal("io.encoding.converter",
                    std::string("ucnv_open ") + charset + ": " + u_errorName(status));
  }
  // Stop at the first bad sequence: a wrong guess must surface, not turn into '?'.
  ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  ucnv_setFromUCallBack(cnv.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status)) {
    return Internal("io.encoding.converter", std::string("ucnv callbacks: ") + u_errorName(status));
  }
  return cnv;
}

Error TooLong() {
  return MakeError(ErrorKind::kTooLarge, "io.file.too_large", "文本太长", "text too long");
}

}  // namespace

Result<std::string> ToUtf8(std::string_view bytes, const char* charset) {
  if (bytes.size() >= INT32_MAX / 4) return TooLong();
  PEIXUN_ASSIGN_OR_RETURN(ConverterPtr cnv, OpenStrict(charset));
  // Every UTF-16 unit comes from at least one input byte.
  std::vector<UChar> utf16(bytes.size() + 1);
  UErrorCode status = U_ZERO_ERROR;
  int32_t units = ucnv_toUChars(cnv.get(), utf16.data(), static_cast<int32_t>(utf16.size()),
                                bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) return EncodingError(charset);

  std::string out(static_cast<size_t>(units) * 3 + 1, '\0');
  int32_t length = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &length, utf16.data(), units, &status);
  if (U_FAILURE(status)) return EncodingError(charset);
  out.resize(static_cast<size_t>(length));
  return out;
}

Result<std::string> FromUtf8(std::string_view text, const char* charset) {
  if (text.size() >= INT32_MAX / 4) return TooLong();
  std::vector<UChar> utf16(text.size() + 1);
  int32_t units = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8(utf16.data(), static_cast<int32_t>(utf16.size()), &units, text.data(),
                static_cast<int32_t>(text.size()), &status);
  if (U_FAILURE(status)) return EncodingError("UTF-8");

  PEIXUN_ASSIGN_OR_RETURN(ConverterPtr cnv, OpenStrict(charset));
  // GB18030 spends at most 4 bytes on one UTF-16 unit; UTF-16/32 no more than that either.
  std::string out(static_cast<size_t>(units) * 4 + 4, '\0');
  status = U_ZERO_ERROR;
  int32_t length = ucnv_fromUChars(cnv.get(), out.data(), static_cast<int32_t>(out.size()),
                                   utf16.data(), units, &status);
  if (U_FAILURE(status)) return EncodingError(charset);
  out.resize(static_cast<size_t>(length));
  return out;
}

}  // namespace peixun::io
