// Reflection papers (心得体会) through the real API: typed and uploaded papers
// (docx read for its text, type checked by content), the deadline and late
// papers, grading, similar pairs with shared passages, the 汇编 PDF in 姓氏笔画
// order, and the bad files of issue 12 (a ".pdf" that is a zip, 50 MB, a docx
// zip bomb), each refused with its code and field and nothing stored.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/name_collation.h"
#include "enrollment_fixture.h"

namespace peixun::test {
namespace {

using nlohmann::json;

// Runs python3 (zipfile) to build a .docx whose document part holds
// `paragraphs`, padded with `padding` spaces inside the last run (a zip bomb when
// large: spaces deflate about 1000 to 1).
std::string MakeDocx(const std::vector<std::string>& paragraphs, size_t padding = 0) {
  char path[] = "/tmp/peixun-docx-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return "";
  close(fd);
  char list[] = "/tmp/peixun-docx-paras-XXXXXX";
  const int lfd = mkstemp(list);
  if (lfd < 0) return "";
  close(lfd);
  {
    std::ofstream out(list, std::ios::binary);
    for (const auto& p : paragraphs) out << p << "\n";
  }
  const std::string script =
      "import sys, zipfile\n"
      "paras = open(sys.argv[2], encoding='utf-8').read().splitlines()\n"
      "pad = int(sys.argv[3])\n"
      "body = ''.join('<w:p><w:r><w:t>%s</w:t></w:r></w:p>' % p for p in paras)\n"
      "doc = ('<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://"
      "schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>' + body + "
      "'<w:p><w:r><w:t xml:space=\"preserve\">' + ' ' * pad + '</w:t></w:r></w:p>"
      "</w:body></w:document>')\n"
      "with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:\n"
      "  z.writestr('[Content_Types].xml', '<?xml version=\"1.0\"?><Types/>')\n"
      "  z.writestr('word/document.xml', doc)\n";
  char py[] = "/tmp/peixun-docx-py-XXXXXX";
  const int pfd = mkstemp(py);
  if (pfd < 0) return "";
  close(pfd);
  {
    std::ofstream out(py);
    out << script;
  }
  const std::string cmd =
      "python3 " + std::string(py) + " " + path + " " + list + " " + std::to_string(padding);
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::remove(path);
  std::remove(list);
  std::remove(py);
  return bytes.str();
}

class ReflectionTest : public TrainingTest {
 protected:
  void SetUp() override {
    TrainingTest::SetUp();
    class_id_ = MakeClass(40);
    QuotaForDistrict(class_id_, 40);
    trainees_ = DemoTrainees(4);
    for (const char* name : {"买买提·艾力", "刘䶮"}) {
      people::Person p = PersonNamed(name);
      if (std::none_of(trainees_.begin(), trainees_.end(),
                       [&](const people::Person& t) { return t.id == p.id; })) {
        trainees_.push_back(p);
      }
    }
    EnrollApproved(class_id_, trainees_);
  }

  std::string ClassPath(const std::string& rest) const {
    return "/api/v1/classes/" + std::to_string(class_id_) + rest;
  }

  Session TraineeSession(size_t i) {
    return MakeUser("paper" + std::to_string(i), Role::kTrainee, {}, trainees_[i].id);
  }

  void Require(const std::string& deadline, const std::string& grading = "mark") {
    auto r = Put(ClassPath("/reflection"), {{"deadline", deadline}, {"grading", grading}}, admin_);
    ASSERT_EQ(r.status, 200) << r.body;
  }

  api::Response Upload(const std::string& file_name, const std::string& bytes, const Session& as) {
    return Send(api::Method::kPost, ClassPath("/reflections?filename=" + file_name), bytes, as,
                {{"content-type", "application/octet-stream"}});
  }

