// A person in the registry (人员): trainees, liaisons, lecturers and staff alike.
//
// The ID number (居民身份证号) is never stored in clear: the people table keeps
// its ciphertext, a keyed fingerprint (for duplicate checks) and the masked form
// shown everywhere but where a role may see it (crypto/data_key.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace peixun::people {

// 干部职级 for hours targets: 乡科级及以下 (90 学时 a year), 县处级及以上 (550 per 5 years).
enum class Rank { kUnset, kTownshipAndBelow, kCountyAndAbove };

std::string RankLabel(Rank rank);  // "乡科级及以下", "县处级及以上", ""
std::string RankCode(Rank rank);   // "township", "county", ""
std::optional<Rank> ParseRank(const std::string& text);  // label, short label or code

// What a caller supplies to create or update a person. Text as typed; the
// service normalizes and validates it.
struct PersonInput {
  std::string name;
  std::string gender;  // 男/女/M/F; may be empty when the ID number gives it
  std::string ethnicity;
  std::string birth_date;  // any date form ParseCivilDate accepts; empty: from the ID number
  std::string phone;
  std::string id_number;  // clear text; empty when unknown
  std::optional<int64_t> unit_id;
  std::string position;  // 书记, 副书记, 党务干事, 分管党建工作领导, …
  std::string rank;      // see ParseRank
  std::string party_join_date;
  std::vector<std::string> tags;
};

struct Person {
  int64_t id = 0;
  std::string name;
  std::string gender;  // "男" / "女"
  std::string ethnicity;
  std::string birth_date;  // YYYY-MM-DD or ""
  std::string phone;
  std::string id_number_masked;  // "1*************1234" or ""
  std::optional<int64_t> unit_id;
  std::string unit_name;
  std::string position;
  Rank rank = Rank::kUnset;
  std::string party_join_date;
  std::vector<std::string> tags;
  std::string pinyin_initials;  // "zs" for 张三
};

}  // namespace peixun::people
