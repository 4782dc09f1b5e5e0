// The audit log's pure parts: the canonical form that is hashed, the hash itself
// and the masking of ID numbers. No database. (In the integration binary because
// the unit binary does not link peixun_modules.)
#include <gtest/gtest.h>

#include "modules/audit/audit_log.h"
#include "modules/audit/audit_record.h"

namespace peixun::audit {
namespace {

using nlohmann::json;

AuditRecord Sample() {
  AuditRecord r;
  r.id = 42;
  r.at = 1700000000123;
  r.actor_user_id = 7;
  r.actor_name = "张三";
  r.remote_address = "10.0.0.7";
  r.action = "people.update";
  r.entity = "person";
  r.entity_id = 9;
  r.before_json = StoredJson(json{{"name", "甲"}, {"id_number", "1101**********0016"}});
  r.after_json = std::nullopt;
  r.prev_hash = kGenesisHash;
  return r;
}

TEST(AuditCanonicalTest, CanonicalFormIsTheCompactArrayWithSortedKeys) {
  EXPECT_EQ(CanonicalForm(Sample()),
            R"([42,1700000000123,7,"张三","10.0.0.7","people.update","person",9,)"
            R"({"id_number":"1101**********0016","name":"甲"},null,)"
            R"("0000000000000000000000000000000000000000000000000000000000000000"])");
}

TEST(AuditCanonicalTest, CanonicalFormEqualsTheJsonArrayDump) {
  AuditRecord r = Sample();
  r.entity_id = std::nullopt;
  r.remote_address = "";
  r.actor_name = "a\"b\\c\n\x01";
  const json before = json::parse(*r.before_json);
  const json expected = json::array({r.id, r.at, r.actor_user_id, r.actor_name, r.remote_address,
                                     r.action, r.entity, nullptr, before, nullptr, r.prev_hash});
  EXPECT_EQ(CanonicalForm(r), expected.dump());
}

TEST(AuditCanonicalTest, HashIsSha256HexOfTheCanonicalForm) {
  // Computed independently: sha256 of the canonical form in the first test.
  EXPECT_EQ(ComputeHash(Sample()),
            "5e9ff8fbbbe6e9ef60eb65c95bc9e51d0de31fbbc3145e63ed20970baf4c241b");
}

TEST(AuditCanonicalTest, EveryFieldButTheHashChangesTheHash) {
  const std::string base = ComputeHash(Sample());
  std::vector<void (*)(AuditRecord&)> edits = {
      [](AuditRecord& r) { r.id++; },
      [](AuditRecord& r) { r.at++; },
      [](AuditRecord& r) { r.actor_user_id++; },
      [](AuditRecord& r) { r.actor_name += "x"; },
      [](AuditRecord& r) { r.remote_address += "x"; },
      [](AuditRecord& r) { r.action += "x"; },
      [](AuditRecord& r) { r.entity += "x"; },
      [](AuditRecord& r) { r.entity_id = std::nullopt; },
      [](AuditRecord& r) { r.before_json = std::nullopt; },
      [](AuditRecord& r) { r.after_json = "{}"; },
      [](AuditRecord& r) { r.prev_hash[0] = '1'; },
  };
  for (size_t i = 0; i < edits.size(); ++i) {
    AuditRecord r = Sample();
    edits[i](r);
    EXPECT_NE(ComputeHash(r), base) << "edit " << i;
  }
  AuditRecord r = Sample();
  r.hash = "anything";
  EXPECT_EQ(ComputeHash(r), base);
}

TEST(AuditCanonicalTest, StoredJsonIsCompactSortedAndNullForNull) {
  EXPECT_EQ(StoredJson(nullptr), std::nullopt);
  EXPECT_EQ(StoredJson(json::value_t::discarded), std::nullopt);
  EXPECT_EQ(StoredJson(json{{"b", 1}, {"a", {{"d", 2.5}, {"c", "长"}}}}),
            R"({"a":{"c":"长","d":2.5},"b":1})");
  EXPECT_EQ(StoredJson(std::string("bad\xff")), "\"bad\xEF\xBF\xBD\"");
  EXPECT_EQ(ParseStoredJson(std::nullopt), nullptr);
  EXPECT_EQ(ParseStoredJson(std::string("not json")), "not json");
  EXPECT_EQ(ParseStoredJson(std::string(R"({"a":1})"))["a"], 1);
}

TEST(AuditMaskTest, MasksIdNumbersAtAnyDepth) {
  const json in = {
      {"id_number", "110105198001010016"},
      {"name", "张三"},
      {"spouse", {{"id_number", "11010519900307002x"}}},
      {"list", json::array({{{"id_number", "110105199003070025"}}, "110105198001010016"})},
      {"id_number_masked", "keep"},
      {"number", 110105198001010016}};
  const json out = MaskSensitive(in);
  EXPECT_EQ(out["id_number"], "1*************0016");
  EXPECT_EQ(out["spouse"]["id_number"], "1*************002X");
  EXPECT_EQ(out["list"][0]["id_number"], "1*************0025");
  // Only fields named id_number are masked; other text is not guessed at.
  EXPECT_EQ(out["list"][1], "110105198001010016");
  EXPECT_EQ(out["id_number_masked"], "keep");
  EXPECT_EQ(out["name"], "张三");
  EXPECT_EQ(out["number"], 110105198001010016);
  EXPECT_EQ(MaskSensitive(out), out);  // idempotent
}

TEST(AuditMaskTest, MasksNumbersShortTextAndLeavesOtherTypes) {
  EXPECT_EQ(MaskSensitive(json{{"id_number", 110105198001010016}})["id_number"],
            "1*************0016");
  EXPECT_EQ(MaskSensitive(json{{"id_number", "12345678"}})["id_number"], "********");
  EXPECT_EQ(MaskSensitive(json{{"id_number", ""}})["id_number"], "");
  EXPECT_EQ(MaskSensitive(json{{"id_number", nullptr}})["id_number"], nullptr);
  EXPECT_EQ(MaskSensitive(nullptr), nullptr);
  EXPECT_EQ(MaskSensitive("110105198001010016"), "110105198001010016");
}

}  // namespace
}  // namespace peixun::audit
