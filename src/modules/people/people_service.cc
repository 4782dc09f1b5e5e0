#include "modules/people/people_service.h"

#include <algorithm>
#include <map>

#include "core/clock.h"
#include "core/id_number.h"
#include "core/name_collation.h"
#include "modules/audit/audit_log.h"
#include "modules/org/org_scope.h"
#include "modules/org/org_service.h"
#include "modules/people/internal/duplicate_probe.h"
#include "modules/people/internal/people_json.h"
#include "modules/people/people_listeners.h"

namespace peixun::people {
namespace {

using store::Int;
using store::IntOrNull;
using store::Text;
using store::TextOrNull;

// The unit's name is not in this table: NameUnits asks the org module.
constexpr char kSelect[] =
    "SELECT p.id, p.name, p.gender, p.ethnicity, p.birth_date, p.phone, p.id_masked, p.unit_id, "
    "p.position, p.rank, p.party_join_date, p.tags, p.pinyin_initials, p.id_cipher "
    "FROM people p ";
constexpr int kIdCipherColumn = 13;
constexpr int64_t kMaxPageSize = 1000;

std::string JoinTags(const std::vector<std::string>& tags) {
  std::string out;
  for (const auto& t : tags) out += (out.empty() ? "" : ",") + t;
  return out;
}

Person FromRow(const store::Row& r) {
  Person p;
  p.id = r.Int(0);
  p.name = r.Str(1);
  p.gender = r.Str(2);
  p.ethnicity = r.Str(3);
  p.birth_date = r.Str(4);
  p.phone = r.Str(5);
  // Masked again on reading: rows stored by older builds kept more digits.
  p.id_number_masked = core::MaskIdNumber(r.Str(6));
  p.unit_id = r.OptInt(7);
  p.position = r.Str(8);
  p.rank = ParseRank(r.Str(9)).value_or(Rank::kUnset);
  p.party_join_date = r.Str(10);
  p.tags = SplitTags(r.Str(11));
  p.pinyin_initials = r.Str(12);
  return p;
}

// Fills unit_name of each person from the org module, one lookup for all.
Status NameUnits(store::Tx& tx, std::vector<Person>& people) {
  std::vector<int64_t> unit_ids;
  for (const Person& p : people) {
    if (p.unit_id) unit_ids.push_back(*p.unit_id);
  }
  if (unit_ids.empty()) return Ok();
  PEIXUN_ASSIGN_OR_RETURN(auto names, org::OrgService::NamesIn(tx, unit_ids));
  for (Person& p : people) {
    if (!p.unit_id) continue;
    auto it = names.find(*p.unit_id);
    if (it != names.end()) p.unit_name = it->second;
  }
  return Ok();
}

Result<Person> NamedPerson(store::Tx& tx, Person person) {
  std::vector<Person> one{std::move(person)};
  PEIXUN_RETURN_IF_ERROR(NameUnits(tx, one));
  return std::move(one.front());
}

// " AND p.unit_id IN (…)" for the units of the subtree (org's ids, written as
// integers: no bound parameters, so no limit on their number); nullopt when the
// root unit does not exist.
Result<std::optional<std::string>> SubtreeCondition(store::Tx& tx, int64_t root_id) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> ids, org::OrgService::SubtreeIdsIn(tx, root_id));
  if (ids.empty()) return std::optional<std::string>();
  std::string list;
  for (int64_t id : ids) list += (list.empty() ? "" : ", ") + std::to_string(id);
  return std::optional<std::string>("p.unit_id IN (" + list + ")");
}

Error PersonNotFound(int64_t id) {
  return NotFound("people.not_found", "人员不存在：" + std::to_string(id),
                  "person not found: " + std::to_string(id), "id");
}

Error DuplicateId(const Person& holder) {
  return Conflict(
      "people.id_number.duplicate",
      "身份证号已登记在“" + holder.name + "”名下（人员编号 " + std::to_string(holder.id) + "）",
      "the ID number is already registered for person " + std::to_string(holder.id), "id_number");
}

