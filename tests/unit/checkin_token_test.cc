#include "core/checkin_token.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <set>
#include <string>

namespace peixun::core {
namespace {

constexpr std::string_view kSecret = "class-42-checkin-secret-0123456789abcdef";
constexpr int64_t kSession = 1001;
constexpr int64_t kPeriodMs = 20'000;
// Some instant in the middle of a window.
constexpr int64_t kNow = 1'600'045'200'000 + 7'000;

using Outcome = TokenCheck::Outcome;

TokenCheck Verify(std::string_view token, int64_t now_ms = kNow,
                  CheckinDirection dir = CheckinDirection::kIn, int64_t session = kSession) {
  return VerifyCheckinToken(kSecret, session, dir, token, now_ms);
}

std::string TokenAt(int64_t window, CheckinDirection dir = CheckinDirection::kIn,
                    int64_t session = kSession) {
  return MakeCheckinToken(kSecret, session, dir, window);
}

TEST(CheckinTokenTest, WindowOfFloorsToThePeriod) {
  EXPECT_EQ(WindowOf(0), 0);
  EXPECT_EQ(WindowOf(19'999), 0);
  EXPECT_EQ(WindowOf(20'000), 1);
  EXPECT_EQ(WindowOf(59'999, 30), 1);
  EXPECT_EQ(WindowOf(60'000, 30), 2);
  EXPECT_EQ(WindowOf(-1), -1);
  EXPECT_EQ(WindowOf(-20'000), -1);
  EXPECT_EQ(WindowOf(-20'001), -2);
  EXPECT_EQ(WindowOf(1'500, 0), 1);  // a period below 1 s is 1 s
  EXPECT_EQ(WindowOf(kNow), kNow / kPeriodMs);
}

TEST(CheckinTokenTest, TokenIsCompactUrlSafeAndDeterministic) {
  const std::string token = TokenAt(WindowOf(kNow));
  EXPECT_EQ(token.size(), 46u);
  for (char c : token) {
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << token;
  }
  EXPECT_EQ(token, TokenAt(WindowOf(kNow)));
  std::set<std::string> distinct = {
      token,
      TokenAt(WindowOf(kNow) + 1),
      TokenAt(WindowOf(kNow), CheckinDirection::kOut),
      TokenAt(WindowOf(kNow), CheckinDirection::kIn, kSession + 1),
      MakeCheckinToken("another secret", kSession, CheckinDirection::kIn, WindowOf(kNow)),
  };
  EXPECT_EQ(distinct.size(), 5u);
}

TEST(CheckinTokenTest, CurrentWindowIsAccepted) {
  const TokenCheck check = Verify(TokenAt(WindowOf(kNow)));
  EXPECT_TRUE(check.ok());
  EXPECT_TRUE(check);
  EXPECT_EQ(check.outcome, Outcome::kOk);
  EXPECT_STREQ(check.code, "");
  EXPECT_TRUE(check.message_zh.empty());
  EXPECT_EQ(check.token_session_id, kSession);
  EXPECT_EQ(check.token_window, WindowOf(kNow));
  EXPECT_TRUE(check.ToStatus().ok());
}

TEST(CheckinTokenTest, PreviousWindowIsAccepted) {
  EXPECT_TRUE(Verify(TokenAt(WindowOf(kNow) - 1)).ok());
  // At the very first instant of the next window, the shown code is the previous one.
  const int64_t w = WindowOf(kNow);
  EXPECT_TRUE(Verify(TokenAt(w), (w + 1) * kPeriodMs).ok());
  EXPECT_TRUE(Verify(TokenAt(w), (w + 2) * kPeriodMs - 1).ok());
}

TEST(CheckinTokenTest, TwoWindowsOldIsExpired) {
  const int64_t w = WindowOf(kNow);
  const TokenCheck check = Verify(TokenAt(w - 2));
  EXPECT_EQ(check.outcome, Outcome::kExpired);
  EXPECT_STREQ(check.code, "checkin.token.expired");
  EXPECT_EQ(check.message_zh, "二维码已过期，请扫描屏幕上的最新二维码");
  EXPECT_EQ(check.token_window, w - 2);
  const Status status = check.ToStatus();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "checkin.token.expired");
  EXPECT_EQ(status.error().kind, ErrorKind::kInvalid);

  // The exact boundary: a code of window w dies at the first instant of w + 2.
  EXPECT_EQ(Verify(TokenAt(w), (w + 2) * kPeriodMs).outcome, Outcome::kExpired);
  // A photo forwarded an hour later is still recognised as expired, not forged.
  EXPECT_EQ(Verify(TokenAt(w - 180)).outcome, Outcome::kExpired);
}

TEST(CheckinTokenTest, FutureWindowIsNotYetValid) {
  const TokenCheck check = Verify(TokenAt(WindowOf(kNow) + 1));
  EXPECT_EQ(check.outcome, Outcome::kNotYetValid);
  EXPECT_STREQ(check.code, "checkin.token.not_yet_valid");
}

TEST(CheckinTokenTest, AnotherSessionIsRecognised) {
  const TokenCheck check = Verify(TokenAt(WindowOf(kNow), CheckinDirection::kIn, 2002));
  EXPECT_EQ(check.outcome, Outcome::kWrongSession);
  EXPECT_STREQ(check.code, "checkin.token.wrong_session");
  EXPECT_EQ(check.token_session_id, 2002);
  EXPECT_FALSE(check.message_zh.empty());
  // Even an expired code of another session says "another session" first.
  EXPECT_EQ(Verify(TokenAt(WindowOf(kNow) - 50, CheckinDirection::kIn, 2002)).outcome,
            Outcome::kWrongSession);
}

TEST(CheckinTokenTest, OtherDirectionIsRefused) {
  const int64_t w = WindowOf(kNow);
  TokenCheck check = Verify(TokenAt(w, CheckinDirection::kOut), kNow, CheckinDirection::kIn);
  EXPECT_EQ(check.outcome, Outcome::kWrongDirection);
  EXPECT_STREQ(check.code, "checkin.token.wrong_direction");
  EXPECT_EQ(check.message_zh, "这是签退二维码，请扫描签到二维码");

  check = Verify(TokenAt(w, CheckinDirection::kIn), kNow, CheckinDirection::kOut);
  EXPECT_EQ(check.outcome, Outcome::kWrongDirection);
  EXPECT_EQ(check.message_zh, "这是签到二维码，请扫描签退二维码");

  EXPECT_TRUE(Verify(TokenAt(w, CheckinDirection::kOut), kNow, CheckinDirection::kOut).ok());
}

TEST(CheckinTokenTest, EveryAlteredCharacterIsForged) {
  const std::string token = TokenAt(WindowOf(kNow));
  for (size_t i = 0; i < token.size(); ++i) {
    for (char replacement : {'A', 'z', '-', '_', '0'}) {
      if (token[i] == replacement) continue;
      std::string altered = token;
      altered[i] = replacement;
      const TokenCheck check = Verify(altered);
      EXPECT_EQ(check.outcome, Outcome::kForged) << "position " << i << ": " << altered;
    }
  }
}

TEST(CheckinTokenTest, FlippedBitInTheMacIsForged) {
  const std::string token = TokenAt(WindowOf(kNow));
  // Character 30 encodes bits of the MAC (bytes 18..33 start at character 24).
  std::string altered = token;
  altered[30] = altered[30] == 'B' ? 'C' : 'B';
  const TokenCheck check = Verify(altered);
  EXPECT_EQ(check.outcome, Outcome::kForged);
  EXPECT_STREQ(check.code, "checkin.token.forged");
  EXPECT_EQ(check.ToStatus().error().code, "checkin.token.forged");
}

TEST(CheckinTokenTest, AnotherClassSecretIsForged) {
  const std::string token =
      MakeCheckinToken("another class", kSession, CheckinDirection::kIn, WindowOf(kNow));
  EXPECT_EQ(Verify(token).outcome, Outcome::kForged);
}

TEST(CheckinTokenTest, MalformedInputIsForged) {
  const std::string token = TokenAt(WindowOf(kNow));
  for (const std::string& bad :
       {std::string(), std::string("hello"), std::string("!!!!"), token.substr(0, 45), token + "A",
        token + "AA", token + "AAAA", std::string(1000, 'A'), token + "=",
        token.substr(0, 20) + " " + token.substr(21), std::string(46, '\0')}) {
    EXPECT_EQ(Verify(bad).outcome, Outcome::kForged) << bad;
  }
}

TEST(CheckinTokenTest, CustomPeriod) {
  const int64_t now = 1'000'000'000'000;
  const int64_t w = WindowOf(now, 60);
  const std::string token = TokenAt(w);
  EXPECT_TRUE(
      VerifyCheckinToken(kSecret, kSession, CheckinDirection::kIn, token, now + 60'000, 60).ok());
  EXPECT_EQ(VerifyCheckinToken(kSecret, kSession, CheckinDirection::kIn, token, now + 120'000, 60)
                .outcome,
            Outcome::kExpired);
}

TEST(CheckinTokenTest, ExtremeIdsAndWindowsRoundTrip) {
  for (int64_t session : {int64_t{0}, int64_t{-1}, INT64_MAX, INT64_MIN}) {
    const std::string token = TokenAt(WindowOf(kNow), CheckinDirection::kOut, session);
    const TokenCheck check = Verify(token, kNow, CheckinDirection::kOut, session);
    EXPECT_TRUE(check.ok()) << session;
    EXPECT_EQ(check.token_session_id, session);
  }
  const int64_t negative_now = -123'456'789;
  EXPECT_TRUE(Verify(TokenAt(WindowOf(negative_now)), negative_now).ok());
}

TEST(CheckinTokenTest, PeekReadsTheFieldsInClear) {
  const std::string token = TokenAt(123'456, CheckinDirection::kOut, 9'876'543'210);
  const auto fields = PeekCheckinToken(token);
  ASSERT_TRUE(fields);
  EXPECT_EQ(fields->session_id, 9'876'543'210);
  EXPECT_EQ(fields->direction, CheckinDirection::kOut);
  EXPECT_EQ(fields->window, 123'456);
  EXPECT_EQ(PeekCheckinToken(TokenAt(7))->direction, CheckinDirection::kIn);
}

TEST(CheckinTokenTest, PeekDoesNotVouchForTheMac) {
  // A token with a broken MAC still peeks (only its shape is checked): the caller
  // must verify before trusting anything, and verification refuses it.
  std::string altered = TokenAt(WindowOf(kNow));
  altered[30] = altered[30] == 'B' ? 'C' : 'B';
  ASSERT_TRUE(PeekCheckinToken(altered));
  EXPECT_EQ(PeekCheckinToken(altered)->session_id, kSession);
  EXPECT_EQ(Verify(altered).outcome, Outcome::kForged);
}

TEST(CheckinTokenTest, PeekRefusesMalformedInput) {
  const std::string token = TokenAt(WindowOf(kNow));
  // Character 0 holds the top six bits of the version byte (0x01 -> 'A'); character
  // 12 the top six of the direction byte ('i' 0x69 -> 'a'; 'c' makes it 0x71 'q').
  ASSERT_EQ(token[0], 'A');
  ASSERT_EQ(token[12], 'a');
  std::string other_version = token;
  other_version[0] = 'B';
  std::string unknown_direction = token;
  unknown_direction[12] = 'c';
  for (const std::string& bad :
       {std::string(), std::string("hello"), std::string("!!!!"), token.substr(0, 45), token + "A",
        token + "AA", token + "AAAA", std::string(1000, 'A'), token + "=",
        token.substr(0, 20) + " " + token.substr(21), std::string(46, '\0'), other_version,
        unknown_direction, token.substr(0, 20) + "+" + token.substr(21)}) {
    EXPECT_FALSE(PeekCheckinToken(bad)) << bad;
    EXPECT_EQ(Verify(bad).outcome, Outcome::kForged) << bad;
  }
}

TEST(CheckinTokenTest, ForgedRefusalCarriesCodeAndMessages) {
  const TokenCheck forged = ForgedCheckinToken();
  EXPECT_FALSE(forged.ok());
  EXPECT_EQ(forged.outcome, Outcome::kForged);
  const Status st = forged.ToStatus();
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, "checkin.token.forged");
  EXPECT_EQ(st.error().kind, ErrorKind::kInvalid);
  EXPECT_FALSE(st.error().message.empty());
  EXPECT_FALSE(st.error().message_en.empty());
}

// Found by fuzz/fuzz_checkin_token.cc: libsodium 1.0.18 (Debian 12) decodes every byte
// >= 0x80 as '_', so a token with such a byte in place of a '_' verified as the
// genuine one. Every character outside base64url is now forged.
TEST(CheckinTokenTest, ANonAlphabetByteIsForgedNotReadAsUnderscore) {
  int64_t window = WindowOf(kNow, 20);
  std::string token = TokenAt(window);
  while (token.find('_') == std::string::npos) {
    token = TokenAt(--window);
  }
  ASSERT_TRUE(
      VerifyCheckinToken(kSecret, kSession, CheckinDirection::kIn, token, window * kPeriodMs));
  for (char byte : {'\x98', '\xff', '\x80'}) {
    std::string altered = token;
    altered[altered.find('_')] = byte;
    EXPECT_FALSE(PeekCheckinToken(altered));
    const TokenCheck check =
        VerifyCheckinToken(kSecret, kSession, CheckinDirection::kIn, altered, window * kPeriodMs);
    EXPECT_EQ(check.outcome, TokenCheck::Outcome::kForged);
  }
}

}  // namespace
}  // namespace peixun::core
