#include <cairo/cairo.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "io/qr_code.h"

namespace peixun::io {
namespace {

namespace fs = std::filesystem;

const std::string kUrl = "https://127.0.0.1/c/abc?x=1";
const std::string kChinese = "签到：买买提·艾力 欧阳䶮 𠮷 《基础党务工作者管理沟通艺术》";

bool HaveTool(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

// Runs `command` and returns what it printed on stdout.
std::string RunCommand(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

struct PngReader {
  const std::string* data;
  size_t offset = 0;
};

cairo_status_t ReadPng(void* closure, unsigned char* out, unsigned int length) {
  auto* reader = static_cast<PngReader*>(closure);
  if (reader->offset + length > reader->data->size()) return CAIRO_STATUS_READ_ERROR;
  std::copy_n(reader->data->data() + reader->offset, length, out);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

class QrTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("peixun_qr_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string WriteFile(const std::string& name, const std::string& bytes) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  fs::path dir_;
};

TEST_F(QrTest, EncodesTheSmallestVersionThatHoldsTheUrl) {
  auto qr = EncodeQr(kUrl);
  ASSERT_TRUE(qr.ok()) << qr.error().message;
  // 27 bytes in 8-bit mode at level M: version 2 holds 26, version 3 holds 42.
  EXPECT_EQ(qr->version, 3);
  EXPECT_EQ(qr->size, 17 + 4 * 3);
  EXPECT_EQ(qr->dark.size(), 29u * 29u);
  // The three finder patterns: dark 7×7 rings at three corners, light just inside them.
  for (auto [x, y] : {std::pair{0, 0}, {qr->size - 7, 0}, {0, qr->size - 7}}) {
    EXPECT_TRUE(qr->at(x, y));
    EXPECT_TRUE(qr->at(x + 6, y + 6));
    EXPECT_FALSE(qr->at(x + 1, y + 1));
    EXPECT_TRUE(qr->at(x + 3, y + 3));
  }
  EXPECT_FALSE(qr->at(-1, 0));
  EXPECT_FALSE(qr->at(qr->size, 0));

  auto high = EncodeQr(kUrl, QrLevel::kH);
  ASSERT_TRUE(high.ok());
  EXPECT_GT(high->version, qr->version);
}

TEST_F(QrTest, EncodesChineseAsUtf8Bytes) {
  auto qr = EncodeQr(kChinese);
  ASSERT_TRUE(qr.ok()) << qr.error().message;
  EXPECT_EQ(qr->size, 17 + 4 * qr->version);
  // 87 UTF-8 bytes need version 6 at level M (version 5 holds 84, version 6 holds 106).
  ASSERT_EQ(kChinese.size(), 87u);
  EXPECT_EQ(qr->version, 6);
}

TEST_F(QrTest, RejectsEmptyAndOversizedPayloads) {
  auto empty = EncodeQr("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, "io.qr.empty");
  auto huge = EncodeQr(std::string(3000, 'x'));
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.error().code, "io.qr.too_long");
  EXPECT_FALSE(QrPng(QrMatrix{}, 4, 4).ok());
  auto qr = EncodeQr(kUrl);
  ASSERT_TRUE(qr.ok());
  auto bad = QrPng(*qr, 0, 4);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "io.qr.bad_scale");
}

TEST_F(QrTest, SvgDrawsEveryDarkModule) {
  auto qr = EncodeQr(kUrl);
  ASSERT_TRUE(qr.ok());
  const std::string svg = QrSvg(*qr, 8, 4);
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"296\"", 0), 0u) << svg;
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  // The top-left finder's first row is one run of 7 modules at (4, 4) in the quiet zone.
  EXPECT_NE(svg.find("<rect x=\"32\" y=\"32\" width=\"56\" height=\"8\"/>"), std::string::npos);
  // Runs together cover exactly the dark modules.
  long covered = 0;
  for (size_t at = svg.find("<rect x="); at != std::string::npos;
       at = svg.find("<rect x=", at + 1)) {
    const size_t w = svg.find("width=\"", at) + 7;
    covered += std::stol(svg.substr(w)) / 8;
  }
  long dark = 0;
  for (bool d : qr->dark) dark += d;
  EXPECT_EQ(covered, dark);
}

TEST_F(QrTest, PngDecodesToTheMatrix) {
  auto qr = EncodeQr(kChinese);
  ASSERT_TRUE(qr.ok());
  auto png = QrPng(*qr, 6, 4);
  ASSERT_TRUE(png.ok()) << png.error().message;
  ASSERT_EQ(png->compare(0, 8, "\x89PNG\r\n\x1a\n"), 0);

  PngReader reader{&*png};
  cairo_surface_t* image = cairo_image_surface_create_from_png_stream(&ReadPng, &reader);
  ASSERT_EQ(cairo_surface_status(image), CAIRO_STATUS_SUCCESS);
  const int side = (qr->size + 8) * 6;
  EXPECT_EQ(cairo_image_surface_get_width(image), side);
  EXPECT_EQ(cairo_image_surface_get_height(image), side);
  const unsigned char* pixels = cairo_image_surface_get_data(image);
  const int stride = cairo_image_surface_get_stride(image);
  int mismatches = 0;
  for (int y = -4; y < qr->size + 4; ++y) {
    for (int x = -4; x < qr->size + 4; ++x) {
      // The center pixel of each module; the low byte of the 32-bit pixel is blue.
      const int px = (x + 4) * 6 + 3;
      const int py = (y + 4) * 6 + 3;
      const auto* pixel = reinterpret_cast<const uint32_t*>(pixels + py * stride) + px;
      const bool dark = (*pixel & 0xFF) < 128;
      mismatches += dark != qr->at(x, y);
    }
  }
  cairo_surface_destroy(image);
  EXPECT_EQ(mismatches, 0);
}

TEST_F(QrTest, ZbarReadsThePayloadBack) {
  if (!HaveTool("zbarimg")) GTEST_SKIP() << "zbarimg (zbar-tools) is not installed";
  for (const std::string& payload : {kUrl, kChinese}) {
    auto qr = EncodeQr(payload);
    ASSERT_TRUE(qr.ok());
    auto png = QrPng(*qr, 4, 4);
    ASSERT_TRUE(png.ok());
    const std::string path = WriteFile("qr.png", *png);
    std::string decoded = RunCommand("zbarimg --quiet --raw '" + path + "' 2>/dev/null");
    while (!decoded.empty() && decoded.back() == '\n') decoded.pop_back();
    EXPECT_EQ(decoded, payload);
  }
}

}  // namespace
}  // namespace peixun::io
