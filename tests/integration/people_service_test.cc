#include "modules/people/name_keys.h"
#include "modules/settings/settings.h"
#include "registry_fixture.h"
#include "store/value.h"

namespace peixun::test {
namespace {

class PeopleServiceTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    street_ = MakeUnit("东关街道办事处", std::nullopt, org::UnitKind::kStreet);
    unit_ = MakeUnit("幸福社区", street_);
    other_ = MakeUnit("民主社区", street_);
  }

  people::PersonInput Input(const std::string& name, const std::string& id = "") {
    people::PersonInput in;
    in.name = name;
    in.id_number = id;
    in.gender = id.empty() ? "男" : "";
    in.unit_id = unit_;
    in.phone = "138 0013 8000";
    in.position = "书记";
    return in;
  }

  std::vector<std::string> ListNames(people::PeopleQuery q) {
    auto page = people_->List(q);
    EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error().message);
    std::vector<std::string> out;
    if (page.ok())
      for (const auto& p : page->items) out.push_back(p.name);
    return out;
  }

  int64_t street_ = 0, unit_ = 0, other_ = 0;
};

TEST_F(PeopleServiceTest, CreateNormalizesAndDerivesFromIdNumber) {
  auto in = Input(" 张　三 ", "１１０１０５１９８００１０１００１６");
  in.phone = "+86 138-0013-8000";
  auto p = people_->Create(in);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->name, "张三");
  EXPECT_EQ(p->gender, "男");
  EXPECT_EQ(p->birth_date, "1980-01-01");
  EXPECT_EQ(p->phone, "13800138000");
  EXPECT_EQ(p->id_number_masked, "1*************0016");
  EXPECT_EQ(p->unit_name, "幸福社区");
  EXPECT_EQ(p->pinyin_initials, "zs");
}

TEST_F(PeopleServiceTest, IdNumberIsEncryptedAtRestAndRevealedOnlyOnRequest) {
  auto p = people_->Create(Input("李四", kIdMale1980));
  ASSERT_TRUE(p.ok());
  std::string cipher, masked;
  ASSERT_TRUE(db().Read([&](store::Tx& tx) -> Status {
                    PEIXUN_ASSIGN_OR_RETURN(
                        store::Rows rows,
                        tx.Query("SELECT id_cipher, id_masked FROM people WHERE id = ?",
                                 {store::Int(p->id)}));
                    cipher = rows[0].Str(0);
                    masked = rows[0].Str(1);
                    return Ok();
                  })
                  .ok());
  EXPECT_EQ(cipher.find(kIdMale1980), std::string::npos);
  EXPECT_EQ(cipher.find("19800101"), std::string::npos);
  EXPECT_EQ(masked, "1*************0016");
  auto clear = people_->RevealIdNumber(p->id);
  ASSERT_TRUE(clear.ok());
  EXPECT_EQ(*clear, kIdMale1980);
  // Another key cannot read it.
  crypto::DataKey other = crypto::DataKey::FromSeed("someone-else");
  people::PeopleService foreign(db(), other);
  auto denied = foreign.RevealIdNumber(p->id);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, "crypto.decrypt");
}

TEST_F(PeopleServiceTest, DuplicateIdNumberIsRefusedAndNothingStored) {
  ASSERT_TRUE(people_->Create(Input("李四", kIdMale1980)).ok());
  auto dup = people_->Create(Input("李四四", kIdMale1980));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, "people.id_number.duplicate");
  EXPECT_EQ(dup.error().field, "id_number");
  people::PeopleQuery q;
  EXPECT_EQ(ListNames(q).size(), 1u);
}

TEST_F(PeopleServiceTest, FieldErrorsNameTheField) {
  auto in = Input("王五", kIdMale1980);
  in.gender = "女";
  auto bad_gender = people_->Create(in);
  ASSERT_FALSE(bad_gender.ok());
  EXPECT_EQ(bad_gender.error().field, "gender");
  in = Input("王五", "110105198001010017");
  auto bad_check = people_->Create(in);
  ASSERT_FALSE(bad_check.ok());
  EXPECT_EQ(bad_check.error().field, "id_number");
  in = Input("王五");
  in.phone = "1380013800";
  auto bad_phone = people_->Create(in);
  ASSERT_FALSE(bad_phone.ok());
  EXPECT_EQ(bad_phone.error().field, "phone");
  in = Input("王五");
  in.unit_id = 987654;
  auto bad_unit = people_->Create(in);
  ASSERT_FALSE(bad_unit.ok());
  EXPECT_EQ(bad_unit.error().field, "unit_id");
  EXPECT_EQ(bad_unit.error().kind, ErrorKind::kNotFound);
}

TEST_F(PeopleServiceTest, ListSortsByStrokeOrderByDefaultAndPinyinOnRequest) {
  for (const char* name : {"张伟", "王芳", "那英", "欧阳修", "丁一", "阿强"}) {
    ASSERT_TRUE(people_->Create(Input(name)).ok()) << name;
  }
  people::PeopleQuery q;
  // 丁(2) 王(4) 那(6) 张(7) 阿(7: 折 before 张's 折? see core tests) 欧(8)
  auto by_stroke = ListNames(q);
  ASSERT_EQ(by_stroke.size(), 6u);
  EXPECT_EQ(by_stroke.front(), "丁一");
  EXPECT_EQ(by_stroke[1], "王芳");
  EXPECT_EQ(by_stroke[2], "那英");
  EXPECT_EQ(by_stroke.back(), "欧阳修");
  q.order = people::NameOrder::kPinyin;
  EXPECT_EQ(ListNames(q),
            (std::vector<std::string>{"阿强", "丁一", "那英", "欧阳修", "王芳", "张伟"}));
}

