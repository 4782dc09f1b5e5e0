// A class's trainee invites in bulk (modules/invites): POST /api/v1/classes/{id}/invites
// for all approved trainees or the ones picked, re-issue (the old link dies), revoke,
// and who may do it — through the whole app on the current backend.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "app_fixture.h"

namespace peixun::test {
namespace {

using nlohmann::json;

class ClassInvitesTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    if (HasFatalFailure()) return;
    admin_ = MakeUser("inv_admin", Role::kAdmin);
    head_ = MakeUser("inv_head", Role::kHeadTeacher, {}, {}, &head_user_);
    street_ = UnitId(admin_, "东关街道办事处");
    ASSERT_GT(street_, 0);
    auto people =
        Body(Get("/api/v1/people?page_size=3&unit_id=" + std::to_string(street_), admin_));
    ASSERT_EQ(people["items"].size(), 3u) << people.dump();
    for (const auto& p : people["items"]) person_.push_back(p["id"].get<int64_t>());
    class_ = MakeClass("邀请测试班", {person_[0], person_[1]}, head_user_);
    other_class_ = MakeClass("别的班", {person_[2]}, 0);
    path_ = "/api/v1/classes/" + std::to_string(class_) + "/invites";
  }

  int64_t Made(api::Method method, const std::string& path, const json& body, int status = 201) {
    auto r = Send(method, path, body.dump(), admin_);
    EXPECT_EQ(r.status, status) << path << ": " << r.body;
    json j = Body(r);
    return j.is_object() && j.contains("id") ? j["id"].get<int64_t>() : 0;
  }

  // A class with `trainees` approved, headed by `head_user` (0: nobody).
  int64_t MakeClass(const std::string& name, const std::vector<int64_t>& trainees,
                    int64_t head_user) {
    const int64_t id = Made(api::Method::kPost, "/api/v1/classes",
                            {{"name", name},
                             {"organizer_name", "区委组织部"},
                             {"host_venue", "党校"},
                             {"start_date", "2030-06-03"},
                             {"end_date", "2030-06-07"},
                             {"capacity", 60}});
    const std::string c = "/api/v1/classes/" + std::to_string(id);
    if (head_user) Made(api::Method::kPut, c + "/head-teachers", {{"user_ids", {head_user}}}, 200);
    Made(api::Method::kPost, c + "/status", {{"status", "enrolling"}}, 200);
    Made(api::Method::kPut, c + "/quotas", {{"items", {{{"unit_id", street_}, {"seats", 10}}}}},
         200);
    for (int64_t p : trainees) {
      const int64_t e = Made(api::Method::kPost, c + "/enrollments", {{"person_id", p}});
      Made(api::Method::kPost, "/api/v1/enrollments/" + std::to_string(e) + "/approve",
           json::object(), 200);
    }
    return id;
  }

  // The id of the demo person named exactly `name`.
  int64_t PersonNamed(const std::string& name) {
    std::string q;
    for (unsigned char ch : name) {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", ch);
      q += hex;
    }
    auto r = Get("/api/v1/people?page_size=50&q=" + q, admin_);
    const json body = Body(r);
    for (const auto& p : body["items"]) {
      if (p["name"] == name) return p["id"].get<int64_t>();
    }
    ADD_FAILURE() << "no person " << name << ": " << r.body.substr(0, 300);
    return 0;
  }

  static std::string Shell(const std::string& command) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) return out;
    char buffer[4096];
    size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    ::pclose(pipe);
    return out;
  }

  api::Response Accept(const std::string& url) {
    return Send(api::Method::kPost, "/api/v1/auth" + url);  // url: "/invite/<token>"
  }

  Session admin_, head_;
  int64_t head_user_ = 0, street_ = 0, class_ = 0, other_class_ = 0;
  std::vector<int64_t> person_;
  std::string path_;
};

