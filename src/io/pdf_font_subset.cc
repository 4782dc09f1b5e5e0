#include "io/pdf_font_subset.h"

#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <hb-subset.h>
#include <hb.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>

namespace peixun::io::pdf_internal {
namespace {

constexpr std::array<const char*, 4> kFamilies = {"Noto Serif CJK SC", "Noto Serif CJK SC",
                                                  "Noto Sans CJK SC", "Noto Sans CJK SC"};
constexpr std::array<bool, 4> kBold = {false, true, false, true};
// Kept in every subset: the space, and the hyphens Pango inserts where it breaks a line
// inside a word (U+2010, or U+002D when a font lacks it).
constexpr std::array<uint32_t, 3> kAlways = {0x20, 0x2D, 0x2010};

// One installed face, found the way Pango finds it (fontconfig's best match), opened
// once per process. HarfBuzz maps the file and reads it in place; its objects are
// read-only once made and safe to share between threads.
struct SourceFace {
  hb_face_t* face = nullptr;     // null: not installed
  hb_set_t* unicodes = nullptr;  // the characters it has
};

SourceFace OpenFace(Face which) {
  const auto i = static_cast<size_t>(which);
  SourceFace out;
  FcPattern* pattern = FcPatternCreate();
  FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(kFamilies[i]));
  FcPatternAddInteger(pattern, FC_WEIGHT, kBold[i] ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  FcPattern* match = FcFontMatch(nullptr, pattern, &result);
  FcPatternDestroy(pattern);
  if (match == nullptr) return out;
  bool family_ok = false;
  FcChar8* family = nullptr;
  for (int k = 0; FcPatternGetString(match, FC_FAMILY, k, &family) == FcResultMatch; ++k) {
    if (std::string_view(reinterpret_cast<const char*>(family)) == kFamilies[i]) family_ok = true;
  }
  FcChar8* file = nullptr;
  int index = 0;
  if (family_ok && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
      FcPatternGetInteger(match, FC_INDEX, 0, &index) == FcResultMatch) {
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(reinterpret_cast<const char*>(file));
    if (blob != nullptr) {
      out.face = hb_face_create(blob, static_cast<unsigned>(index));
      hb_blob_destroy(blob);
      out.unicodes = hb_set_create();
      hb_face_collect_unicodes(out.face, out.unicodes);
      hb_face_make_immutable(out.face);
      if (hb_set_is_empty(out.unicodes)) {  // not a font HarfBuzz can read
        hb_face_destroy(out.face);
        hb_set_destroy(out.unicodes);
        out = {};
      }
    }
  }
  FcPatternDestroy(match);
  return out;
}

const std::array<SourceFace, 4>& SourceFaces() {
  static const std::array<SourceFace, 4> faces = {OpenFace(Face::kSerif),
                                                  OpenFace(Face::kSerifBold), OpenFace(Face::kSans),
                                                  OpenFace(Face::kSansBold)};
  return faces;
}

// The distinct characters of `text` worth a glyph (not control characters), plus the
// ones every subset keeps; sorted. Empty `text`: none.
std::vector<uint32_t> CharsOf(std::string_view text) {
  std::vector<uint32_t> out;
  if (text.empty()) return out;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    const gunichar c = g_utf8_get_char_validated(p, end - p);
    if (c == static_cast<gunichar>(-1) || c == static_cast<gunichar>(-2)) return {};
    if (c >= 0x20 && c != 0x7F) out.push_back(c);
    p = g_utf8_next_char(p);
  }
  out.insert(out.end(), kAlways.begin(), kAlways.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The subset's bytes, or empty when HarfBuzz fails.
std::string Subset(const SourceFace& source, const std::vector<uint32_t>& chars) {
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (input == nullptr) return {};
  hb_set_t* unicodes = hb_subset_input_unicode_set(input);
  for (uint32_t c : chars) hb_set_add(unicodes, c);
  hb_face_t* subset = hb_subset_or_fail(source.face, input);
  hb_subset_input_destroy(input);
  if (subset == nullptr) return {};
  hb_blob_t* blob = hb_face_reference_blob(subset);
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  std::string out(data != nullptr ? data : "", data != nullptr ? length : 0);
  hb_blob_destroy(blob);
  hb_face_destroy(subset);
  return out;
}

bool WriteFile(const std::string& path, const std::string& bytes) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return false;
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  return std::fclose(f) == 0 && ok;
}

}  // namespace

std::unique_ptr<SubsetFonts> SubsetFonts::Make(const FontSubset& wanted) {
  const std::array<const std::string*, 4> texts = {&wanted.serif, &wanted.serif_bold, &wanted.sans,
                                                   &wanted.sans_bold};
  std::unique_ptr<SubsetFonts> fonts(new SubsetFonts());
  std::array<std::string, 4> bytes;
  for (size_t i = 0; i < 4; ++i) {
    fonts->chars_[i] = CharsOf(*texts[i]);
    if (fonts->chars_[i].empty()) continue;
    const SourceFace& source = SourceFaces()[i];
    if (source.face == nullptr) return nullptr;
    // Only what the face has: a character it lacks needs the system's fallback fonts.
    auto& chars = fonts->chars_[i];
    for (uint32_t c : chars) {
      const bool always = std::find(kAlways.begin(), kAlways.end(), c) != kAlways.end();
      if (!always && !hb_set_has(source.unicodes, c)) return nullptr;
    }
    std::erase_if(chars, [&](uint32_t c) { return !hb_set_has(source.unicodes, c); });
    bytes[i] = Subset(source, chars);
    if (bytes[i].empty()) return nullptr;
  }

  GError* error = nullptr;
  gchar* dir = g_dir_make_tmp("peixun-fonts-XXXXXX", &error);
  if (dir == nullptr) {
    g_clear_error(&error);
    return nullptr;
  }
  fonts->dir_ = dir;
  g_free(dir);
  // Names never reused in this process: cairo keeps faces it has seen by file name,
  // past this document.
  static std::atomic<uint64_t> serial{0};
  FcConfig* config = FcConfigCreate();
  bool ok = config != nullptr;
  for (size_t i = 0; i < 4 && ok; ++i) {
    if (bytes[i].empty()) continue;
    const std::string path =
        fonts->dir_ + "/" + std::to_string(serial.fetch_add(1)) + "-" + std::to_string(i) + ".otf";
    ok = WriteFile(path, bytes[i]);
    if (ok || g_file_test(path.c_str(), G_FILE_TEST_EXISTS)) fonts->files_.push_back(path);
    ok = ok && FcConfigAppFontAddFile(config, reinterpret_cast<const FcChar8*>(path.c_str()));
  }
  if (!ok) {
    if (config != nullptr) FcConfigDestroy(config);
    return nullptr;  // the destructor removes what was written
  }
  fonts->font_map_ = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
  if (fonts->font_map_ == nullptr) {
    FcConfigDestroy(config);
    return nullptr;
  }
  pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fonts->font_map_), config);
  FcConfigDestroy(config);  // the font map holds its own reference
  return fonts;
}

std::mutex& SubsetFonts::Exclusive() {
  static std::mutex mutex;
  return mutex;
}

SubsetFonts::~SubsetFonts() {
  if (font_map_ != nullptr) g_object_unref(font_map_);
  for (const std::string& file : files_) g_remove(file.c_str());
  if (!dir_.empty()) g_rmdir(dir_.c_str());
}

bool SubsetFonts::Covers(Face face, std::string_view text) const {
  const auto& chars = chars_[static_cast<size_t>(face)];
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    const gunichar c = g_utf8_get_char_validated(p, end - p);
    if (c == static_cast<gunichar>(-1) || c == static_cast<gunichar>(-2)) return false;
    if (c >= 0x20 && c != 0x7F && !std::binary_search(chars.begin(), chars.end(), c)) return false;
    p = g_utf8_next_char(p);
  }
  return true;
}

}  // namespace peixun::io::pdf_internal
