// core/file_kind.h: the type of an upload comes from its bytes.
#include "core/file_kind.h"

#include <gtest/gtest.h>

namespace peixun::core {
namespace {

TEST(FileKind, SniffsMagicBytesNotNames) {
  EXPECT_EQ(SniffFileKind("%PDF-1.7\n..."), FileKind::kPdf);
  EXPECT_EQ(SniffFileKind(std::string("PK\x03\x04\x14\x00", 6)), FileKind::kZip);
  EXPECT_EQ(SniffFileKind("学习是终身的。\n"), FileKind::kText);
  EXPECT_EQ(SniffFileKind("\xEF\xBB\xBF心得"), FileKind::kText);
  EXPECT_EQ(SniffFileKind(std::string("ab\0cd", 5)), FileKind::kUnknown);
  EXPECT_EQ(SniffFileKind("\xD0\xC4\xB5\xC3"), FileKind::kUnknown);  // 心得 in GB18030
  EXPECT_EQ(SniffFileKind(""), FileKind::kUnknown);
  EXPECT_EQ(SniffFileKind("%PDF"), FileKind::kText);  // too short for the magic
}

TEST(FileKind, ExtensionIsLowerCasedAndTakenFromTheLastDot) {
  EXPECT_EQ(ExtensionOf("心得体会.PDF"), "pdf");
  EXPECT_EQ(ExtensionOf("a.b.docx"), "docx");
  EXPECT_EQ(ExtensionOf("dir.x/readme"), "");
  EXPECT_EQ(ExtensionOf("C:\\papers\\张三.Txt"), "txt");
  EXPECT_EQ(ExtensionOf("trailing."), "");
}

}  // namespace
}  // namespace peixun::core