TEST_F(ClassInvitesTest, InvitesEveryApprovedTraineeWithNameUnitUrlAndExpiry) {
  auto r = Send(api::Method::kPost, path_, "", head_);
  ASSERT_EQ(r.status, 201) << r.body;
  const json items = Body(r)["items"];
  ASSERT_EQ(items.size(), 2u) << r.body;
  std::set<int64_t> ids;
  for (const auto& i : items) {
    ids.insert(i["person_id"].get<int64_t>());
    EXPECT_FALSE(i["name"].get<std::string>().empty());
    EXPECT_FALSE(i["unit_name"].get<std::string>().empty());
    EXPECT_EQ(i["url"].get<std::string>().rfind("/invite/", 0), 0u) << i.dump();
    EXPECT_GT(i["expires_at"].get<int64_t>(), 0);
  }
  EXPECT_EQ(ids, (std::set<int64_t>{person_[0], person_[1]}));
  // Each link logs its trainee in.
  auto login = Accept(items[0]["url"]);
  EXPECT_EQ(login.status, 200) << login.body;

  // Only the picked, with days.
  auto picked = Send(api::Method::kPost, path_,
                     json{{"person_ids", {person_[1]}}, {"days", 2}}.dump(), head_);
  ASSERT_EQ(picked.status, 201) << picked.body;
  ASSERT_EQ(Body(picked)["items"].size(), 1u);
  EXPECT_EQ(Body(picked)["items"][0]["person_id"], person_[1]);
}

TEST_F(ClassInvitesTest, ReissueKillsTheOldLinkAndRevokeKillsTheCurrentOne) {
  const json body = {{"person_ids", {person_[0]}}};
  auto first = Send(api::Method::kPost, path_, body.dump(), head_);
  ASSERT_EQ(first.status, 201) << first.body;
  auto second = Send(api::Method::kPost, path_, body.dump(), head_);
  ASSERT_EQ(second.status, 201) << second.body;
  const std::string old_url = Body(first)["items"][0]["url"];
  const std::string new_url = Body(second)["items"][0]["url"];
  EXPECT_NE(old_url, new_url);
  auto old_accept = Accept(old_url);
  EXPECT_EQ(old_accept.status, 404) << old_accept.body;
  EXPECT_EQ(ErrorCode(old_accept), "auth.invite.not_found");

  auto revoked = Send(api::Method::kDelete, path_ + "/" + std::to_string(person_[0]), "", head_);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(Body(revoked)["revoked"], 1);
  EXPECT_EQ(Accept(new_url).status, 404);
  // Nothing left to revoke.
  auto again = Send(api::Method::kDelete, path_ + "/" + std::to_string(person_[0]), "", head_);
  EXPECT_EQ(Body(again)["revoked"], 0) << again.body;

  // A used invite stays used (409), re-issue does not touch it.
  auto third = Send(api::Method::kPost, path_, body.dump(), head_);
  const std::string used_url = Body(third)["items"][0]["url"];
  ASSERT_EQ(Accept(used_url).status, 200);
  ASSERT_EQ(Send(api::Method::kPost, path_, body.dump(), head_).status, 201);
  EXPECT_EQ(ErrorCode(Accept(used_url)), "auth.invite.used");

  // Audited.
  auto audit = Get("/api/v1/audit?page_size=100", admin_);
  EXPECT_NE(audit.body.find("auth.invite.revoke"), std::string::npos) << audit.status;
  EXPECT_NE(audit.body.find("auth.invite.create"), std::string::npos);
}

