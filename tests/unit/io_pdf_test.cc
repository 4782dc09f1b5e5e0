// The printables, checked the way a person would: read back with pdftotext (poppler-utils),
// rendered with pdftoppm and looked at for ink, pages counted with pdfinfo, and the badge
// QR codes scanned with zbarimg (zbar-tools) when it is installed.
#include <cairo/cairo.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "io/pdf_document.h"
#include "io/pdf_layouts.h"

namespace peixun::io {
namespace {

namespace fs = std::filesystem;

const std::string kClass = "×区2020年社区和“两新”党组织书记培训班";
const std::string kSession = "《基础党务工作者管理沟通艺术》";
// Names that break careless software: a CJK Extension A character (U+4DAE), one outside
// the BMP (U+20BB7), a Uyghur name with a middle dot, and a two-character surname.
const std::vector<std::string> kHardNames = {"李䶮", "𠮷星", "买买提·艾力", "欧阳晓峰"};

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

class PdfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("peixun_pdf_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const Result<std::string>& pdf) {
    EXPECT_TRUE(pdf.ok()) << (pdf.ok() ? "" : pdf.error().code + " " + pdf.error().message);
    const std::string path = (dir_ / name).string();
    if (pdf.ok()) std::ofstream(path, std::ios::binary) << *pdf;
    return path;
  }

  // The text of pages first..last (0: to the end), as pdftotext -layout prints it.
  static std::string Text(const std::string& path, int first = 1, int last = 0) {
    std::string range = " -f " + std::to_string(first);
    if (last > 0) range += " -l " + std::to_string(last);
    return RunCommand("pdftotext -layout -enc UTF-8" + range + " '" + path + "' -");
  }

  // The text in drawing order (pdftotext -raw): a cell's lines come out one after the
  // other even when the cells beside it have lines at the same height.
  static std::string RawText(const std::string& path) {
    return RunCommand("pdftotext -raw -enc UTF-8 '" + path + "' -");
  }

  static int Pages(const std::string& path) {
    std::smatch m;
    const std::string info = RunCommand("pdfinfo '" + path + "'");
    if (!std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))"))) return 0;
    return std::stoi(m[1]);
  }

  // The metadata title pdfinfo shows.
  static std::string MetadataTitle(const std::string& path) {
    std::smatch m;
    const std::string info = RunCommand("pdfinfo '" + path + "'");
    if (!std::regex_search(info, m, std::regex(R"(Title:\s+([^\n]*))"))) return {};
    return m[1];
  }

  // pdftotext drops the narrow spaces of "第 1 页 / 共 3 页"; compare without them.
  static bool HasFooter(const std::string& text, int page, int pages) {
    std::string squeezed;
    for (char c : text) {
      if (c != ' ') squeezed += c;
    }
    return squeezed.find("第" + std::to_string(page) + "页/共" + std::to_string(pages) + "页") !=
           std::string::npos;
  }

  // Renders page 1 at 50 dpi and returns how many pixels are dark (luma < 128); -1 when
  // the PNG is missing or unreadable.
  long DarkPixelsOnPageOne(const std::string& path) {
    const std::string prefix = (dir_ / "page").string();
    RunCommand("pdftoppm -png -r 50 -f 1 -l 1 -singlefile '" + path + "' '" + prefix + "'");
    const std::string png = prefix + ".png";
    if (!fs::exists(png)) return -1;
    cairo_surface_t* image = cairo_image_surface_create_from_png(png.c_str());
    if (cairo_surface_status(image) != CAIRO_STATUS_SUCCESS) {
      cairo_surface_destroy(image);
      return -1;
    }
    const int w = cairo_image_surface_get_width(image);
    const int h = cairo_image_surface_get_height(image);
    const int stride = cairo_image_surface_get_stride(image);
    const unsigned char* data = cairo_image_surface_get_data(image);
    long dark = 0;
    for (int y = 0; y < h; ++y) {
      const auto* row = reinterpret_cast<const uint32_t*>(data + y * stride);
      for (int x = 0; x < w; ++x) {
        const uint32_t p = row[x];
        const int luma = (((p >> 16) & 0xFF) * 3 + ((p >> 8) & 0xFF) * 6 + (p & 0xFF)) / 10;
        dark += luma < 128;
      }
    }
    cairo_surface_destroy(image);
    fs::remove(png);
    return dark;
  }

