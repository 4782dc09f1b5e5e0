// Build-time generator of ${PEIXUN_GENERATED_DIR}/core/stroke_table_data.cc, the
// data declared in src/core/stroke_table.h (the layout is documented there).
//
//   peixun_stroke_table_gen UNIHAN_IRG_SOURCES[.bz2] RIME_STROKE_DICT OUTPUT
//
// UNIHAN_IRG_SOURCES: Unihan_IRGSources.txt(.bz2) of unicode-data, lines
//   "U+4E00<TAB>kTotalStrokes<TAB>1" (the first value is the simplified count).
// RIME_STROKE_DICT: stroke.dict.yaml of rime-data-stroke, lines
//   "<char><TAB><h|s|p|n|z ...>" (横 竖 撇 点 折). Its first part holds the CNS
//   11643 (Taiwan glyph) sequences; after the comment line that mentions
//   "Mainland China" come the sequences for mainland glyphs where they differ
//   (丁 hs rather than hz: the mainland standard counts 竖钩 as 竖).
//
// For each character the sequence is the first of: a mainland entry as long as
// the Unihan count, a CNS entry as long as the count, any mainland entry, any
// CNS entry. When Unihan has no count, the chosen sequence's length is used.
// Exits non-zero with a message on stderr if an input is missing or malformed.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr int kMaxStrokes = 99;       // name_collation.cc writes counts as two digits
constexpr uint32_t kBlockSize = 32;   // must equal stroke_table::kBlockSize
constexpr int kMaxSkippedLines = 20;  // more means the format changed

struct Candidate {
  std::string sequence;  // digits '1'..'5'
  bool mainland = false;
};

struct CharData {
  int total_strokes = 0;
  std::vector<Candidate> candidates;
  std::string chosen;
};

[[noreturn]] void Fail(const std::string& message) {
  std::cerr << "stroke_table_gen: " << message << "\n";
  std::exit(1);
}

