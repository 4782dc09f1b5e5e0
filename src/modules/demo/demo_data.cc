#include "modules/demo/demo_data.h"

#include <array>
#include <set>
#include <string_view>
#include <vector>

#include "modules/demo/demo_names.h"
#include "modules/org/org_service.h"
#include "modules/people/people_service.h"
#include "modules/people/person_validation.h"

namespace peixun::demo {
namespace {

using org::UnitKind;

constexpr std::string_view kRegionCode = "370102";  // the demo district's 行政区划代码

constexpr std::array<std::string_view, 12> kStreets = {
    "东关街道", "西城街道", "南门街道", "北园街道", "中山街道", "解放街道",
    "建设街道", "和平街道", "新华街道", "文化街道", "光明街道", "胜利街道"};
constexpr std::array<std::string_view, 48> kCommunities = {
    "幸福", "民主", "团结", "振兴", "明珠", "花园", "春晖", "翠竹", "朝阳", "育才", "滨河", "锦绣",
    "和谐", "阳光", "青年", "红旗", "长虹", "金桥", "银河", "绿洲", "康乐", "安居", "丽景", "泉城",
    "望湖", "柳园", "杏林", "桃源", "荷花", "松竹", "玉泉", "怡园", "紫荆", "枫林", "书香", "文昌",
    "新苑", "馨苑", "鑫城", "富民", "兴业", "兴隆", "永安", "永乐", "长青", "常春", "华苑", "美里"};
constexpr std::array<std::string_view, 7> kEnterprises = {
    "华信电子科技有限公司", "鲁泰纺织股份有限公司", "恒远物流有限公司",    "金桥建设集团有限公司",
    "瑞丰食品有限公司",     "博创软件有限公司",     "东方机械制造有限公司"};
constexpr std::array<std::string_view, 6> kSocialOrgs = {
    "阳光志愿者协会",   "夕阳红老年协会", "启明社会工作服务中心",
    "和谐人民调解中心", "爱心助学促进会", "乐龄居家养老服务中心"};

// GB 11643 check character for the first 17 digits.
char IdCheck(const std::string& first17) {
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kCodes[] = "10X98765432";
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCodes[sum % 11];
}

std::string Pad(int v, int width) {
  std::string s = std::to_string(v);
  return std::string(width - std::min<int>(width, s.size()), '0') + s;
}

class DemoBuilder {
 public:
  DemoBuilder(store::Tx& tx, const crypto::DataKey& key) : tx_(tx), key_(key), rng_(2020) {}

  Result<int64_t> Unit(std::string name, std::optional<int64_t> parent, UnitKind kind,
                       std::string party_org_kind, std::string party_org_name = "") {
    org::UnitInput in;
    in.name = std::move(name);
    in.parent_id = parent;
    in.kind = kind;
    in.party_org_kind = std::move(party_org_kind);
    in.party_org_name = party_org_name.empty() && !in.party_org_kind.empty()
                            ? "中共" + in.name +
                                  (in.party_org_kind == "党委"     ? "委员会"
                                   : in.party_org_kind == "党总支" ? "总支部委员会"
                                                                   : "支部委员会")
                            : party_org_name;
    in.contact_phone = "0531-8" + Pad(6000000 + ++units_ * 37, 7);
    PEIXUN_ASSIGN_OR_RETURN(org::Unit unit, org::OrgService::CreateIn(tx_, in, Actor::System()));
    ++counts.units;
    return unit.id;
  }

  struct PersonSpec {
    std::string name;  // empty: generate
    int gender = -1;   // 1 male, 0 female, -1 random
    std::string ethnicity = "汉族";
    std::string position;
    std::string rank = "乡科级及以下";
    std::vector<std::string> tags;
  };

  Result<int64_t> Person(int64_t unit_id, PersonSpec spec) {
    const bool male = spec.gender < 0 ? rng_.Below(100) < 58 : spec.gender == 1;
    std::string name = spec.name;
    while (name.empty() || used_names_.count(name)) name = DemoName(rng_, male);
    used_names_.insert(name);
    const int year = 1966 + rng_.Below(30);
    const int month = 1 + rng_.Below(12);
    const int day = 1 + rng_.Below(28);
    int seq = 10 + (++people_ * 7) % 980;
    if ((seq % 2 == 1) != male) ++seq;
    std::string id =
        std::string(kRegionCode) + Pad(year, 4) + Pad(month, 2) + Pad(day, 2) + Pad(seq, 3);
    id += IdCheck(id);
    people::PersonInput in;
    in.name = name;
    in.ethnicity = spec.ethnicity;
    in.id_number = id;
    in.phone = "13" + Pad(800000000 + people_ * 7919 % 199999999, 9);
    in.unit_id = unit_id;
    in.position = spec.position;
    in.rank = spec.rank;
    in.party_join_date = Pad(year + 22 + rng_.Below(8), 4) + "-07-01";
    in.tags = spec.tags;
    people::ValidatedPerson v;
    std::vector<Error> errors = people::ValidatePerson(in, &v);
    if (!errors.empty()) return errors.front();
    PEIXUN_ASSIGN_OR_RETURN(people::Person p,
                            people::PeopleService::InsertIn(tx_, key_, v, Actor::System()));
    ++counts.people;
    return p.id;
  }

  DemoCounts counts;