  fs::path dir_;
};

// `text` without any white space (pdftotext puts spaces and line breaks inside runs of
// Chinese text where the layout breaks lines or spaces letters).
std::string Squeeze(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\f' && c != '\t' && c != '\r') out += c;
  }
  return out;
}

size_t CountOf(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// Whether some line of `layout_text` (pdftotext -layout) holds `needle` whole.
bool OnOneLine(const std::string& layout_text, const std::string& needle) {
  size_t begin = 0;
  while (begin < layout_text.size()) {
    size_t end = layout_text.find('\n', begin);
    if (end == std::string::npos) end = layout_text.size();
    if (Squeeze(layout_text.substr(begin, end - begin)).find(needle) != std::string::npos) {
      return true;
    }
    begin = end + 1;
  }
  return false;
}

// The pages of pdftotext output (it ends every page with a form feed).
std::vector<std::string> SplitPages(const std::string& text) {
  std::vector<std::string> pages;
  size_t begin = 0;
  for (size_t ff = text.find('\f'); ff != std::string::npos; ff = text.find('\f', begin)) {
    pages.push_back(text.substr(begin, ff - begin));
    begin = ff + 1;
  }
  return pages;
}

// The text of pdftotext -raw output as one run without white space, page breaks taken
// out: each page's header line and footer ("第 i 页 / 共 N 页"), and any line that is one
// of `repeated` (a table's header row), are dropped, so a text split between two pages
// reads on as one.
std::string Continuous(const std::string& raw, const std::vector<std::string>& repeated) {
  static const std::regex kFooter(R"(第\d+页/共\d+页)");
  std::string out;
  for (const std::string& page : SplitPages(raw)) {
    std::vector<std::string> lines;
    size_t begin = 0;
    while (begin < page.size()) {
      size_t end = page.find('\n', begin);
      if (end == std::string::npos) end = page.size();
      const std::string line = Squeeze(page.substr(begin, end - begin));
      if (!line.empty()) lines.push_back(line);
      begin = end + 1;
    }
    for (size_t i = 1; i < lines.size(); ++i) {  // lines[0] is the header line
      if (std::regex_match(lines[i], kFooter)) continue;
      if (std::find(repeated.begin(), repeated.end(), lines[i]) != repeated.end()) continue;
      out += lines[i];
    }
  }
  return out;
}

// `n` distinct names, none inside another, with the hard cases first.
std::vector<std::string> ManyNames(int n) {
  std::vector<std::string> names = {"李䶮", "𠮷星", "买买提·艾力", "欧阳晓峰", "阿依古丽·买买提"};
  const std::vector<std::string> surnames = {"王", "张", "刘", "陈", "杨", "赵", "黄", "周"};
  const std::vector<std::string> given = {"伟", "芳", "娜", "敏", "静", "强", "磊", "军",
                                          "洋", "勇", "艳", "杰", "娟", "涛", "明", "超"};
  for (size_t i = 0; static_cast<int>(names.size()) < n; ++i) {
    // Surname and two given characters: 8 × 16 × 16 = 2048 names of equal length.
    names.push_back(surnames[i % 8] + given[i / 8 % 16] + given[i / 128 % 16]);
  }
  names.resize(n);
  return names;
}

std::vector<RosterEntry> Roster(int n) {
  std::vector<RosterEntry> out;
  for (int i = 0; i < n; ++i) {
    RosterEntry e;
    e.name =
        i < static_cast<int>(kHardNames.size()) ? kHardNames[i] : "学员" + std::to_string(i + 1);
    e.gender = i % 2 ? "女" : "男";
    e.ethnicity = e.name == "买买提·艾力" ? "维吾尔族" : "汉族";
    e.unit = "×区××街道××社区党委";
    e.position = "党委书记、居委会主任";
    e.phone = "138" + std::to_string(10000000 + i);
    out.push_back(e);
  }
  return out;
}

TEST_F(PdfTest, TimetableGroupsDaysAndPrintsTheTotalLine) {
  TimetableDoc doc;
  doc.class_name = kClass;
  doc.dates = "2020年9月15日—9月17日";
  doc.venue = "××大学干部培训中心";
  doc.organizer = "中共×区委组织部";
  doc.entries = {
      {"9月15日\n星期二", "08:30—09:00", "开班仪式", "开班仪式", "", "报告厅", 0},
      {"9月15日\n星期二", "09:00—11:30", kSession, "专题讲座", "𠮷星 教授", "第一教室", 3},
      {"9月15日\n星期二", "14:30—17:00", "社区党建示范点现场教学", "现场教学", "李䶮", "××社区",
       2.5},
      {"9月16日\n星期三", "08:30—11:30", "“两新”组织党建工作实务", "专题讲座", "欧阳晓峰",
       "第一教室", 3},
      {"9月16日\n星期三", "14:30—17:00", "分组讨论：如何当好社区党组织书记", "分组讨论",
       "买买提·艾力", "各组讨论室", 2.5},
      {"9月17日\n星期四", "09:00—11:00", "结业考试、结业仪式", "结业仪式", "", "报告厅", 2},
  };
  doc.note = "注：请学员提前10分钟到场，不缺席、不迟到、不早退、不中途外出。";
  doc.total = "每名学员合计 13 学时";  // the caller's figure, not a sum of the rows
  std::vector<std::pair<int, int>> calls;
  const std::string path =
      Write("timetable.pdf", TimetablePdf(doc, [&](int d, int t) { calls.emplace_back(d, t); }));
  const std::string text = Text(path);
  EXPECT_NE(text.find(kClass), std::string::npos) << text;
  EXPECT_NE(text.find(kSession), std::string::npos) << text;
  for (const std::string& name : kHardNames) EXPECT_NE(text.find(name), std::string::npos) << name;
  EXPECT_NE(text.find("每名学员合计 13 学时"), std::string::npos) << text;
  EXPECT_NE(text.find("2.5"), std::string::npos);
  EXPECT_TRUE(HasFooter(text, 1, 1)) << text;
  EXPECT_NE(text.find("日程表"), std::string::npos);
  // Each day's date is printed once, in its merged cell.
  size_t count = 0;
  for (size_t at = text.find("9月15日"); at != std::string::npos; at = text.find("9月15日", at + 1))
    ++count;
  EXPECT_EQ(count, 2u) << text;  // the date line under the title, and the merged cell
  EXPECT_GT(DarkPixelsOnPageOne(path), 2000);
  EXPECT_EQ(MetadataTitle(path), kClass + "日程表");
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.back(), std::make_pair(12, 12));
}

