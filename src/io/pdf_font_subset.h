// Internal to the PDF writer (pdf_document.cc): the fonts of one document cut down to
// the characters it draws. Nothing else includes this header.
//
// Why: cairo 1.16 subsets a font for the PDF by loading the face's whole CFF table,
// twice per document; a Noto CJK face's is 15-25 MB, so a one-page certificate in
// three faces copied ~127 MB. Cut down first with HarfBuzz (which reads the face
// from a shared mapping and touches only what it keeps), cairo's copies are a few
// tens of KB.
//
// What it is a function of: each face's subset depends only on the characters given
// for it (and on the installed font files), never on earlier documents, so the same
// text gives the same PDF bytes in any process, in any order.
#pragma once

#include <pango/pango.h>

#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "io/pdf_document.h"

namespace peixun::io::pdf_internal {

enum class Face { kSerif, kSerifBold, kSans, kSansBold };

class SubsetFonts {
 public:
  // The four faces cut down to `wanted` (a face with no characters is left out), in
  // files of a private directory, behind a Pango font map of their own. nullptr when a
  // face cannot be read or a character (other than a control character) is not in its
  // face: then the document uses the system's fonts whole, with their fallbacks, as a
  // document without a subset does.
  static std::unique_ptr<SubsetFonts> Make(const FontSubset& wanted);
  ~SubsetFonts();  // removes the files (open faces keep their data)
  SubsetFonts(const SubsetFonts&) = delete;
  SubsetFonts& operator=(const SubsetFonts&) = delete;

  // Documents with a subset are made one at a time in a process (each holds this for
  // its whole life; so one thread must not hold two). Several at once, on threads of
  // their own, crashed inside cairo 1.16's FreeType font cache (a batch of 2,000
  // certificates on 4 threads, after some dozens); one at a time is still ~20 ms of CPU a
  // certificate.
  static std::mutex& Exclusive();

  PangoFontMap* font_map() const { return font_map_; }
  // Whether every character of `text` (UTF-8, valid) is in `face`'s subset.
  bool Covers(Face face, std::string_view text) const;

 private:
  SubsetFonts() = default;
  std::string dir_;
  std::vector<std::string> files_;
  std::array<std::vector<uint32_t>, 4> chars_;  // sorted
  PangoFontMap* font_map_ = nullptr;
};

inline Face FaceOf(const TextStyle& style) {
  if (style.font == FontFamily::kSerif) return style.bold ? Face::kSerifBold : Face::kSerif;
  return style.bold ? Face::kSansBold : Face::kSans;
}

}  // namespace peixun::io::pdf_internal