Status CheckUnitExists(store::Tx& tx, const std::optional<int64_t>& unit_id) {
  if (!unit_id) return Ok();
  PEIXUN_ASSIGN_OR_RETURN(auto names, org::OrgService::NamesIn(tx, {*unit_id}));
  if (names.empty()) {
    return NotFound("people.unit.not_found", "单位不存在：" + std::to_string(*unit_id),
                    "unit not found: " + std::to_string(*unit_id), "unit_id");
  }
  return Ok();
}

Result<ValidatedPerson> Validate(const PersonInput& input) {
  ValidatedPerson v;
  std::vector<Error> errors = ValidatePerson(input, &v);
  if (!errors.empty()) return errors.front();
  return v;
}

// Escapes LIKE metacharacters; patterns use ESCAPE '\'.
std::string LikeEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::vector<store::Value> NameColumns(const ValidatedPerson& v) {
  return {Text(core::StrokeSortKey(v.name)), Text(core::PinyinSortKey(v.name)),
          Text(core::PinyinInitials(v.name)), Text(core::PinyinFull(v.name))};
}

}  // namespace

Result<Person> PeopleService::GetIn(store::Tx& tx, int64_t id) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query(std::string(kSelect) + "WHERE p.id = ?", {Int(id)}));
  if (rows.empty()) return PersonNotFound(id);
  return NamedPerson(tx, FromRow(rows[0]));
}

Result<std::optional<Person>> PeopleService::FindByIdNumberIn(store::Tx& tx,
                                                              const crypto::DataKey& key,
                                                              const std::string& id_number) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query(std::string(kSelect) + "WHERE p.id_fingerprint = ?",
                                   {Text(key.Fingerprint(id_number))}));
  if (rows.empty()) return std::optional<Person>();
  PEIXUN_ASSIGN_OR_RETURN(Person person, NamedPerson(tx, FromRow(rows[0])));
  return std::optional<Person>(std::move(person));
}