TEST_F(PdfTest, RosterRepeatsTheHeaderOnEveryPage) {
  RosterDoc small{kClass, "", Roster(10)};
  const std::string small_path = Write("roster10.pdf", RosterPdf(small));
  EXPECT_EQ(Pages(small_path), 1);

  RosterDoc doc{kClass, "截至2020年9月10日", Roster(200)};
  int last_done = 0;
  bool monotonic = true;
  const std::string path = Write("roster200.pdf", RosterPdf(doc, [&](int done, int total) {
                                   monotonic = monotonic && done >= last_done && total == 400;
                                   last_done = done;
                                 }));
  EXPECT_TRUE(monotonic);
  EXPECT_EQ(last_done, 400);
  const int pages = Pages(path);
  EXPECT_GE(pages, 5);
  const std::string first = Text(path, 1, 1);
  EXPECT_NE(first.find(kClass), std::string::npos);
  EXPECT_NE(first.find("学员花名册"), std::string::npos);
  EXPECT_NE(first.find("共 200 人"), std::string::npos);
  for (const std::string& name : kHardNames) EXPECT_NE(first.find(name), std::string::npos) << name;
  EXPECT_NE(first.find("维吾尔族"), std::string::npos);
  for (int page = 2; page <= pages; ++page) {
    const std::string text = Text(path, page, page);
    for (const char* header : {"序号", "姓名", "民族", "单位", "手机号"}) {
      EXPECT_NE(text.find(header), std::string::npos) << "page " << page << " lacks " << header;
    }
    EXPECT_TRUE(HasFooter(text, page, pages)) << text;
  }
  EXPECT_NE(Text(path, pages, pages).find("学员200"), std::string::npos);
  EXPECT_GT(DarkPixelsOnPageOne(path), 5000);
}

