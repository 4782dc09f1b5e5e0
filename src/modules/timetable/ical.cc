#include "modules/timetable/ical.h"

#include <cstdio>

#include "core/civil_date.h"
#include "core/local_time.h"

namespace peixun::timetable {
namespace {

constexpr char kCrlf[] = "\r\n";

bool IsContinuationByte(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::string IcalEscapeText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string IcalFoldLine(std::string_view line) {
  std::string out;
  size_t pos = 0;
  size_t budget = kIcalLineOctets;  // octets allowed on the current physical line
  while (line.size() - pos > budget) {
    size_t cut = pos + budget;
    // Back up to the start of the character that would be split.
    while (cut > pos && IsContinuationByte(static_cast<unsigned char>(line[cut]))) --cut;
    if (cut == pos) cut = pos + budget;  // not UTF-8: cut anyway rather than loop
    out.append(line.substr(pos, cut - pos));
    out += kCrlf;
    out += ' ';
    pos = cut;
    budget = kIcalLineOctets - 1;  // the leading space counts
  }
  out.append(line.substr(pos));
  out += kCrlf;
  return out;
}

std::string IcalUtcTime(int64_t utc_ms) {
  const int64_t day = core::LocalDay(utc_ms, 0);
  const int64_t ms_of_day = utc_ms - day * core::kDayMs;
  const core::CivilDate date = core::CivilDateFromDays(day);
  const int64_t seconds = ms_of_day / 1000;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02dZ", date.year, date.month, date.day,
                static_cast<int>(seconds / 3600), static_cast<int>(seconds / 60 % 60),
                static_cast<int>(seconds % 60));
  return buf;
}

std::string WriteIcal(const IcalCalendar& calendar) {
  std::string out;
  auto line = [&](const std::string& text) { out += IcalFoldLine(text); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//peixun//timetable//ZH");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  if (!calendar.name.empty()) line("X-WR-CALNAME:" + IcalEscapeText(calendar.name));
  for (const IcalEvent& e : calendar.events) {
    line("BEGIN:VEVENT");
    line("UID:" + e.uid);
    line("DTSTAMP:" + IcalUtcTime(e.stamp_ms));
    line("DTSTART:" + IcalUtcTime(e.start_ms));
    line("DTEND:" + IcalUtcTime(e.end_ms));
    line("SUMMARY:" + IcalEscapeText(e.summary));
    if (!e.location.empty()) line("LOCATION:" + IcalEscapeText(e.location));
    if (!e.description.empty()) line("DESCRIPTION:" + IcalEscapeText(e.description));
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

}  // namespace peixun::timetable