TEST_F(ClassInvitesTest, RefusesOtherClassesTraineesAndCallersWhoDoNotManageTheClass) {
  // A trainee of another class: 422 naming the id; nothing issued.
  auto other =
      Send(api::Method::kPost, path_, json{{"person_ids", {person_[0], person_[2]}}}.dump(), head_);
  EXPECT_EQ(other.status, 422) << other.body;
  EXPECT_EQ(ErrorCode(other), "invites.not_trainee");
  EXPECT_NE(other.body.find(std::to_string(person_[2])), std::string::npos) << other.body;
  EXPECT_EQ(Send(api::Method::kDelete, path_ + "/" + std::to_string(person_[2]), "", head_).status,
            422);
  // The head teacher does not head the other class.
  const std::string other_path = "/api/v1/classes/" + std::to_string(other_class_) + "/invites";
  EXPECT_EQ(Send(api::Method::kPost, other_path, "", head_).status, 403);
  // Liaison and trainee callers.
  Session liaison = MakeUser("inv_liaison", Role::kLiaison, street_);
  Session trainee = MakeUser("inv_trainee", Role::kTrainee, {}, person_[0]);
  EXPECT_EQ(Send(api::Method::kPost, path_, "", liaison).status, 403);
  EXPECT_EQ(Send(api::Method::kPost, path_, "", trainee).status, 403);
  EXPECT_EQ(
      Send(api::Method::kDelete, path_ + "/" + std::to_string(person_[0]), "", trainee).status,
      403);
  // Bad input names its field.
  auto bad = Send(api::Method::kPost, path_, json{{"person_ids", "all"}}.dump(), head_);
  EXPECT_EQ(bad.status, 400);  // malformed (request.type)
  EXPECT_EQ(Body(bad)["error"]["field"], "person_ids") << bad.body;
  auto days = Send(api::Method::kPost, path_, json{{"days", 31}}.dump(), head_);
  EXPECT_EQ(ErrorCode(days), "auth.invite.days") << days.body;
}

TEST_F(ClassInvitesTest, SheetPrintsEveryNameAndAQrOfTheFullInviteUrl) {
  // The hard names of the demo district join the class.
  const int64_t mamat = PersonNamed("买买提·艾力");
  const int64_t yan = PersonNamed("刘䶮");
  ASSERT_TRUE(mamat && yan);
  const std::string c = "/api/v1/classes/" + std::to_string(class_);
  for (int64_t p : {mamat, yan}) {
    auto nominated =
        Send(api::Method::kPost, c + "/enrollments", json{{"person_id", p}}.dump(), admin_);
    if (nominated.status != 201) {  // their unit needs a quota of its own
      const json person = Body(Get("/api/v1/people/" + std::to_string(p), admin_));
      const json quotas = Body(Get(c + "/quotas", admin_));
      json items = json::array();
      for (const auto& q : quotas["items"]) {
        items.push_back({{"unit_id", q["unit_id"]}, {"seats", 10}});
      }
      items.push_back({{"unit_id", person["unit_id"]}, {"seats", 10}});
      Made(api::Method::kPut, c + "/quotas", {{"items", items}}, 200);
      nominated =
          Send(api::Method::kPost, c + "/enrollments", json{{"person_id", p}}.dump(), admin_);
    }
    ASSERT_EQ(nominated.status, 201) << nominated.body;
    Made(api::Method::kPost,
         "/api/v1/enrollments/" + std::to_string(Body(nominated)["id"].get<int64_t>()) + "/approve",
         json::object(), 200);
  }
  auto r = Send(api::Method::kPost, path_ + ".pdf", "", head_, {{"host", "192.168.1.20:8080"}});
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  EXPECT_EQ(r.body.rfind("%PDF", 0), 0u);
  const std::string dir = ::testing::TempDir() + "invites-" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  const std::string pdf = dir + "/sheet.pdf";
  std::ofstream(pdf, std::ios::binary) << r.body;
  std::string text = Shell("pdftotext '" + pdf + "' - 2>/dev/null");
  std::string squeezed;
  for (char ch : text) {
    if (ch != ' ' && ch != '\n' && ch != '\f') squeezed += ch;
  }
  std::vector<std::string> names = {"买买提·艾力", "刘䶮"};
  for (int64_t p : {person_[0], person_[1]}) {
    names.push_back(Body(Get("/api/v1/people/" + std::to_string(p), admin_))["name"]);
  }
  for (const auto& name : names) {
    EXPECT_NE(squeezed.find(name), std::string::npos) << name << " not in:\n" << text;
  }
  Shell("pdftoppm -r 200 -png -singlefile '" + pdf + "' '" + dir + "/page'");
  const std::string decoded = Shell("zbarimg --quiet --raw '" + dir + "/page.png' 2>/dev/null");
  EXPECT_NE(decoded.find("http://192.168.1.20:8080/invite/"), std::string::npos) << decoded;
  // The decoded link logs its trainee in (the sheet's invites are live).
  const std::string first = decoded.substr(0, decoded.find('\n'));
  const std::string url = first.substr(first.find("/invite/"));
  EXPECT_EQ(Accept(url).status, 200);
  // Liaisons may not print it.
  Session liaison = MakeUser("inv_liaison2", Role::kLiaison, street_);
  EXPECT_EQ(Send(api::Method::kPost, path_ + ".pdf", "", liaison).status, 403);
  std::filesystem::remove_all(dir);
}