  int64_t class_id_ = 0;
  std::vector<people::Person> trainees_;
};

TEST_F(ReflectionTest, TypedAndUploadedPapersLateGradedAndCompiledInStrokeOrder) {
  Session t0 = TraineeSession(0);
  // No requirement yet: nothing to hand in.
  auto early = Post(ClassPath("/reflections"), {{"text", "心得"}}, t0);
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(ErrorCode(early), "reflection.not_required");

  Require("2099-12-31T18:00");
  auto typed = Post(ClassPath("/reflections"), {{"text", "认认真真学，扎扎实实开展讨论。"}}, t0);
  ASSERT_EQ(typed.status, 201) << typed.body;
  EXPECT_EQ(Body(typed)["source"], "typed");
  EXPECT_EQ(Body(typed)["late"], false);

  Session t1 = TraineeSession(1);
  auto txt = Upload("心得.txt", "学习是终身的。\n不缺席、不迟到。", t1);
  ASSERT_EQ(txt.status, 201) << txt.body;
  EXPECT_EQ(Body(txt)["source"], "txt");
  EXPECT_EQ(Body(txt)["text"], "学习是终身的。\n不缺席、不迟到。");

  Session t2 = TraineeSession(2);
  auto docx =
      Upload("心得体会.DOCX", MakeDocx({"第一段：争做学习的模范。", "第二段：守纪的模范。"}), t2);
  ASSERT_EQ(docx.status, 201) << docx.body;
  EXPECT_EQ(Body(docx)["source"], "docx");
  const std::string docx_text = Body(docx)["text"];
  EXPECT_NE(docx_text.find("第一段：争做学习的模范。\n第二段：守纪的模范。"), std::string::npos)
      << docx_text;

  Session t3 = TraineeSession(3);
  auto pdf = Upload("paper.pdf", "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", t3);
  ASSERT_EQ(pdf.status, 201) << pdf.body;
  EXPECT_EQ(Body(pdf)["source"], "pdf");

  // The deadline passes (the server's clock decides): the next paper is late.
  Require("2020-06-04T18:00");
  Session t4 = TraineeSession(4);
  auto late = Post(ClassPath("/reflections"), {{"text", "买买提·艾力的心得：学习是终身的。"}}, t4);
  ASSERT_EQ(late.status, 201) << late.body;
  EXPECT_EQ(Body(late)["late"], true);
  EXPECT_EQ(Body(late)["person_name"], trainees_[4].name);
  Session t5 = TraineeSession(5);
  ASSERT_EQ(Post(ClassPath("/reflections"), {{"text", "刘䶮：守纪的模范。"}}, t5).status, 201);

  // Grading by mark: 0..100 only; a graded paper no longer changes.
  const int64_t first = Body(typed)["id"];
  auto bad_mark =
      Post("/api/v1/reflections/" + std::to_string(first) + "/grade", {{"mark", 101}}, admin_);
  EXPECT_EQ(bad_mark.status, 422);
  EXPECT_EQ(ErrorCode(bad_mark), "reflection.grade.mark");
  EXPECT_EQ(Body(bad_mark)["error"]["field"], "mark");
  auto graded = Post("/api/v1/reflections/" + std::to_string(first) + "/grade",
                     {{"mark", 88}, {"comment", "联系实际，很好"}}, admin_);
  ASSERT_EQ(graded.status, 200) << graded.body;
  EXPECT_EQ(Body(graded)["mark"], 88);
  auto again = Post(ClassPath("/reflections"), {{"text", "改一改"}}, t0);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(ErrorCode(again), "reflection.graded");

  // The trainee reads their own paper and nobody else's.
  EXPECT_EQ(Get("/api/v1/reflections/" + std::to_string(first), t0).status, 200);
  EXPECT_EQ(Get("/api/v1/reflections/" + std::to_string(first), t1).status, 404);
  EXPECT_EQ(Body(Get(ClassPath("/reflections/mine"), t1))["source"], "txt");

  // The list: every paper (stroke order), nobody missing.
  json list = Body(Get(ClassPath("/reflections"), admin_));
  ASSERT_EQ(list["papers"].size(), trainees_.size()) << list.dump();
  EXPECT_TRUE(list["missing"].empty());
  std::vector<std::string> names;
  for (const auto& p : list["papers"]) names.push_back(p["person_name"]);
  std::vector<std::string> keys;
  for (const auto& n : names) keys.push_back(core::StrokeSortKey(n));
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));

  // The 汇编: every name, in the list's order, rare characters and middle dots intact.
  auto book = Get(ClassPath("/reflections.pdf"), admin_);
  ASSERT_EQ(book.status, 200) << book.body.substr(0, 300);
  const std::string text = PdfText(book.body);
  EXPECT_NE(text.find("心得体会汇编"), std::string::npos);
  EXPECT_NE(text.find("买买提·艾力"), std::string::npos) << text;
  EXPECT_NE(text.find("刘䶮"), std::string::npos) << text;
  EXPECT_NE(text.find("逾期提交"), std::string::npos);
  size_t at = 0;
  for (const auto& n : names) {
    const size_t found = text.find(n, at);
    ASSERT_NE(found, std::string::npos) << n << " out of order";
    at = found + n.size();
  }
}