Result<Person> PeopleService::InsertIn(store::Tx& tx, const crypto::DataKey& key,
                                       const ValidatedPerson& v, const Actor& actor) {
  if (!v.id_number.empty()) {
    PEIXUN_ASSIGN_OR_RETURN(auto holder, FindByIdNumberIn(tx, key, v.id_number));
    if (holder) return DuplicateId(*holder);
  }
  const int64_t now = NowMillis();
  std::vector<store::Value> params = {
      Text(v.name),
      Text(v.gender),
      TextOrNull(v.ethnicity),
      TextOrNull(v.birth_date),
      TextOrNull(v.phone),
      v.id_number.empty() ? store::Null() : Text(key.Encrypt(v.id_number)),
      v.id_number.empty() ? store::Null() : Text(key.Fingerprint(v.id_number)),
      v.id_number.empty() ? store::Null() : Text(core::MaskIdNumber(v.id_number)),
      IntOrNull(v.unit_id),
      TextOrNull(v.position),
      TextOrNull(RankCode(v.rank)),
      TextOrNull(v.party_join_date),
      TextOrNull(JoinTags(v.tags))};
  for (auto& col : NameColumns(v)) params.push_back(std::move(col));
  params.push_back(Int(now));
  params.push_back(Int(now));
  auto inserted = tx.Query(
      "INSERT INTO people (name, gender, ethnicity, birth_date, phone, id_cipher, id_fingerprint, "
      "id_masked, unit_id, position, rank, party_join_date, tags, stroke_key, pinyin_key, "
      "pinyin_initials, pinyin_full, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      params);
  if (!inserted) {
    if (inserted.error().code == store::kForeignKeyViolation) {
      return CheckUnitExists(tx, v.unit_id).error();
    }
    return std::move(inserted).error();
  }
  Person p;
  p.id = (*inserted)[0].Int(0);
  p.name = v.name;
  p.gender = v.gender;
  p.ethnicity = v.ethnicity;
  p.birth_date = v.birth_date;
  p.phone = v.phone;
  p.id_number_masked = v.id_number.empty() ? "" : core::MaskIdNumber(v.id_number);
  p.unit_id = v.unit_id;
  p.position = v.position;
  p.rank = v.rank;
  p.party_join_date = v.party_join_date;
  p.tags = v.tags;
  p.pinyin_initials = core::PinyinInitials(v.name);
  PEIXUN_RETURN_IF_ERROR(
      audit::RecordIn(tx, actor, "people.create", "person", p.id, nullptr, PersonToJson(p)));
  PEIXUN_RETURN_IF_ERROR(NotifyPeopleChangedIn(tx, {p.id}));
  return p;
}

Result<Person> PeopleService::Create(const PersonInput& input, const Actor& actor) {
  PEIXUN_ASSIGN_OR_RETURN(ValidatedPerson v, Validate(input));
  return store::TransactValue<Person>(store_, [&](store::Tx& tx) -> Result<Person> {
    PEIXUN_RETURN_IF_ERROR(CheckUnitExists(tx, v.unit_id));
    PEIXUN_ASSIGN_OR_RETURN(Person p, InsertIn(tx, key_, v, actor));
    return GetIn(tx, p.id);
  });
}

Result<Person> PeopleService::Update(int64_t id, const PersonInput& input, const Actor& actor) {
  return store::TransactValue<Person>(store_, [&](store::Tx& tx) -> Result<Person> {
    PEIXUN_ASSIGN_OR_RETURN(Person before, GetIn(tx, id));
    PersonInput filled = input;
    const bool keep_id = input.id_number.empty();
    if (keep_id) {
      PEIXUN_ASSIGN_OR_RETURN(std::string stored, [&]() -> Result<std::string> {
        PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                                tx.Query("SELECT id_cipher FROM people WHERE id = ?", {Int(id)}));
        if (rows[0].IsNull(0)) return std::string();
        return key_.Decrypt(rows[0].Str(0));
      }());
      filled.id_number = stored;
    }
    PEIXUN_ASSIGN_OR_RETURN(ValidatedPerson v, Validate(filled));
    PEIXUN_RETURN_IF_ERROR(CheckUnitExists(tx, v.unit_id));
    if (!v.id_number.empty()) {
      PEIXUN_ASSIGN_OR_RETURN(auto holder, FindByIdNumberIn(tx, key_, v.id_number));
      if (holder && holder->id != id) return DuplicateId(*holder);
    }
    std::vector<store::Value> params = {Text(v.name),
                                        Text(v.gender),
                                        TextOrNull(v.ethnicity),
                                        TextOrNull(v.birth_date),
                                        TextOrNull(v.phone),
                                        IntOrNull(v.unit_id),
                                        TextOrNull(v.position),
                                        TextOrNull(RankCode(v.rank)),
                                        TextOrNull(v.party_join_date),
                                        TextOrNull(JoinTags(v.tags))};
    for (auto& col : NameColumns(v)) params.push_back(std::move(col));
    params.push_back(Int(NowMillis()));
    params.push_back(Int(id));
    PEIXUN_RETURN_IF_ERROR(tx.Exec(
        "UPDATE people SET name = ?, gender = ?, ethnicity = ?, birth_date = ?, phone = ?, "
        "unit_id = ?, position = ?, rank = ?, party_join_date = ?, tags = ?, stroke_key = ?, "
        "pinyin_key = ?, pinyin_initials = ?, pinyin_full = ?, updated_at = ? WHERE id = ?",
        params));
    if (!keep_id) {
      PEIXUN_RETURN_IF_ERROR(
          tx.Exec("UPDATE people SET id_cipher = ?, id_fingerprint = ?, id_masked = ? WHERE id = ?",
                  {Text(key_.Encrypt(v.id_number)), Text(key_.Fingerprint(v.id_number)),
                   Text(core::MaskIdNumber(v.id_number)), Int(id)}));
    }
    PEIXUN_ASSIGN_OR_RETURN(Person after, GetIn(tx, id));
    PEIXUN_RETURN_IF_ERROR(audit::RecordIn(tx, actor, "people.update", "person", id,
                                           PersonToJson(before), PersonToJson(after)));
    PEIXUN_RETURN_IF_ERROR(NotifyPeopleChangedIn(tx, {id}));
    return after;
  });
}