// The slips print the installation's public address (settings module) once the admin
// sets it, whatever Host the caller used.
TEST_F(ClassInvitesTest, SheetUsesThePublicBaseUrlSettingWhenSet) {
  auto set = Send(api::Method::kPut, "/api/v1/settings/public-base-url",
                  json{{"public_base_url", "https://Peixun.Example.gov.cn/"}}.dump(), admin_);
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(Body(set)["effective"], "https://peixun.example.gov.cn");
  EXPECT_EQ(Send(api::Method::kPut, "/api/v1/settings/public-base-url",
                 json{{"public_base_url", "https://x.example"}}.dump(), head_)
                .status,
            403);
  auto r = Send(api::Method::kPost, path_ + ".pdf", "", head_, {{"host", "192.168.1.20:8080"}});
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  const std::string dir = ::testing::TempDir() + "invites-base-" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  const std::string pdf = dir + "/sheet.pdf";
  std::ofstream(pdf, std::ios::binary) << r.body;
  Shell("pdftoppm -r 200 -png -singlefile '" + pdf + "' '" + dir + "/page'");
  const std::string decoded = Shell("zbarimg --quiet --raw '" + dir + "/page.png' 2>/dev/null");
  EXPECT_EQ(decoded.rfind("https://peixun.example.gov.cn/invite/", 0), 0u) << decoded;
  EXPECT_EQ(decoded.find("192.168.1.20"), std::string::npos) << decoded;
  std::filesystem::remove_all(dir);
}