TEST_F(PdfTest, SignInSheetHasTallEmptyCellsToSign) {
  SignInDoc doc;
  doc.class_name = kClass;
  doc.session_title = kSession;
  doc.date = "2020年9月15日";
  doc.time = "09:00—11:30";
  doc.place = "第一教室";
  for (const std::string& name : kHardNames) doc.trainees.push_back({name, "×区××街道党工委"});
  const std::string path = Write("signin.pdf", SignInSheetPdf(doc));
  const std::string text = Text(path);
  EXPECT_NE(text.find(kSession), std::string::npos) << text;
  EXPECT_NE(text.find("签到表"), std::string::npos) << text;
  EXPECT_NE(text.find("2020年9月15日 09:00—11:30"), std::string::npos) << text;
  EXPECT_NE(text.find("第一教室"), std::string::npos);
  for (const std::string& name : kHardNames) EXPECT_NE(text.find(name), std::string::npos) << name;
  EXPECT_GT(DarkPixelsOnPageOne(path), 2000);
  EXPECT_EQ(Pages(path), 1);

  // 12 mm rows: 60 people do not fit on one page, and the pages grow with the people.
  for (int i = 0; i < 56; ++i) doc.trainees.push_back({"学员" + std::to_string(i), "单位"});
  const std::string many = Write("signin60.pdf", SignInSheetPdf(doc));
  EXPECT_GE(Pages(many), 3);
  EXPECT_LE(Pages(many), 5);
}

TEST_F(PdfTest, SeatingChartPlacesNamesUnderThePodium) {
  SeatingDoc doc;
  doc.class_name = kClass;
  doc.subtitle = "第一教室 · 开班仪式";
  doc.rows = 5;
  doc.cols = 8;
  doc.aisles_after = {4};
  doc.seats = {{1, 1, "李䶮"}, {1, 2, "𠮷星"}, {2, 5, "买买提·艾力"}, {5, 8, "欧阳晓峰"}};
  const std::string path = Write("seating.pdf", SeatingChartPdf(doc));
  const std::string text = Text(path);
  EXPECT_NE(text.find(kClass + "座次表"), std::string::npos) << text;
  EXPECT_NE(text.find("讲"), std::string::npos) << text;
  for (const std::string& name : kHardNames) EXPECT_NE(text.find(name), std::string::npos) << name;
  EXPECT_LT(text.find("讲"), text.find("李䶮"));
  EXPECT_GT(DarkPixelsOnPageOne(path), 1000);

  doc.seats.push_back({6, 1, "多出来的人"});
  auto out_of_range = SeatingChartPdf(doc);
  ASSERT_FALSE(out_of_range.ok());
  EXPECT_EQ(out_of_range.error().code, "io.pdf.seat_out_of_range");
  EXPECT_EQ(out_of_range.error().field, "第 6 排第 1 座");
}