Status PeopleService::Delete(int64_t id, const Actor& actor) {
  return store_.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(Person before, GetIn(tx, id));
    auto deleted = tx.Exec("DELETE FROM people WHERE id = ?", {Int(id)});
    if (!deleted && deleted.error().code == store::kForeignKeyViolation) {
      return Conflict("people.delete.in_use", "该人员仍有培训记录，不能删除",
                      "the person still has training records and cannot be deleted", "id");
    }
    if (!deleted) return std::move(deleted).error();
    PEIXUN_RETURN_IF_ERROR(NotifyPeopleChangedIn(tx, {id}));
    return audit::RecordIn(tx, actor, "people.delete", "person", id, PersonToJson(before), nullptr);
  });
}

Result<Person> PeopleService::Get(int64_t id) {
  return store::ReadValue<Person>(store_, [&](store::Tx& tx) { return GetIn(tx, id); });
}

Result<std::string> PeopleService::RevealIdNumber(int64_t id, const Actor& actor) {
  // A write transaction: the viewing is recorded in the audit log.
  return store::TransactValue<std::string>(store_, [&](store::Tx& tx) -> Result<std::string> {
    PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                            tx.Query("SELECT id_cipher FROM people WHERE id = ?", {Int(id)}));
    if (rows.empty()) return PersonNotFound(id);
    if (rows[0].IsNull(0)) return std::string();
    PEIXUN_ASSIGN_OR_RETURN(std::string clear, key_.Decrypt(rows[0].Str(0)));
    PEIXUN_RETURN_IF_ERROR(
        audit::RecordIn(tx, actor, "people.reveal_id_number", "person", id, nullptr, nullptr));
    return clear;
  });
}

Result<PeoplePage> PeopleService::ListIn(store::Tx& tx, const PeopleQuery& query) {
  if (query.limit < 1 || query.limit > kMaxPageSize) {
    return Invalid("people.list.limit", "每页条数应在 1 到 1000 之间",
                   "page size must be between 1 and 1000", "limit");
  }
  if (query.offset < 0) {
    return Invalid("people.list.offset", "偏移量不能为负", "offset must not be negative", "offset");
  }
  std::string where = "WHERE 1 = 1";
  std::vector<store::Value> params;
  if (query.unit_id) {
    PEIXUN_ASSIGN_OR_RETURN(auto subtree, SubtreeCondition(tx, *query.unit_id));
    if (!subtree) {
      return NotFound("org.not_found", "单位不存在：" + std::to_string(*query.unit_id),
                      "unit not found: " + std::to_string(*query.unit_id), "unit_id");
    }
    where += " AND " + *subtree;
  }
  const std::string& s = query.search;
  if (!s.empty()) {
    const bool letters =
        std::all_of(s.begin(), s.end(), [](unsigned char c) { return isalpha(c); });
    const bool digits = std::all_of(s.begin(), s.end(), [](unsigned char c) { return isdigit(c); });
    std::string needle;
    for (char c : s) needle += static_cast<char>(tolower(static_cast<unsigned char>(c)));
    if (letters) {
      where += " AND (p.pinyin_initials LIKE ? ESCAPE '\\' OR p.pinyin_full LIKE ? ESCAPE '\\')";
      params.push_back(Text(LikeEscape(needle) + "%"));
      params.push_back(Text(LikeEscape(needle) + "%"));
    } else if (digits) {
      where += " AND p.phone LIKE ? ESCAPE '\\'";
      params.push_back(Text("%" + LikeEscape(s) + "%"));
    } else {
      where += " AND p.name LIKE ? ESCAPE '\\'";
      params.push_back(Text("%" + LikeEscape(s) + "%"));
    }
  }
  PEIXUN_ASSIGN_OR_RETURN(store::Rows count,
                          tx.Query("SELECT count(*) FROM people p " + where, params));
  PeoplePage page;
  page.total = count[0].Int(0);
  const char* order = query.order == NameOrder::kPinyin ? " ORDER BY p.pinyin_key, p.id"
                                                        : " ORDER BY p.stroke_key, p.id";
  params.push_back(Int(query.limit));
  params.push_back(Int(query.offset));
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query(kSelect + where + order + " LIMIT ? OFFSET ?", params));
  for (const store::Row& r : rows) page.items.push_back(FromRow(r));
  PEIXUN_RETURN_IF_ERROR(NameUnits(tx, page.items));
  return page;
}

