#include "modules/timetable/class_session.h"

#include <array>

namespace peixun::timetable {
namespace {

struct KindName {
  SessionKind kind;
  std::string_view code;
  std::string_view label;
};

constexpr std::array<KindName, 6> kKinds = {{
    {SessionKind::kCeremony, "ceremony", "仪式"},
    {SessionKind::kLecture, "lecture", "专题讲座"},
    {SessionKind::kOnsite, "onsite", "现场教学"},
    {SessionKind::kDiscussion, "discussion", "分组讨论"},
    {SessionKind::kExam, "exam", "考试"},
    {SessionKind::kSelfStudy, "self_study", "自学"},
}};

}  // namespace

std::string_view SessionKindCode(SessionKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.code;
  }
  return "lecture";
}

std::string_view SessionKindLabel(SessionKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.label;
  }
  return "";
}

std::optional<SessionKind> ParseSessionKind(std::string_view code) {
  for (const auto& k : kKinds) {
    if (k.code == code || k.label == code) return k.kind;
  }
  return std::nullopt;
}

std::vector<int64_t> ClassSession::SiteIds() const {
  std::vector<int64_t> ids;
  for (const auto& s : sites) ids.push_back(s.id);
  return ids;
}

}  // namespace peixun::timetable
