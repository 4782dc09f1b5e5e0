// Similarity of reflection papers (心得体会): a hint, for the head teacher, that
// one paper copies another. Texts are normalized (NormalizeForShingles), cut into
// overlapping k-character shingles (k = kShingleLength code points), and compared
// by exact Jaccard similarity |A ∩ B| / |A ∪ B| of their shingle sets. Exact
// Jaccard over sorted 64-bit shingle hashes costs O(n² · m) for n papers of m
// characters: a class of 300 papers of 3,000 characters is ~45,000 pairs of
// sorted merges, well under a second, so no MinHash estimate is needed.
//
// Pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace peixun::core {

inline constexpr size_t kShingleLength = 5;

// The text the shingles are cut from: letters and digits only (Han characters
// included), full-width ASCII folded to half-width, ASCII letters lower-cased;
// spaces, line breaks and punctuation dropped, so re-wrapping or re-punctuating a
// copied paragraph does not hide it.
std::u32string NormalizeForShingles(std::string_view utf8_text);

// The distinct shingle hashes of `utf8_text`, ascending. A text whose
// normalized form is shorter than kShingleLength has none.
std::vector<uint64_t> ShingleSet(std::string_view utf8_text);

// |a ∩ b| / |a ∪ b| of two ascending, distinct sets; 0 when both are empty.
double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

// A run of `a`'s normalized text (NormalizeForShingles) covered by shingles
// that occur in `b` too: what to highlight. `start` and `length` count code
// points of the normalized text; `text` is that run in UTF-8.
struct SharedPassage {
  size_t start = 0;
  size_t length = 0;
  std::string text;
};

// The maximal shared runs of `a` with `b`, in the order they appear in `a`;
// each is at least kShingleLength characters long.
std::vector<SharedPassage> SharedPassages(std::string_view a, std::string_view b);

struct SimilarityDocument {
  int64_t id = 0;
  std::string text;
};

struct SimilarPair {
  int64_t a_id = 0;  // the smaller id of the two
  int64_t b_id = 0;
  double jaccard = 0;
};

// Every pair of `docs` whose Jaccard similarity is at least `threshold`, most
// similar first (ties by a_id, then b_id).
std::vector<SimilarPair> SimilarPairs(const std::vector<SimilarityDocument>& docs,
                                      double threshold);

}  // namespace peixun::core