Result<std::map<int64_t, std::string>> PeopleService::NamesIn(store::Tx& tx,
                                                              const std::vector<int64_t>& ids) {
  constexpr size_t kChunk = 500;
  std::vector<int64_t> unique = ids;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  std::map<int64_t, std::string> out;
  for (size_t at = 0; at < unique.size(); at += kChunk) {
    const size_t n = std::min(kChunk, unique.size() - at);
    std::string marks;
    std::vector<store::Value> params;
    for (size_t i = 0; i < n; ++i) {
      marks += i ? ", ?" : "?";
      params.push_back(Int(unique[at + i]));
    }
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT id, name FROM people WHERE id IN (" + marks + ")", params));
    for (const store::Row& r : rows) out.emplace(r.Int(0), r.Str(1));
  }
  return out;
}

Result<std::vector<Person>> PeopleService::GetManyIn(store::Tx& tx, const std::vector<int64_t>& ids,
                                                     NameOrder order) {
  // Bounded IN lists keep every statement well under both databases' limits on
  // bound parameters; the order is applied after the chunks are merged.
  constexpr size_t kChunk = 500;
  std::vector<int64_t> unique = ids;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  std::vector<std::pair<std::string, Person>> keyed;
  keyed.reserve(unique.size());
  for (size_t at = 0; at < unique.size(); at += kChunk) {
    const size_t n = std::min(kChunk, unique.size() - at);
    std::string marks;
    std::vector<store::Value> params;
    for (size_t i = 0; i < n; ++i) {
      marks += i ? ", ?" : "?";
      params.push_back(Int(unique[at + i]));
    }
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows, tx.Query(std::string(kSelect) + "WHERE p.id IN (" + marks + ")", params));
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows keys,
        tx.Query(
            "SELECT p.id, p.stroke_key, p.pinyin_key FROM people p WHERE p.id IN (" + marks + ")",
            params));
    std::map<int64_t, std::string> key_of;
    for (const store::Row& k : keys) {
      key_of[k.Int(0)] = k.Str(order == NameOrder::kPinyin ? 2 : 1);
    }
    for (const store::Row& r : rows) {
      Person p = FromRow(r);
      keyed.emplace_back(key_of[p.id], std::move(p));
    }
  }
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second.id < b.second.id;
  });
  std::vector<Person> out;
  out.reserve(keyed.size());
  for (auto& [key, person] : keyed) out.push_back(std::move(person));
  PEIXUN_RETURN_IF_ERROR(NameUnits(tx, out));
  return out;
}

Result<PeoplePage> PeopleService::List(const PeopleQuery& query) {
  return store::ReadValue<PeoplePage>(store_, [&](store::Tx& tx) { return ListIn(tx, query); });
}

Result<std::vector<Person>> PeopleService::AllForExportIn(store::Tx& tx, const crypto::DataKey& key,
                                                          NameOrder order,
                                                          std::optional<int64_t> unit_root,
                                                          std::vector<std::string>* id_numbers) {
  std::string where;
  std::vector<store::Value> params;
  if (unit_root) {
    PEIXUN_ASSIGN_OR_RETURN(auto subtree, SubtreeCondition(tx, *unit_root));
    if (!subtree) return std::vector<Person>();
    where = "WHERE " + *subtree + " ";
  }
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows, tx.Query(std::string(kSelect) + where +
                                     (order == NameOrder::kPinyin ? "ORDER BY p.pinyin_key, p.id"
                                                                  : "ORDER BY p.stroke_key, p.id"),
                                 params));
  std::vector<Person> out;
  out.reserve(rows.size());
  if (id_numbers) id_numbers->clear();
  for (const store::Row& r : rows) {
    out.push_back(FromRow(r));
    if (!id_numbers) continue;
    if (r.IsNull(kIdCipherColumn)) {
      id_numbers->emplace_back();
    } else {
      PEIXUN_ASSIGN_OR_RETURN(std::string clear, key.Decrypt(r.Str(kIdCipherColumn)));
      id_numbers->push_back(std::move(clear));
    }
  }
  PEIXUN_RETURN_IF_ERROR(NameUnits(tx, out));
  return out;
}

}  // namespace peixun::people