TEST_F(ClassInvitesTest, BadgesCarryTheInviteQrOnTheBackBehindTheirFront) {
  auto r =
      Send(api::Method::kPost, "/api/v1/classes/" + std::to_string(class_) + "/badges-invites.pdf",
           "{}", head_, {{"host", "10.0.0.5:8080"}});
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  EXPECT_EQ(r.body.rfind("%PDF", 0), 0u);
  const std::string dir = ::testing::TempDir() + "badge-back-" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  const std::string pdf = dir + "/badges.pdf";
  std::ofstream(pdf, std::ios::binary) << r.body;
  // Two trainees: one page of fronts, then one page of backs.
  const std::string info = Shell("pdfinfo '" + pdf + "'");
  const size_t pages_at = info.find("Pages:");
  ASSERT_NE(pages_at, std::string::npos) << info;
  EXPECT_EQ(std::stoi(info.substr(pages_at + 6)), 2) << info;
  const std::string back = Shell("pdftotext -f 2 -l 2 '" + pdf + "' - 2>/dev/null");
  EXPECT_NE(back.find("扫码登录"), std::string::npos) << back;
  const std::string name0 =
      Body(Get("/api/v1/people/" + std::to_string(person_[0]), admin_))["name"];
  std::string squeezed;
  for (char ch : back) {
    if (ch != ' ' && ch != '\n' && ch != '\f') squeezed += ch;
  }
  EXPECT_NE(squeezed.find(name0), std::string::npos) << back;

  // The front page's QR codes are the kiosk badges; the back page's are invites, and
  // each back sits behind its front: columns mirrored (the first badge, left on the
  // front, is right on the back).
  Shell("pdftoppm -r 150 -png -f 1 -l 2 '" + pdf + "' '" + dir + "/p'");
  const std::string front_codes = Shell("zbarimg --quiet --raw '" + dir + "/p-1.png' 2>/dev/null");
  EXPECT_NE(front_codes.find("/k/"), std::string::npos) << front_codes;
  EXPECT_EQ(front_codes.find("/invite/"), std::string::npos) << front_codes;
  // Each half of the back page on its own (A4 at 150 dpi: 1240 × 1754 px): which
  // links are printed on the right and which on the left.
  std::map<std::string, int> link_x;
  for (int half = 0; half < 2; ++half) {
    const std::string png = dir + "/back-" + std::to_string(half);
    Shell("pdftoppm -r 150 -f 2 -l 2 -x " + std::to_string(half * 620) +
          " -y 0 -W 620 -H 1754 -png -singlefile '" + pdf + "' '" + png + "'");
    std::string codes = Shell("zbarimg --quiet --raw '" + png + ".png' 2>/dev/null");
    for (size_t at = 0; at < codes.size();) {
      size_t end_of_line = codes.find('\n', at);
      if (end_of_line == std::string::npos) end_of_line = codes.size();
      if (end_of_line > at) link_x[codes.substr(at, end_of_line - at)] = half * 620 + 310;
      at = end_of_line + 1;
    }
  }
  // The front's first row, as laid out: which trainee's badge is on the left.
  const std::string name1 =
      Body(Get("/api/v1/people/" + std::to_string(person_[1]), admin_))["name"];
  const std::string front = Shell("pdftotext -layout -f 1 -l 1 '" + pdf + "' - 2>/dev/null");
  const size_t line_at = front.find(name0);
  ASSERT_NE(line_at, std::string::npos) << front;
  const size_t line_start = front.rfind('\n', line_at) + 1;
  const std::string line = front.substr(line_start, front.find('\n', line_at) - line_start);
  ASSERT_NE(line.find(name1), std::string::npos) << "both badges on the first row: " << line;
  const std::string left_on_front = line.find(name0) < line.find(name1) ? name0 : name1;
  // A4 at 150 dpi is 1240 px wide: the left front's back is on the right half, and each
  // decoded link signs its trainee in.
  for (const auto& [link, x] : link_x) {
    EXPECT_EQ(link.rfind("http://10.0.0.5:8080/invite/", 0), 0u) << link;
    auto login = Accept(link.substr(link.find("/invite/")));
    ASSERT_EQ(login.status, 200) << login.body;
    const std::string who = Body(login)["user"]["display_name"];
    EXPECT_EQ(x > 620, who == left_on_front) << who << " at x=" << x;
  }
  // The text links match: issuing again returns full links on the same base.
  auto issued = Send(api::Method::kPost, path_, "{}", head_, {{"host", "10.0.0.5:8080"}});
  ASSERT_EQ(issued.status, 201) << issued.body;
  const nlohmann::json reissued = Body(issued);  // kept: the loop walks inside it
  for (const auto& i : reissued["items"]) {
    EXPECT_EQ(i["link"], "http://10.0.0.5:8080" + i["url"].get<std::string>()) << i.dump();
  }
  // Liaisons may not print it; person_ids is not an option of the badges.
  Session liaison = MakeUser("inv_liaison3", Role::kLiaison, street_);
  EXPECT_EQ(Send(api::Method::kPost,
                 "/api/v1/classes/" + std::to_string(class_) + "/badges-invites.pdf", "{}", liaison)
                .status,
            403);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace peixun::test
