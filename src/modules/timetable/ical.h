// iCalendar (RFC 5545) output for a trainee's timetable feed: a VCALENDAR of
// VEVENTs with times in UTC ("Z"), text escaped, CRLF line endings and lines
// folded at 75 octets without splitting a UTF-8 character.
//
// Pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace peixun::timetable {

// Longest content line, in octets, before the CRLF (RFC 5545 §3.1).
inline constexpr size_t kIcalLineOctets = 75;

struct IcalEvent {
  std::string uid;       // globally unique and stable: "session-12@peixun"
  int64_t stamp_ms = 0;  // DTSTAMP: when this version of the event was made
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  std::string summary;
  std::string location;     // omitted when empty
  std::string description;  // omitted when empty
};

struct IcalCalendar {
  std::string name;  // X-WR-CALNAME, omitted when empty
  std::vector<IcalEvent> events;
};

// TEXT value escaping (§3.3.11): backslash, semicolon and comma get a backslash;
// a line break (CRLF, LF or CR) becomes "\n".
std::string IcalEscapeText(std::string_view text);

// One content line (without line break) folded per §3.1: each physical line holds
// at most kIcalLineOctets octets, continuation lines begin with one space (which
// counts), breaks fall between UTF-8 characters; every line ends with CRLF.
std::string IcalFoldLine(std::string_view line);

// "20200602T003000Z": the UTC instant, seconds included.
std::string IcalUtcTime(int64_t utc_ms);

// The whole calendar: BEGIN:VCALENDAR, VERSION:2.0, PRODID, CALSCALE, METHOD:PUBLISH,
// then one VEVENT per event in the given order, END:VCALENDAR.
std::string WriteIcal(const IcalCalendar& calendar);

}  // namespace peixun::timetable