TEST_F(PdfTest, BadgesEightPerPageWithScannableCodes) {
  BadgeDoc doc;
  doc.class_name = kClass;
  for (int i = 0; i < 20; ++i) {
    Badge b;
    b.name = i < 4 ? kHardNames[i] : "学员" + std::to_string(i + 1);
    b.unit = "×区××街道××社区党委";
    b.group = "第" + std::to_string(i % 4 + 1) + "组";
    b.qr_payload = "https://127.0.0.1/c/abc?t=" + std::to_string(i + 1);
    doc.badges.push_back(b);
  }
  std::vector<int> done;
  const std::string path = Write("badges.pdf", BadgesPdf(doc, [&](int d, int total) {
                                   EXPECT_EQ(total, 40);
                                   done.push_back(d);
                                 }));
  EXPECT_EQ(Pages(path), 3);  // 8 + 8 + 4
  ASSERT_FALSE(done.empty());
  EXPECT_EQ(done.back(), 40);
  EXPECT_TRUE(std::is_sorted(done.begin(), done.end()));
  EXPECT_EQ(done[19], 20);  // all badges laid out, no page written yet
  const std::string first = Text(path, 1, 1);
  for (const std::string& name : kHardNames) EXPECT_NE(first.find(name), std::string::npos) << name;
  EXPECT_NE(first.find("第1组"), std::string::npos);
  EXPECT_NE(Text(path, 3, 3).find("学员20"), std::string::npos);
  EXPECT_GT(DarkPixelsOnPageOne(path), 5000);

  if (!HaveTool("zbarimg")) GTEST_SKIP() << "zbarimg (zbar-tools) is not installed";
  const std::string prefix = (dir_ / "badges").string();
  RunCommand("pdftoppm -png -r 200 -f 1 -l 1 -singlefile '" + path + "' '" + prefix + "'");
  const std::string codes = RunCommand("zbarimg --quiet --raw '" + prefix + ".png' 2>/dev/null");
  for (int i = 1; i <= 8; ++i) {
    EXPECT_NE(codes.find("https://127.0.0.1/c/abc?t=" + std::to_string(i) + "\n"),
              std::string::npos)
        << codes;
  }
}

TEST_F(PdfTest, BadgeWithAnUnencodablePayloadNamesTheBadge) {
  BadgeDoc doc{kClass, {{"欧阳晓峰", "单位", "", std::string(4000, 'x')}}};
  auto pdf = BadgesPdf(doc);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().code, "io.qr.too_long");
  EXPECT_EQ(pdf.error().field, "第 1 个胸牌（欧阳晓峰）");
}

TEST_F(PdfTest, PlainListsAreATitleAndATable) {
  ListDoc doc;
  doc.title = kClass + "分组名单";
  doc.subtitle = "共 4 组";
  doc.columns = {{"组别", 20, Align::kCenter, true},
                 {"姓名", 30, Align::kCenter},
                 {"单位", 0, Align::kLeft},
                 {"备注", 30, Align::kLeft}};
  doc.rows = {{"第一组", "李䶮", "××社区", "组长"},
              {"第一组", "𠮷星", "××社区", ""},
              {"第二组", "买买提·艾力", "××公司党支部", "组长"},
              {"第二组", "欧阳晓峰", "××协会党支部", ""}};
  for (auto* make : {&GroupListPdf, &RoomListPdf, &MealSheetPdf}) {
    const std::string path = Write("list.pdf", make(doc, {}));
    const std::string text = Text(path);
    EXPECT_NE(text.find(doc.title), std::string::npos) << text;
    for (const std::string& name : kHardNames) EXPECT_NE(text.find(name), std::string::npos);
    EXPECT_GT(DarkPixelsOnPageOne(path), 1000);
  }
}

