// PageSetup::font_subset: a document printed in fonts cut down to its own characters
// reads back the same (pdftotext), looks the same (pdftoppm, pixel for pixel), and is a
// function of its text alone (the same bytes whatever was printed before, on any thread).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>

#include "io/pdf_document.h"

namespace peixun::io {
namespace {

namespace fs = std::filesystem;

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

bool HaveTool(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

// A certificate-like page: a bold serif title, serif text with hard names (CJK Ext A,
// outside the BMP, a middle dot) that wraps, and small sans print with a long URL.
struct Page {
  std::string title = "结业证书";
  std::string body =
      "王䶮、𠮷星、买买提·艾力同志（×区财政局）于2026年11月30日至2026年12月4日参加"
      "×区2020年社区和“两新”党组织书记培训班，学习5天，共计40学时，圆满完成学习任务，"
      "准予结业。";
  std::string small =
      "扫描右侧二维码或访问 https://peixun.example.gov.cn/verify/PX-2026-7K3M-Q9XD-T2WA "
      "验证真伪";
};

Result<std::string> Print(const Page& p, bool subset) {
  PageSetup setup;
  setup.page_numbers = false;
  setup.created_at_ms = 1'796'000'000'000;
  std::optional<FontSubset> fonts;
  if (subset) fonts = FontSubset{p.body, p.title, p.small, ""};
  PdfDocument doc(setup, fonts);
  doc.DrawText({20, 55, 170, 25}, p.title,
               {FontFamily::kSerif, 36, true, Align::kCenter, 0x9B1C1C, 0, 0, 12});
  doc.DrawText({30, 100, 150, 80}, p.body, {FontFamily::kSerif, 16, false, Align::kLeft},
               VAlign::kTop);
  doc.DrawText({20, 262, 100, 16}, p.small, {FontFamily::kSans, 9.5, false, Align::kLeft},
               VAlign::kTop);
  return doc.Finish();
}

class PdfFontSubsetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("peixun_pdf_subset_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const Result<std::string>& pdf) {
    EXPECT_TRUE(pdf.ok()) << (pdf.ok() ? "" : pdf.error().code);
    const std::string path = (dir_ / name).string();
    if (pdf.ok()) std::ofstream(path, std::ios::binary) << *pdf;
    return path;
  }

  fs::path dir_;
};

TEST_F(PdfFontSubsetTest, ReadsBackAndLooksTheSameAsWholeFonts) {
  const Page page;
  auto whole = Print(page, false);
  auto cut = Print(page, true);
  ASSERT_TRUE(whole.ok() && cut.ok());
  EXPECT_NE(*whole, *cut);  // different font programs embedded
  const std::string whole_pdf = Write("whole.pdf", whole);
  const std::string cut_pdf = Write("cut.pdf", cut);
  if (!HaveTool("pdftotext") || !HaveTool("pdftoppm") || !HaveTool("pdffonts")) {
    GTEST_SKIP() << "poppler-utils is not installed";
  }
  const std::string text = RunCommand("pdftotext -raw -enc UTF-8 '" + cut_pdf + "' -");
  for (const char* s : {"准予结业", "王䶮", "𠮷星", "买买提·艾力", "PX-2026-7K3M-Q9XD-T2WA"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s << " in:\n" << text;
  }
  EXPECT_EQ(text, RunCommand("pdftotext -raw -enc UTF-8 '" + whole_pdf + "' -"));
  // The same faces by name (pdffonts' first column; the subset tags differ).
  auto fonts = [&](const std::string& pdf) {
    std::string names;
    for (const char* face :
         {"NotoSerifCJKsc-Bold", "NotoSerifCJKsc-Regular", "NotoSansCJKsc-Regular"}) {
      names += RunCommand("pdffonts '" + pdf + "' | grep -c " + face);
    }
    return names;
  };
  EXPECT_EQ(fonts(cut_pdf), "1\n1\n1\n");
  EXPECT_EQ(fonts(cut_pdf), fonts(whole_pdf));
  // Pixel for pixel at 150 dpi: the same outlines at the same places.
  RunCommand("pdftoppm -r 150 -gray '" + whole_pdf + "' '" + (dir_ / "whole").string() + "'");
  RunCommand("pdftoppm -r 150 -gray '" + cut_pdf + "' '" + (dir_ / "cut").string() + "'");
  auto read = [&](const std::string& stem) {
    std::ifstream in(dir_ / (stem + "-1.pgm"), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::string a = read("whole");
  ASSERT_GT(a.size(), 100'000u);
  EXPECT_TRUE(a == read("cut")) << "the page renders differently with the subset";
}

TEST_F(PdfFontSubsetTest, SameTextSameBytesWhateverWasPrintedBefore) {
  const Page a;
  Page b;
  b.body = "欧阳晓峰同志于2025年参加培训，共计12学时。";
  b.title = "优秀学员";
  auto first = Print(a, true);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(Print(b, true).ok());
  auto again = Print(a, true);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*first, *again);
  Result<std::string> other_thread = std::string();
  std::thread([&] { other_thread = Print(a, true); }).join();
  ASSERT_TRUE(other_thread.ok());
  EXPECT_EQ(*first, *other_thread);
}

TEST_F(PdfFontSubsetTest, DrawingACharacterOutsideTheSubsetIsAnError) {
  Page p;
  PdfDocument doc(PageSetup{}, FontSubset{p.body, p.title, p.small, ""});
  doc.DrawText({20, 20, 100, 10}, "王䶮", {FontFamily::kSerif, 12});
  doc.DrawText({20, 40, 100, 10}, "王䶮", {FontFamily::kSans, 12});  // not declared for sans
  auto pdf = doc.Finish();
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().code, "io.pdf.font_subset_incomplete");
}

// A character the CJK faces lack (Thai) needs the system's fallback fonts: the document
// is then printed with the whole fonts, as without a subset, rather than with a hole.
TEST_F(PdfFontSubsetTest, ACharacterTheFacesLackUsesTheWholeFonts) {
  Page p;
  p.body = "王䶮 สมชาย";
  auto cut = Print(p, true);
  auto whole = Print(p, false);
  ASSERT_TRUE(cut.ok()) << cut.error().code;
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(*cut, *whole);
}

}  // namespace
}  // namespace peixun::io
