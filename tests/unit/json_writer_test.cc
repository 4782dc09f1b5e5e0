// core::JsonWriter against nlohmann's parser: what the direct writer produces for the
// check-in answer and the live event must read back as the same values.
#include "core/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "modules/attendance/attendance_json.h"

namespace peixun {
namespace {

using nlohmann::json;

const std::string kTricky[] = {
    "䶮",                          // U+4DAE, a rare character (3 bytes)
    "买买提·艾力",                 // middle dot U+00B7
    "𠀀𪚥",                        // supplementary plane (4 bytes)
    "say \"hi\" \\ back\\slash",   // quotes and backslashes
    std::string("nul\0mid", 7),    // an embedded NUL
    "tab\tnew\nline\rcr\bbs\fff",  // named escapes
    "\x01\x02\x1f\x7f end",        // other control characters (and DEL, not escaped)
    "</script><b>&amp;",           // HTML is not JSON's business
    "",
};

TEST(JsonWriter, StringsReadBackAsWritten) {
  for (const std::string& s : kTricky) {
    std::string out;
    core::AppendJsonString(out, s);
    json parsed = json::parse(out);  // throws on invalid JSON
    ASSERT_TRUE(parsed.is_string()) << out;
    EXPECT_EQ(parsed.get<std::string>(), s) << out;
    // nlohmann's own escaping of the same text reads back identically too.
    EXPECT_EQ(parsed, json::parse(json(s).dump())) << out;
  }
}

TEST(JsonWriter, ControlCharactersAreEscapedAsNlohmannDoes) {
  std::string out;
  core::AppendJsonString(out, std::string("a\x01\"\\\n\x1f", 6));
  EXPECT_EQ(out, json(std::string("a\x01\"\\\n\x1f", 6)).dump());
  EXPECT_EQ(out, "\"a\\u0001\\\"\\\\\\n\\u001f\"");
}

TEST(JsonWriter, InvalidUtf8BecomesReplacementCharacter) {
  std::string out;
  core::AppendJsonString(out, "ok\xff\xc3(\xed\xa0\x80 end");
  json parsed = json::parse(out);
  EXPECT_EQ(parsed.get<std::string>(),
            "ok\xEF\xBF\xBD\xEF\xBF\xBD(\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD end");
}

TEST(JsonWriter, NestedObjectsAndArrays) {
  core::JsonWriter w;
  w.BeginObject();
  w.Key("n").Int(-9007199254740993LL);
  w.Key("t").Bool(true);
  w.Key("z").Null();
  w.Key("a").BeginArray();
  w.Int(1).String("二").BeginObject().Key("k").String("v").EndObject().BeginArray().EndArray();
  w.EndArray();
  w.Key("o").BeginObject().EndObject();
  w.Key("名").String("䶮");
  w.EndObject();
  json expected = {{"n", -9007199254740993LL},
                   {"t", true},
                   {"z", nullptr},
                   {"a", json::array({1, "二", {{"k", "v"}}, json::array()})},
                   {"o", json::object()},
                   {"名", "䶮"}};
  EXPECT_EQ(json::parse(w.str()), expected) << w.str();
}

attendance::CheckinResult TrickyResult(const std::string& name) {
  attendance::CheckinResult r;
  r.event_id = 41;
  r.session_id = 7;
  r.class_id = 3;
  r.person_id = 1001;
  r.person_name = name;
  r.direction = core::CheckinDirection::kIn;
  r.at_ms = 1765000000000;
  r.at = "08:41";
  r.source = "kiosk";
  r.first = false;
  r.flags = {"duplicate", "outside_network"};
  r.counts = {87, 120};
  r.meaning.kind = core::CheckinMeaning::Kind::kLate;
  r.meaning.minutes = 11;
  r.meaning.code = "late";
  r.meaning.level = "warning";
  r.meaning.label_zh = "迟到 11 分钟";
  r.meaning.label_en = "11 min late";
  r.message_zh = "签到成功 08:41，迟到 11 分钟 " + name;
  r.message_en = "checked in at 08:41, 11 min late \"" + name + "\"";
  return r;
}

TEST(JsonWriter, CheckinAnswerMatchesTheTreeForTrickyNames) {
  for (const std::string& name : kTricky) {
    attendance::CheckinResult r = TrickyResult(name);
    for (const std::string lang : {"zh-CN", "en"}) {
      const std::string text = attendance::CheckinResultText(r, lang);
      EXPECT_EQ(json::parse(text), attendance::CheckinResultJson(r, lang)) << text;
    }
  }
}

TEST(JsonWriter, LiveEventCarriesTheFieldsOtherInstancesRead) {
  attendance::CheckinResult r = TrickyResult("买买提·艾力");
  json j = json::parse(attendance::CheckinEventData(r, "zh-CN"));
  json expected = {{"session_id", 7},
                   {"person_id", 1001},
                   {"person_name", "买买提·艾力"},
                   {"direction", "in"},
                   {"at", "08:41"},
                   {"meaning", attendance::CheckinMeaningJson(r.meaning, "zh-CN")},
                   {"counts", attendance::CountsJson(r.counts)}};
  EXPECT_EQ(j, expected);
  // Empty flags are an empty array, not null.
  r.flags.clear();
  EXPECT_EQ(json::parse(attendance::CheckinResultText(r, "zh-CN"))["flags"], json::array());
}

}  // namespace
}  // namespace peixun
