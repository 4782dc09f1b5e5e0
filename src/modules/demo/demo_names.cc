#include "modules/demo/demo_names.h"

#include <array>
#include <string_view>

namespace peixun::demo {
namespace {

constexpr std::array<std::string_view, 60> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
    "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
    "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾",
    "丁", "魏", "薛", "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "那"};
constexpr std::array<std::string_view, 4> kCompoundSurnames = {"欧阳", "司马", "上官", "诸葛"};
constexpr std::array<std::string_view, 40> kMaleChars = {
    "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏",
    "华", "飞", "斌", "波", "宁", "建", "国", "志", "文", "海", "东", "林", "峰", "庆",
    "俊", "晨", "凯", "宏", "振", "德", "立", "泽", "浩", "博", "远", "成"};
constexpr std::array<std::string_view, 40> kFemaleChars = {
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "桂", "英", "慧", "萍",
    "红", "梅", "琳", "雪", "倩", "婷", "佳", "颖", "晓", "岚", "露", "瑶", "琴", "云",
    "洁", "欣", "悦", "月", "春", "秀", "兰", "凤", "蓉", "薇", "彤", "琪"};

}  // namespace

std::string DemoName(DemoRandom& rng, bool male) {
  std::string name;
  if (rng.Below(25) == 0) {
    name = kCompoundSurnames[rng.Below(kCompoundSurnames.size())];
  } else {
    name = kSurnames[rng.Below(kSurnames.size())];
  }
  const auto& chars = male ? kMaleChars : kFemaleChars;
  name += chars[rng.Below(chars.size())];
  if (rng.Below(3) != 0) name += chars[rng.Below(chars.size())];
  return name;
}

}  // namespace peixun::demo