TEST_F(ReflectionTest, BadFilesAreRefusedWithCodeAndFieldAndNothingStored) {
  Require("2099-12-31T18:00");
  Session t = TraineeSession(0);
  const std::string zip = MakeDocx({"这其实是一个 zip"});

  auto claims_pdf = Upload("心得.pdf", zip, t);
  EXPECT_EQ(claims_pdf.status, 422);
  EXPECT_EQ(ErrorCode(claims_pdf), "reflection.file.mismatch");
  EXPECT_EQ(Body(claims_pdf)["error"]["field"], "file");

  auto huge = Upload("心得.txt", std::string(50u * 1024 * 1024, 'a'), t);
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(ErrorCode(huge), "reflection.file.too_large");
  EXPECT_EQ(Body(huge)["error"]["field"], "file");

  // 64 MB of spaces deflate to well under the 10 MB upload limit.
  const std::string bomb = MakeDocx({"炸弹"}, 64u * 1024 * 1024);
  ASSERT_LT(bomb.size(), 10u * 1024 * 1024);
  auto bombed = Upload("心得.docx", bomb, t);
  EXPECT_EQ(bombed.status, 413);
  EXPECT_EQ(ErrorCode(bombed), "reflection.file.inflated");
  EXPECT_EQ(Body(bombed)["error"]["field"], "file");

  for (const std::string name :
       {"../../etc/passwd.txt", "/etc/passwd.txt", "..%5Cx.txt", "a%2Fb.txt", ""}) {
    auto r = Upload(name, "心得", t);
    EXPECT_EQ(r.status, 400) << name;
    EXPECT_EQ(ErrorCode(r), "request.filename") << name;
    EXPECT_EQ(Body(r)["error"]["field"], "filename") << name;
  }
  auto exe = Upload("setup.exe", "MZ\x90", t);
  EXPECT_EQ(exe.status, 422);
  EXPECT_EQ(ErrorCode(exe), "reflection.file.type");
  auto not_word = Upload("心得.docx", "plain text", t);
  EXPECT_EQ(ErrorCode(not_word), "reflection.file.mismatch");
  auto empty = Post(ClassPath("/reflections"), {{"text", "   "}}, t);
  EXPECT_EQ(empty.status, 422);
  EXPECT_EQ(Body(empty)["error"]["field"], "text");

  json list = Body(Get(ClassPath("/reflections"), admin_));
  EXPECT_TRUE(list["papers"].empty()) << list.dump();
  EXPECT_EQ(list["missing"].size(), trainees_.size());
  // Only class staff read the list; only trainees hand in.
  EXPECT_EQ(Get(ClassPath("/reflections"), t).status, 403);
  EXPECT_EQ(Post(ClassPath("/reflections"), {{"text", "x"}}, admin_).status, 403);
}

TEST_F(ReflectionTest, NearCopiesStandOutWithTheirSharedPassages) {
  Require("2099-12-31T18:00", "pass_fail");
  const std::string original =
      "通过这次培训，我深刻认识到基层党组织书记肩负的责任。课堂上老师讲授的管理沟通艺术，"
      "让我明白了做群众工作要用心用情。现场教学中，示范点的经验做法给了我很多启发，"
      "回去以后我要把学到的方法用到社区治理中去。";
  const std::string copy =
      "通过这次培训，我深刻认识到基层党组织书记肩负的责任。课堂上老师讲授的管理沟通艺术，"
      "让我明白了做群众工作要用心用情。分组讨论时大家畅所欲言，"
      "回去以后我要把学到的方法用到社区治理中去。";
  const std::string other =
      "五天的学习紧张而充实，专题讲座内容丰富，我收获很大，今后将继续加强理论学习。";
  ASSERT_EQ(Post(ClassPath("/reflections"), {{"text", original}}, TraineeSession(0)).status, 201);
  ASSERT_EQ(Post(ClassPath("/reflections"), {{"text", copy}}, TraineeSession(1)).status, 201);
  ASSERT_EQ(Post(ClassPath("/reflections"), {{"text", other}}, TraineeSession(2)).status, 201);

  auto r = Get(ClassPath("/reflections/similar"), admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  json pairs = Body(r);
  ASSERT_EQ(pairs.size(), 1u) << pairs.dump();
  std::set<std::string> who = {pairs[0]["a"]["person_name"], pairs[0]["b"]["person_name"]};
  EXPECT_EQ(who, (std::set<std::string>{trainees_[0].name, trainees_[1].name}));
  EXPECT_GT(pairs[0]["similarity"].get<double>(), 0.5);
  EXPECT_LT(pairs[0]["similarity"].get<double>(), 1.0);
  std::string shared;
  for (const auto& p : pairs[0]["shared"]) shared += p["text"].get<std::string>() + "|";
  EXPECT_NE(shared.find("回去以后我要把学到的方法用到社区治理中去"), std::string::npos) << shared;
  EXPECT_EQ(shared.find("示范点"), std::string::npos) << shared;  // not in the copy
  EXPECT_FALSE(pairs[0]["a"].contains("text"));

  EXPECT_EQ(Body(Get(ClassPath("/reflections/similar?threshold=0.05"), admin_)).size(), 1u);
  auto bad = Get(ClassPath("/reflections/similar?threshold=2"), admin_);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(Body(bad)["error"]["field"], "threshold");

  // Pass/fail grading wants `passed`.
  const int64_t id = Body(Get(ClassPath("/reflections"), admin_))["papers"][0]["id"];
  auto no_verdict =
      Post("/api/v1/reflections/" + std::to_string(id) + "/grade", {{"mark", 90}}, admin_);
  EXPECT_EQ(ErrorCode(no_verdict), "reflection.grade.passed");
  auto passed = Post("/api/v1/reflections/" + std::to_string(id) + "/grade",
                     {{"passed", true}, {"comment", "合格"}}, admin_);
  ASSERT_EQ(passed.status, 200) << passed.body;
  EXPECT_EQ(Body(passed)["passed"], true);
}

}  // namespace
}  // namespace peixun::test
