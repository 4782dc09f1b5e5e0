#include "core/log_redaction.h"

#include <gtest/gtest.h>

namespace peixun::core {
namespace {

TEST(LogRedactionTest, MasksIdNumbersAndMobilePhonesOnly) {
  EXPECT_EQ(RedactPersonalNumbers("GET /api/v1/people?search=370102196902090455 -> 500"),
            "GET /api/v1/people?search=3*************0455 -> 500");
  EXPECT_EQ(RedactPersonalNumbers("id 11010519491231002X, phone 13800039595."),
            "id 1*************002X, phone 138****9595.");
  // Other runs of digits stay: ids, timestamps, ports, 12-digit numbers, landlines.
  EXPECT_EQ(
      RedactPersonalNumbers("2026-12-07T14:55:16Z listening on 127.0.0.1:18931 #1796655274708"),
      "2026-12-07T14:55:16Z listening on 127.0.0.1:18931 #1796655274708");
  EXPECT_EQ(RedactPersonalNumbers("12800039595 138000395951 010-12345678"),
            "12800039595 138000395951 010-12345678");
  EXPECT_EQ(RedactPersonalNumbers(""), "");
}

}  // namespace
}  // namespace peixun::core
