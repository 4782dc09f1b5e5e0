// JSON forms of reflection papers for the API, and their OpenAPI schemas.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "modules/reflection/reflection_paper.h"

namespace peixun::reflection {

nlohmann::json RequirementToJson(const std::optional<Requirement>& r);
// `text` only when the paper was read with it.
nlohmann::json PaperToJson(const Paper& p);
nlohmann::json PaperListToJson(const PaperList& l);
nlohmann::json SimilarPairsToJson(const std::vector<SimilarPaperPair>& pairs);

nlohmann::json RequirementSchema();
nlohmann::json PaperSchema();
nlohmann::json PaperListSchema();
nlohmann::json SimilarPairsSchema();

}  // namespace peixun::reflection
