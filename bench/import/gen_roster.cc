// Writes a synthetic roster for the import benchmark: orgs.csv (a district, 20
// streets, 400 communities) and people.csv with N people, valid and unique ID
// numbers, phones, and the hard names (䶮, 𠮷, 欧阳, 买买提·艾力) among them.
//
//   peixun_gen_roster OUT_DIR N
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "core/id_number.h"

namespace {

const char* kSurnames[] = {"王", "李", "张",   "刘",   "陈", "杨", "赵", "黄", "周",
                           "吴", "徐", "孙",   "胡",   "朱", "高", "林", "何", "郭",
                           "马", "罗", "欧阳", "司马", "𠮷", "那", "阿"};
const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇",
                        "艳", "杰", "涛", "明", "超", "秀", "霞", "平", "刚", "䶮"};

std::string Pad(long v, int width) {
  std::string s = std::to_string(v);
  return std::string(width > static_cast<int>(s.size()) ? width - s.size() : 0, '0') + s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s OUT_DIR N\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  const long n = std::atol(argv[2]);
  std::ofstream orgs(dir + "/orgs.csv");
  orgs << "单位名称,上级单位,单位类型\n×区,,区\n";
  for (int s = 0; s < 20; ++s) {
    orgs << "第" << s + 1 << "街道办事处,×区,街道\n";
    for (int c = 0; c < 20; ++c) {
      orgs << "第" << s + 1 << "街道第" << c + 1 << "社区,第" << s + 1 << "街道办事处,社区\n";
    }
  }
  std::ofstream people(dir + "/people.csv");
  people << "姓名,性别,民族,单位,职务,手机号,身份证号\n";
  for (long i = 0; i < n; ++i) {
    std::string name;
    if (i % 1000 == 7) {
      name = "买买提·艾力" + std::to_string(i);
    } else {
      name = std::string(kSurnames[i % 25]) + kGiven[(i / 25) % 20] + kGiven[(i / 500) % 20];
    }
    // Unique ID numbers: spread over birth dates and sequence numbers.
    const long day = i / 998;
    const int year = 1960 + static_cast<int>(day / 336) % 40;
    const int month = 1 + static_cast<int>(day / 28) % 12;
    const int mday = 1 + static_cast<int>(day % 28);
    const long seq = 1 + i % 998;
    std::string first17 = "370102" + Pad(year, 4) + Pad(month, 2) + Pad(mday, 2) + Pad(seq, 3);
    std::string id = first17 + peixun::core::IdNumberCheckCharacter(first17);
    const bool male = seq % 2 == 1;
    people << name << ',' << (male ? "男" : "女") << ",汉族,第" << (i % 20) + 1 << "街道第"
           << (i / 20) % 20 + 1 << "社区,书记,1" << Pad(3800000000L + i, 10) << ',' << id << '\n';
  }
  std::printf("wrote %s/orgs.csv and %s/people.csv (%ld people)\n", dir.c_str(), dir.c_str(), n);
  return 0;
}