TEST_F(PdfTest, DocumentFlowsParagraphsAcrossPages) {
  PdfDocument pdf({Orientation::kPortrait, 20, 18, 18, 18, "长文", "长文 · 测试"});
  pdf.Title("长文");
  std::string text;
  for (int i = 0; i < 400; ++i) text += "认认真真学习，扎扎实实开展讨论。";
  pdf.Paragraph(text + "结尾䶮");
  auto qr = EncodeQr("https://127.0.0.1/v/123");
  ASSERT_TRUE(qr.ok());
  pdf.Image(*qr, 30);
  pdf.Paragraph("扫码验证", TextStyle::Note());
  pdf.NewPage();
  pdf.NewPage();  // the second is a no-op: the page is still empty
  EXPECT_GE(pdf.page_count(), 3);
  const int pages = pdf.page_count();
  std::vector<int> written;
  const std::string path = Write("long.pdf", pdf.Finish([&](int i, int n) {
    EXPECT_EQ(n, pages);
    written.push_back(i);
  }));
  EXPECT_EQ(Pages(path), pages);
  EXPECT_EQ(static_cast<int>(written.size()), pages);
  EXPECT_NE(Text(path).find("结尾䶮"), std::string::npos);
  // Each sentence once: lines split between pages are on one page only.
  EXPECT_EQ(CountOf(Continuous(RawText(path), {}), "认认真真学习，扎扎实实开展讨论。"), 400u);
  EXPECT_EQ(pdf.Finish().error().code, "io.pdf.finished");
}

TEST_F(PdfTest, RowTallerThanAPageContinuesOnTheNextPages) {
  PdfDocument pdf({Orientation::kPortrait, 20, 18, 18, 18, "长表", "长表 · 测试"});
  TableSpec table;
  table.columns = {{"序号", 15}, {"内容", 0}};
  std::string huge;
  for (int i = 0; i < 300; ++i) huge += "学习是终身的" + std::to_string(i) + "。";
  table.rows = {{"1", "短"}, {"2", huge + "末句"}, {"3", "末行"}};
  pdf.Table(table);
  const std::string path = Write("tall.pdf", pdf.Finish());
  const int pages = Pages(path);
  EXPECT_GE(pages, 2);
  const std::string text = Continuous(RawText(path), {"序号内容"});
  for (int i = 0; i < 300; ++i) {
    EXPECT_EQ(CountOf(text, "学习是终身的" + std::to_string(i) + "。"), 1u) << i;
  }
  EXPECT_EQ(CountOf(text, "末句"), 1u);
  EXPECT_EQ(CountOf(text, "末行"), 1u);
  // Every page continues the table under its header and carries some of the long cell.
  const std::vector<std::string> page_texts = SplitPages(RawText(path));
  ASSERT_EQ(static_cast<int>(page_texts.size()), pages);
  for (int p = 0; p < pages; ++p) {
    const std::string page = Squeeze(page_texts[p]);
    EXPECT_NE(page.find("序号内容"), std::string::npos) << "page " << p + 1 << ": " << page;
    EXPECT_NE(page.find("学习是终身的"), std::string::npos) << "page " << p + 1 << ": " << page;
  }
  // The row starts on page 1 below the first row rather than leaving it nearly empty.
  EXPECT_NE(Squeeze(page_texts[0]).find("学习是终身的0。"), std::string::npos);
}