TEST_F(PeopleServiceTest, PinyinOrderReadsSurnamesAndOldKeysAreRecomputedOnce) {
  for (const char* name : {"张伟", "曾庆红", "单雄", "陈明", "詹天佑"}) {
    ASSERT_TRUE(people_->Create(Input(name)).ok()) << name;
  }
  people::PeopleQuery q;
  q.order = people::NameOrder::kPinyin;
  const std::vector<std::string> expected = {"陈明", "单雄", "曾庆红", "詹天佑", "张伟"};
  EXPECT_EQ(ListNames(q), expected);

  // A database written by an older peixun: keys by other rules, an older version.
  ASSERT_TRUE(db().Transact([](store::Tx& tx) -> Status {
                    PEIXUN_RETURN_IF_ERROR(
                        tx.Exec("UPDATE people SET pinyin_key = 'ff' WHERE name = ?",
                                {store::Text("陈明")}));
                    return settings::SetIn(tx, "people.name_keys_version", "0");
                  })
                  .ok());
  EXPECT_EQ(ListNames(q).back(), "陈明");
  auto rekeyed = people::RefreshNameKeys(db());
  ASSERT_TRUE(rekeyed.ok()) << rekeyed.error().message;
  EXPECT_EQ(*rekeyed, 5);
  EXPECT_EQ(ListNames(q), expected);
  auto again = people::RefreshNameKeys(db());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);  // the version is stored: nothing to do
}

TEST_F(PeopleServiceTest, SearchByPinyinInitialsNameFragmentAndPhone) {
  auto a = Input("张三");
  a.phone = "13800000001";
  auto b = Input("赵武");
  b.phone = "13900000002";
  auto c = Input("欧阳修");
  c.phone = "";
  for (auto* in : {&a, &b, &c}) ASSERT_TRUE(people_->Create(*in).ok());
  people::PeopleQuery q;
  q.search = "zs";
  EXPECT_EQ(ListNames(q), (std::vector<std::string>{"张三"}));
  q.search = "ZS";
  EXPECT_EQ(ListNames(q), (std::vector<std::string>{"张三"}));
  q.search = "oyx";
  EXPECT_EQ(ListNames(q), (std::vector<std::string>{"欧阳修"}));
  q.search = "zhao";
  EXPECT_EQ(ListNames(q), (std::vector<std::string>{"赵武"}));
  q.search = "阳";
  EXPECT_EQ(ListNames(q), (std::vector<std::string>{"欧阳修"}));
  q.search = "0002";
  EXPECT_EQ(ListNames(q), (std::vector<std::string>{"赵武"}));
  q.search = "%";
  EXPECT_TRUE(ListNames(q).empty());
  q.search = "' OR 1=1 --";
  EXPECT_TRUE(ListNames(q).empty());
}

TEST_F(PeopleServiceTest, ListFiltersBySubtreeAndPages) {
  for (int i = 0; i < 7; ++i) ASSERT_TRUE(people_->Create(Input("甲" + std::to_string(i))).ok());
  auto other = Input("乙");
  other.unit_id = other_;
  ASSERT_TRUE(people_->Create(other).ok());
  people::PeopleQuery q;
  q.unit_id = other_;
  EXPECT_EQ(ListNames(q), (std::vector<std::string>{"乙"}));
  q.unit_id = street_;
  q.limit = 3;
  q.offset = 6;
  auto page = people_->List(q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 8);
  EXPECT_EQ(page->items.size(), 2u);
  q.limit = 0;
  auto bad = people_->List(q);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "limit");
}

TEST_F(PeopleServiceTest, UpdateKeepsIdNumberWhenNotGivenAndRejectsAnothersId) {
  auto p = people_->Create(Input("李四", kIdMale1980));
  auto q = people_->Create(Input("王红", kIdFemale1990));
  ASSERT_TRUE(p.ok() && q.ok());
  auto in = Input("李思");
  in.gender = "";
  in.position = "副书记";
  auto updated = people_->Update(p->id, in);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->name, "李思");
  EXPECT_EQ(updated->position, "副书记");
  EXPECT_EQ(*people_->RevealIdNumber(p->id), kIdMale1980);
  auto steal = Input("李思", kIdFemale1990);
  steal.gender = "男";
  auto refused = people_->Update(p->id, steal);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "gender");  // the ID says female; he is 男
  steal.gender = "";
  refused = people_->Update(p->id, steal);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "people.id_number.duplicate");
}

TEST_F(PeopleServiceTest, HardNamesSurviveStorageByteForByte) {
  for (const char* name : {"刘䶮", "𠮷祥云", "买买提·艾力", "阿依古丽·买买提", "欧阳晓岚"}) {
    auto p = people_->Create(Input(name));
    ASSERT_TRUE(p.ok()) << name;
    auto back = people_->Get(p->id);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->name, name);
  }
}

TEST_F(PeopleServiceTest, DeleteRemovesAndUnknownIsNotFound) {
  auto p = people_->Create(Input("张三"));
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(people_->Delete(p->id).ok());
  auto gone = people_->Get(p->id);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(people_->Delete(p->id).error().kind, ErrorKind::kNotFound);
}

}  // namespace
}  // namespace peixun::test
