// The plain filename= of a download (issue 9 #13): curl -OJ and older clients read
// only it, so it must be ASCII and keep the extension.
#include <gtest/gtest.h>

#include "api/response.h"

namespace peixun::api {
namespace {

TEST(AsciiFallbackNameTest, KeepsTheExtensionOfAChineseName) {
  EXPECT_EQ(AsciiFallbackName("花名册.xlsx"), "download.xlsx");
  EXPECT_EQ(AsciiFallbackName("×区培训班签到表.pdf"), "download.pdf");
  EXPECT_EQ(AsciiFallbackName("class-12.ics"), "class-12.ics");
  EXPECT_EQ(AsciiFallbackName("report"), "report");
  EXPECT_EQ(AsciiFallbackName("名单"), "download");
  EXPECT_EQ(AsciiFallbackName("a\"b.csv"), "download.csv");
}

TEST(AsciiFallbackNameTest, TheHeaderCarriesBothNames) {
  Response r = Download("x", "text/csv", "花名册.csv");
  std::string disposition;
  for (const auto& [k, v] : r.headers) {
    if (k == "Content-Disposition") disposition = v;
  }
  EXPECT_NE(disposition.find("filename=\"download.csv\""), std::string::npos) << disposition;
  EXPECT_NE(disposition.find("filename*=UTF-8''%E8%8A%B1%E5%90%8D%E5%86%8C.csv"), std::string::npos)
      << disposition;
}

}  // namespace
}  // namespace peixun::api