TEST_F(PdfTest, AttendanceNoticeListsEveryMissingTrainee) {
  // The 考勤通报 of issue 9: one row per session, the absent trainees joined by "、" in
  // one cell. 146 names used to print a title-only page, a header-only page and a third
  // page cut after 82 names.
  for (int count : {146, 2000}) {
    SCOPED_TRACE(count);
    const std::vector<std::string> names = ManyNames(count);
    std::string absent;
    for (const std::string& n : names) absent += (absent.empty() ? "" : kListSeparator) + n;
    ListDoc doc;
    doc.title = kClass + "考勤通报";
    doc.subtitle = "2020-06-02";
    doc.orientation = Orientation::kLandscape;
    const CellFit kNames = CellFit::kKeepItems;
    doc.columns = {{"时间", 26, Align::kLeft, false, CellFit::kOneLine, true},
                   {"课程", 40, Align::kLeft, false, CellFit::kWrap, true},
                   {"缺勤", 0, Align::kLeft, false, kNames},
                   {"请假", 32, Align::kLeft, false, kNames},
                   {"迟到", 32, Align::kLeft, false, kNames},
                   {"早退", 32, Align::kLeft, false, kNames},
                   {"中途外出", 32, Align::kLeft, false, kNames}};
    doc.rows = {{"08:30–09:20", "开班仪式暨培训动员", absent, "—", "—", "—", "—"},
                {"09:30–11:30", kSession, "欧阳晓峰", "—", "李䶮", "—", "—"}};
    const std::string path = Write("notice.pdf", ListPdf(doc, "考勤通报"));
    const std::string raw = Squeeze(RawText(path));
    for (const std::string& name : names) {
      EXPECT_GE(CountOf(raw, name), 1u) << name;
    }
    EXPECT_EQ(CountOf(raw, "欧阳晓峰"), 2u) << "absent from both sessions";
    EXPECT_EQ(CountOf(raw, "李䶮"), 2u) << "absent from one, late to the other";
    // No name is split between two lines.
    const std::string layout = Text(path);
    for (const std::string& name : names) EXPECT_TRUE(OnOneLine(layout, name)) << name;
    // Page 1 has the title, the header and the first names; every page has names.
    const std::vector<std::string> pages = SplitPages(RawText(path));
    ASSERT_EQ(static_cast<int>(pages.size()), Pages(path));
    EXPECT_NE(Squeeze(pages[0]).find(names[0]), std::string::npos) << pages[0];
    for (size_t p = 0; p < pages.size(); ++p) {
      EXPECT_TRUE(
          std::any_of(names.begin(), names.end(),
                      [&](const std::string& n) { return pages[p].find(n) != std::string::npos; }))
          << "page " << p + 1 << " has no name: " << pages[p];
    }
    // The session is named again on every page its list continues on.
    for (size_t p = 0; p + 1 < pages.size(); ++p) {
      EXPECT_NE(Squeeze(pages[p]).find("开班仪式暨培训动员"), std::string::npos)
          << "page " << p + 1;
    }
    // About 5 names a line, 30 lines a page: a few pages, not one per name.
    EXPECT_LE(static_cast<int>(pages.size()), count / 100 + 2);
  }
}

TEST_F(PdfTest, StatusColumnIsAsWideAsItsLongestWord) {
  ListDoc doc;
  doc.title = kClass + "考勤汇总";
  doc.orientation = Orientation::kLandscape;
  doc.columns = {{"序号", 12},
                 {"姓名", 24, Align::kLeft, false, CellFit::kOneLine},
                 {"单位", 0},
                 {"缺勤", 14},
                 {"违纪", 14},
                 {"请假学时", 18},
                 {"获得学时", 18},
                 {"请假占比", 18},
                 {"状态", 0, Align::kLeft, false, CellFit::kWidest}};
  const std::vector<std::string> states = {"正常", "预警", "已不符合结业条件", "结业", "未结业"};
  for (int i = 0; i < 40; ++i) {
    doc.rows.push_back({std::to_string(i + 1),
                        i == 3 ? "阿依古丽·买买提" : "学员" + std::to_string(i),
                        "×区××街道××社区党委（一个很长的单位名称，需要换行才能放得下）", "1", "0",
                        "0.0", "7.5", "0/1", states[i % states.size()]});
  }
  const std::string path = Write("summary.pdf", ListPdf(doc, "考勤汇总"));
  const std::string layout = Text(path);
  for (const std::string& state : states) EXPECT_TRUE(OnOneLine(layout, state)) << state << layout;
  EXPECT_TRUE(OnOneLine(layout, "阿依古丽·买买提")) << layout;
}

