#include "core/text_similarity.h"

#include <algorithm>
#include <unordered_set>

#include <unicode/uchar.h>

#include "core/utf8.h"

namespace peixun::core {
namespace {

uint64_t HashShingle(const char32_t* begin) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a 64, over the code points' 4 bytes
  for (size_t i = 0; i < kShingleLength; ++i) {
    uint32_t c = static_cast<uint32_t>(begin[i]);
    for (int b = 0; b < 4; ++b) {
      h ^= (c >> (8 * b)) & 0xFF;
      h *= 1099511628211ULL;
    }
  }
  return h;
}

std::vector<uint64_t> HashesInOrder(const std::u32string& norm) {
  std::vector<uint64_t> out;
  if (norm.size() < kShingleLength) return out;
  out.reserve(norm.size() - kShingleLength + 1);
  for (size_t i = 0; i + kShingleLength <= norm.size(); ++i) out.push_back(HashShingle(&norm[i]));
  return out;
}

}  // namespace

std::u32string NormalizeForShingles(std::string_view utf8_text) {
  std::u32string out;
  for (char32_t c : DecodeUtf8(utf8_text)) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII → half-width
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if (!u_isalnum(static_cast<UChar32>(c))) continue;
    out.push_back(c);
  }
  return out;
}

std::vector<uint64_t> ShingleSet(std::string_view utf8_text) {
  std::vector<uint64_t> set = HashesInOrder(NormalizeForShingles(utf8_text));
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  return set;
}

double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() && b.empty()) return 0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  size_t uni = a.size() + b.size() - common;
  return static_cast<double>(common) / static_cast<double>(uni);
}

std::vector<SharedPassage> SharedPassages(std::string_view a, std::string_view b) {
  std::u32string na = NormalizeForShingles(a);
  std::vector<uint64_t> b_hashes = HashesInOrder(NormalizeForShingles(b));
  std::unordered_set<uint64_t> in_b(b_hashes.begin(), b_hashes.end());
  std::vector<uint64_t> a_hashes = HashesInOrder(na);

  std::vector<bool> covered(na.size(), false);
  for (size_t i = 0; i < a_hashes.size(); ++i) {
    if (!in_b.count(a_hashes[i])) continue;
    for (size_t k = 0; k < kShingleLength; ++k) covered[i + k] = true;
  }
  std::vector<SharedPassage> out;
  size_t i = 0;
  while (i < na.size()) {
    if (!covered[i]) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < na.size() && covered[i]) ++i;
    out.push_back(SharedPassage{start, i - start, EncodeUtf8(na.substr(start, i - start))});
  }
  return out;
}

std::vector<SimilarPair> SimilarPairs(const std::vector<SimilarityDocument>& docs,
                                      double threshold) {
  std::vector<std::vector<uint64_t>> sets;
  sets.reserve(docs.size());
  for (const auto& d : docs) sets.push_back(ShingleSet(d.text));
  std::vector<SimilarPair> out;
  for (size_t i = 0; i < docs.size(); ++i) {
    for (size_t j = i + 1; j < docs.size(); ++j) {
      double s = Jaccard(sets[i], sets[j]);
      if (s < threshold) continue;
      int64_t x = docs[i].id, y = docs[j].id;
      out.push_back(SimilarPair{std::min(x, y), std::max(x, y), s});
    }
  }
  std::sort(out.begin(), out.end(), [](const SimilarPair& l, const SimilarPair& r) {
    if (l.jaccard != r.jaccard) return l.jaccard > r.jaccard;
    if (l.a_id != r.a_id) return l.a_id < r.a_id;
    return l.b_id < r.b_id;
  });
  return out;
}

}  // namespace peixun::core