 private:
  store::Tx& tx_;
  const crypto::DataKey& key_;
  DemoRandom rng_;
  std::set<std::string> used_names_;
  int units_ = 0;
  int people_ = 0;
};

Status Build(DemoBuilder& b) {
  using Spec = DemoBuilder::PersonSpec;
  PEIXUN_ASSIGN_OR_RETURN(
      int64_t district, b.Unit("×区", std::nullopt, UnitKind::kDistrict, "党委", "中共×区委员会"));
  PEIXUN_ASSIGN_OR_RETURN(int64_t dept, b.Unit("×区委组织部", district, UnitKind::kAgency, "党支部",
                                               "中共×区委组织部机关支部委员会"));
  PEIXUN_ASSIGN_OR_RETURN(int64_t two_new,
                          b.Unit("×区“两新”组织党工委", district, UnitKind::kAgency, "党委",
                                 "中共×区非公有制经济组织和社会组织工作委员会"));
  PEIXUN_ASSIGN_OR_RETURN(int64_t venue,
                          b.Unit("×大学干部培训中心", std::nullopt, UnitKind::kOther, "党支部"));
  PEIXUN_RETURN_IF_ERROR(b.Person(dept, Spec{"于建国", 1, "汉族", "部长", "县处级及以上", {}}));
  PEIXUN_RETURN_IF_ERROR(
      b.Person(dept, Spec{"", -1, "汉族", "组织科科长", "乡科级及以下", {"班主任"}}));
  PEIXUN_RETURN_IF_ERROR(b.Person(dept, Spec{"", 0, "汉族", "组织员", "乡科级及以下", {"班主任"}}));
  PEIXUN_RETURN_IF_ERROR(b.Person(venue, Spec{"", -1, "汉族", "培训部主任", "", {"授课老师"}}));

  // The hard cases, placed across the tree below.
  const std::vector<Spec> hard = {
      {"买买提·艾力", 1, "维吾尔族", "书记", "乡科级及以下", {"社区书记"}},
      {"阿依古丽·买买提", 0, "维吾尔族", "党务干事", "乡科级及以下", {}},
      {"刘䶮", 1, "汉族", "书记", "乡科级及以下", {"社区书记"}},
      {"𠮷祥云", 1, "汉族", "副书记", "乡科级及以下", {}},
      {"欧阳晓岚", 0, "汉族", "书记", "乡科级及以下", {"社区书记"}},
      {"马清真", 1, "回族", "党务干事", "乡科级及以下", {"清真"}},
  };
  size_t next_hard = 0;

  for (size_t s = 0; s < kStreets.size(); ++s) {
    PEIXUN_ASSIGN_OR_RETURN(int64_t street,
                            b.Unit(std::string(kStreets[s]) + "办事处", district, UnitKind::kStreet,
                                   "党委", "中共×区" + std::string(kStreets[s]) + "工作委员会"));
    ++b.counts.streets;
    PEIXUN_RETURN_IF_ERROR(
        b.Person(street, Spec{"", -1, "汉族", "分管党建工作领导", "乡科级及以下", {"街道"}}));
    PEIXUN_RETURN_IF_ERROR(b.Person(street, Spec{"", -1, "汉族", "组织委员", "", {"街道"}}));
    PEIXUN_RETURN_IF_ERROR(b.Person(street, Spec{"", -1, "汉族", "党务干事", "", {"街道"}}));
    for (size_t c = 0; c < 4; ++c) {
      const std::string name = std::string(kCommunities[s * 4 + c]) + "社区";
      PEIXUN_ASSIGN_OR_RETURN(
          int64_t community, b.Unit(name, street, UnitKind::kCommunity, c % 2 ? "党总支" : "党委"));
      ++b.counts.communities;
      Spec secretary{"", -1, "汉族", "书记", "乡科级及以下", {"社区书记"}};
      if (c == 1 && next_hard < hard.size()) secretary = hard[next_hard++];
      PEIXUN_RETURN_IF_ERROR(b.Person(community, secretary));
      PEIXUN_RETURN_IF_ERROR(b.Person(community, Spec{"", -1, "汉族", "党务干事", "", {}}));
    }
  }
  for (size_t e = 0; e < kEnterprises.size(); ++e) {
    PEIXUN_ASSIGN_OR_RETURN(int64_t unit, b.Unit(std::string(kEnterprises[e]), two_new,
                                                 UnitKind::kEnterprise, e % 3 ? "党支部" : "党委"));
    ++b.counts.enterprises;
    PEIXUN_RETURN_IF_ERROR(b.Person(unit, Spec{"", -1, "汉族", "书记", "", {"两新", "非公企业"}}));
    PEIXUN_RETURN_IF_ERROR(b.Person(unit, Spec{"", -1, "汉族", "党务干事", "", {"两新"}}));
  }
  for (size_t o = 0; o < kSocialOrgs.size(); ++o) {
    PEIXUN_ASSIGN_OR_RETURN(
        int64_t unit, b.Unit(std::string(kSocialOrgs[o]), two_new, UnitKind::kSocialOrg, "党支部"));
    ++b.counts.social_orgs;
    PEIXUN_RETURN_IF_ERROR(b.Person(unit, Spec{"", -1, "汉族", "书记", "", {"两新", "社会组织"}}));
    PEIXUN_RETURN_IF_ERROR(b.Person(unit, Spec{"", -1, "汉族", "党务干事", "", {"两新"}}));
  }
  return Ok();
}

}  // namespace

Result<DemoCounts> LoadDemoData(store::Store& store, const crypto::DataKey& key) {
  return store::TransactValue<DemoCounts>(store, [&](store::Tx& tx) -> Result<DemoCounts> {
    PEIXUN_ASSIGN_OR_RETURN(std::vector<org::Unit> existing, org::OrgService::AllIn(tx));
    if (!existing.empty()) {
      return Conflict("demo.not_empty", "数据库中已有数据：演示数据只能装入空数据库",
                      "the database already has data: demo data goes into an empty database",
                      "--db");
    }
    DemoBuilder builder(tx, key);
    PEIXUN_RETURN_IF_ERROR(Build(builder));
    return builder.counts;
  });
}

}  // namespace peixun::demo