TEST_F(PdfTest, NamesShrinkToOneLineInNarrowColumns) {
  RosterDoc doc{kClass, "", Roster(6)};
  doc.trainees[5].name = "阿依古丽·买买提";
  const std::string path = Write("roster-long.pdf", RosterPdf(doc));
  const std::string layout = Text(path);
  for (const char* name : {"阿依古丽·买买提", "买买提·艾力", "李䶮", "𠮷星"}) {
    EXPECT_TRUE(OnOneLine(layout, name)) << name << "\n" << layout;
  }
}

TEST_F(PdfTest, MergedDateRepeatsOnEveryPageItSpans) {
  TimetableDoc doc;
  doc.class_name = kClass;
  for (int i = 0; i < 80; ++i) {
    doc.entries.push_back({"9月15日\n星期二", "08:30—09:00", "第" + std::to_string(i) + "讲",
                           "专题讲座", "李䶮", "第一教室", 1});
  }
  const std::string path = Write("timetable-long.pdf", TimetablePdf(doc));
  const std::vector<std::string> pages = SplitPages(RawText(path));
  ASSERT_GE(pages.size(), 2u);
  const std::string all = Squeeze(RawText(path));
  for (int i = 0; i < 80; ++i) EXPECT_EQ(CountOf(all, "第" + std::to_string(i) + "讲"), 1u) << i;
  for (size_t p = 0; p < pages.size(); ++p) {
    EXPECT_NE(Squeeze(pages[p]).find("9月15日"), std::string::npos) << "page " << p + 1;
  }
}

TEST_F(PdfTest, LargeSeatingChartsContinueOnMorePages) {
  // 2,000 seats: 40 rows of 50, an aisle after seats 10 and 40.
  const std::vector<std::string> names = ManyNames(2000);
  SeatingDoc doc;
  doc.class_name = kClass;
  doc.subtitle = "大礼堂 · 开班仪式";
  doc.rows = 40;
  doc.cols = 50;
  doc.aisles_after = {10, 40};
  for (int i = 0; i < 2000; ++i) doc.seats.push_back({i / 50 + 1, i % 50 + 1, names[i]});
  const std::string path = Write("seating-large.pdf", SeatingChartPdf(doc));
  const int pages = Pages(path);
  EXPECT_GE(pages, 4);
  EXPECT_LE(pages, 20);
  const std::string raw = Squeeze(RawText(path));
  for (const std::string& name : names) EXPECT_EQ(CountOf(raw, name), 1u) << name;
  const std::vector<std::string> page_texts = SplitPages(RawText(path));
  for (size_t p = 0; p < page_texts.size(); ++p) {
    EXPECT_NE(Squeeze(page_texts[p]).find("讲台"), std::string::npos) << "page " << p + 1;
    EXPECT_NE(Squeeze(page_texts[p]).find("排，第"), std::string::npos) << "page " << p + 1;
  }

  // The demo's hall (10 rows of 15) stays on one page, long names included.
  doc.rows = 10;
  doc.cols = 15;
  doc.aisles_after = {};
  doc.seats.clear();
  for (int i = 0; i < 146; ++i) doc.seats.push_back({i / 15 + 1, i % 15 + 1, names[i]});
  const std::string hall = Write("seating-hall.pdf", SeatingChartPdf(doc));
  EXPECT_EQ(Pages(hall), 1);
  const std::string hall_text = Squeeze(RawText(hall));
  for (int i = 0; i < 146; ++i) EXPECT_EQ(CountOf(hall_text, names[i]), 1u) << names[i];
}

TEST_F(PdfTest, InvalidUtf8IsAnError) {
  RosterDoc doc{kClass, "", Roster(3)};
  doc.trainees[1].name = "\xC0\xAF";
  auto pdf = RosterPdf(doc);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().code, "io.encoding.invalid");
}

}  // namespace
}  // namespace peixun::io