std::string ReadFile(const std::string& path) {
  if (path.size() > 4 && path.compare(path.size() - 4, 4, ".bz2") == 0) {
    // Decompressed by bzip2(1), which scripts/install-deps.sh installs, so that
    // the build needs no libbz2 headers.
    const std::string command = "bzip2 -dc '" + path + "'";
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) Fail("cannot run: " + command);
    std::string text;
    char buffer[1 << 16];
    size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, n);
    if (pclose(pipe) != 0) Fail("failed: " + command);
    return text;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) Fail("cannot open " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Decodes the single UTF-8 character that makes up `text`, or returns 0.
char32_t SingleCodePoint(const std::string& text) {
  if (text.empty()) return 0;
  const auto b = [&](size_t i) { return static_cast<uint8_t>(text[i]); };
  size_t length = b(0) < 0x80 ? 1 : b(0) < 0xE0 ? 2 : b(0) < 0xF0 ? 3 : 4;
  if (text.size() != length) return 0;
  char32_t c = length == 1 ? b(0) : b(0) & (0x3F >> (length - 1));
  for (size_t i = 1; i < length; ++i) c = (c << 6) | (b(i) & 0x3F);
  return c;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

void ReadUnihan(const std::string& path, std::map<char32_t, CharData>* chars) {
  int found = 0;
  for (const std::string& line : Lines(ReadFile(path))) {
    if (line.rfind("U+", 0) != 0) continue;
    std::istringstream fields(line);
    std::string code, key;
    int strokes = 0;
    if (!(fields >> code >> key) || key != "kTotalStrokes") continue;
    if (!(fields >> strokes) || strokes <= 0 || strokes > kMaxStrokes) Fail("bad line: " + line);
    (*chars)[static_cast<char32_t>(std::stoul(code.substr(2), nullptr, 16))].total_strokes =
        strokes;
    ++found;
  }
  if (found < 10000) Fail(path + ": too few kTotalStrokes lines (" + std::to_string(found) + ")");
}

void ReadRime(const std::string& path, std::map<char32_t, CharData>* chars) {
  bool mainland = false;
  bool in_body = false;
  int found = 0;
  int skipped = 0;
  for (const std::string& line : Lines(ReadFile(path))) {
    if (line == "...") {
      in_body = true;
      continue;
    }
    if (!in_body || line.empty()) continue;
    if (line[0] == '#') {
      if (line.find("Mainland China") != std::string::npos) mainland = true;
      continue;
    }
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const char32_t c = SingleCodePoint(line.substr(0, tab));
    if (c == 0) continue;  // a phrase, not a character
    const size_t end = line.find('\t', tab + 1);
    const std::string keys = line.substr(tab + 1, end == std::string::npos ? end : end - tab - 1);
    std::string sequence;
    for (char k : keys) {
      static const std::string kKinds = "hspnz";
      const size_t kind = kKinds.find(k);
      if (kind == std::string::npos) {
        sequence.clear();
        break;
      }
      sequence.push_back(static_cast<char>('1' + kind));
    }
    if (sequence.empty() || sequence.size() > kMaxStrokes) {
      // The upstream table has a few typos (𠭟 "pznnn6zznzn"); such lines are skipped.
      std::cerr << "stroke_table_gen: warning: skipped malformed line: " << line << "\n";
      if (++skipped > kMaxSkippedLines) Fail("too many malformed lines in " + path);
      continue;
    }
    (*chars)[c].candidates.push_back({sequence, mainland});
    ++found;
  }
  if (found < 10000) Fail(path + ": too few stroke lines (" + std::to_string(found) + ")");
  if (!mainland) std::cerr << "stroke_table_gen: warning: no mainland section in " << path << "\n";
}

void Choose(CharData* data) {
  const auto pick = [&](bool mainland, bool exact) {
    for (const Candidate& c : data->candidates) {
      if (c.mainland != mainland) continue;
      if (exact && static_cast<int>(c.sequence.size()) != data->total_strokes) continue;
      data->chosen = c.sequence;
      return true;
    }
    return false;
  };
  if (!pick(true, true) && !pick(false, true) && !pick(true, false)) pick(false, false);
  if (data->total_strokes == 0) data->total_strokes = static_cast<int>(data->chosen.size());
}

std::string Pack(const std::string& sequence) {
  std::string packed;
  for (size_t i = 0; i < sequence.size(); i += 2) {
    const int first = sequence[i] - '0';
    const int second = i + 1 < sequence.size() ? sequence[i + 1] - '0' : 0;
    packed.push_back(static_cast<char>('a' + (first - 1) * 6 + second));
  }
  return packed;
}

template <typename T>
void WriteArray(std::ostream& out, const char* declaration, const std::vector<T>& values) {
  out << declaration << " = {";
  for (size_t i = 0; i < values.size(); ++i) {
    out << (i % 24 == 0 ? "\n    " : " ") << static_cast<uint64_t>(values[i]) << ",";
  }
  out << "\n};\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) Fail("usage: stroke_table_gen UNIHAN_IRG_SOURCES RIME_STROKE_DICT OUTPUT");
  std::map<char32_t, CharData> chars;
  ReadUnihan(argv[1], &chars);
  ReadRime(argv[2], &chars);

  std::vector<std::pair<char32_t, uint32_t>> runs;
  std::vector<uint8_t> totals, lengths;
  std::vector<uint32_t> block_offsets;
  std::string pool;
  char32_t previous = 0;
  for (auto& [c, data] : chars) {
    Choose(&data);
    const uint32_t index = static_cast<uint32_t>(totals.size());
    if (runs.empty() || c != previous + 1) runs.emplace_back(c, index);
    previous = c;
    if (index % kBlockSize == 0) block_offsets.push_back(static_cast<uint32_t>(pool.size()));
    totals.push_back(static_cast<uint8_t>(data.total_strokes));
    lengths.push_back(static_cast<uint8_t>(data.chosen.size()));
    pool += Pack(data.chosen);
  }

  const std::string output = argv[3];
  const std::string temporary = output + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary);
    if (!out) Fail("cannot write " + temporary);
    out << "// Generated by peixun_stroke_table_gen from " << argv[1] << " and " << argv[2]
        << ".\n// Do not edit; see src/core/stroke_table.h.\n"
        << "#include \"core/stroke_table.h\"\n\n"
        << "namespace peixun::core::stroke_table {\n\n"
        << "const uint32_t kEntryCount = " << totals.size() << ";\n"
        << "const uint32_t kRunCount = " << runs.size() + 1 << ";\n"
        << "const Run kRuns[] = {";
    for (size_t i = 0; i < runs.size(); ++i) {
      out << (i % 4 == 0 ? "\n    " : " ") << "{0x" << std::hex
          << static_cast<uint32_t>(runs[i].first) << std::dec << ", " << runs[i].second << "},";
    }
    out << "\n    {0x110000, " << totals.size() << "},\n};\n";
    WriteArray(out, "const uint8_t kTotalStrokes[]", totals);
    WriteArray(out, "const uint8_t kSequenceLengths[]", lengths);
    WriteArray(out, "const uint32_t kBlockOffsets[]", block_offsets);
    out << "const char kSequencePool[] =";
    constexpr size_t kPoolLine = 96;
    for (size_t i = 0; i < pool.size(); i += kPoolLine) {
      out << "\n    \"" << pool.substr(i, kPoolLine) << "\"";
    }
    out << ";\n\n}  // namespace peixun::core::stroke_table\n";
    if (!out) Fail("cannot write " + temporary);
  }
  if (std::rename(temporary.c_str(), output.c_str()) != 0) Fail("cannot rename to " + output);
  return 0;
}
