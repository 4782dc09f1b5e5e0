#include "core/checkin_direction.h"

#include <gtest/gtest.h>

namespace peixun::core {
namespace {

TEST(CheckinDirectionTest, CodesRoundTrip) {
  EXPECT_STREQ(CheckinDirectionCode(CheckinDirection::kIn), "in");
  EXPECT_STREQ(CheckinDirectionCode(CheckinDirection::kOut), "out");
  for (CheckinDirection d : {CheckinDirection::kIn, CheckinDirection::kOut}) {
    EXPECT_EQ(ParseCheckinDirection(CheckinDirectionCode(d)), d);
  }
}

TEST(CheckinDirectionTest, OnlyTheExactCodesParse) {
  for (const char* bad : {"", "IN", "Out", " in", "in ", "i", "o", "check_in", "签到", "inout"}) {
    EXPECT_FALSE(ParseCheckinDirection(bad)) << bad;
  }
}

}  // namespace
}  // namespace peixun::core
