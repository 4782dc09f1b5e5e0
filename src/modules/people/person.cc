#include "modules/people/person.h"

namespace peixun::people {

std::string RankLabel(Rank rank) {
  switch (rank) {
    case Rank::kTownshipAndBelow:
      return "乡科级及以下";
    case Rank::kCountyAndAbove:
      return "县处级及以上";
    default:
      return "";
  }
}

std::string RankCode(Rank rank) {
  switch (rank) {
    case Rank::kTownshipAndBelow:
      return "township";
    case Rank::kCountyAndAbove:
      return "county";
    default:
      return "";
  }
}

std::optional<Rank> ParseRank(const std::string& text) {
  if (text.empty()) return Rank::kUnset;
  for (const char* t : {"乡科级及以下", "乡科级", "科级", "township"})
    if (text == t) return Rank::kTownshipAndBelow;
  for (const char* t : {"县处级及以上", "县处级", "处级", "county"})
    if (text == t) return Rank::kCountyAndAbove;
  return std::nullopt;
}

}  // namespace peixun::people
