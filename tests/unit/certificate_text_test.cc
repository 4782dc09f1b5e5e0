#include "core/certificate_text.h"

#include <gtest/gtest.h>

namespace peixun::core {
namespace {

TEST(CertificateTextTest, FillsEveryField) {
  const std::map<std::string, std::string> fields = {
      {"name", "买买提·艾力"},
      {"class_name", "×区2020年社区和“两新”党组织书记培训班"},
      {"start_date", "2020年6月2日"},
      {"end_date", "2020年6月5日"},
      {"hours", "24"}};
  auto out = FillCertificateText(
      "{name}同志于{start_date}至{end_date}参加{class_name}，学习{hours}学时。", fields);
  ASSERT_TRUE(out.ok()) << out.error().code;
  EXPECT_EQ(*out,
            "买买提·艾力同志于2020年6月2日至2020年6月5日参加×区2020年社区和“两新”党组织书记"
            "培训班，学习24学时。");
  // A known field not given prints as nothing; braces doubled print once.
  EXPECT_EQ(*FillCertificateText("{{编号}}{serial}", {}), "{编号}");
}

TEST(CertificateTextTest, UnknownFieldIsNamed) {
  auto out = FillCertificateText("{nmae}同志", {}, "body");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code, "certificates.template.unknown_field");
  EXPECT_EQ(out.error().field, "body");
  EXPECT_NE(out.error().message.find("{nmae}"), std::string::npos);
  EXPECT_NE(out.error().message_en.find("{nmae}"), std::string::npos);
  EXPECT_FALSE(CheckCertificateText("{姓名}").ok());
}

TEST(CertificateTextTest, SyntaxErrors) {
  for (const char* bad : {"{name", "name}", "{}", "a { b"}) {
    auto st = CheckCertificateText(bad);
    ASSERT_FALSE(st.ok()) << bad;
    EXPECT_EQ(st.error().code, "certificates.template.syntax") << bad;
  }
  for (const auto& f : CertificateFields()) {
    EXPECT_TRUE(CheckCertificateText("{" + f + "}").ok()) << f;
  }
}

}  // namespace
}  // namespace peixun::core
