// libFuzzer target: strict JSON request bodies (api::JsonInput): parse, then read
// the fields as a typical route does, each with every typed reader, and Finish.
#include <cstddef>
#include <cstdint>
#include <string>

#include "api/json_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace peixun::api;
  const std::string body(reinterpret_cast<const char*>(data), size);
  auto parsed = JsonInput::Parse(body);
  if (!parsed.ok()) return 0;
  JsonInput in = std::move(*parsed);
  (void)in.Str("name", kRequired, 100);
  (void)in.OptInt("class_id");
  (void)in.OptNumber("score", kOptional, 0, 100);
  (void)in.Bool("dry_run");
  (void)in.StrList("tags", 10, 20);
  (void)in.IdList("ids", 100);
  (void)in.Take("rules");
  (void)in.Finish();
  // The same body read with every reader on one field each way round.
  auto again = JsonInput::Parse(body);
  if (again.ok()) {
    for (const char* f : {"a", "b", "name", "ids"}) {
      (void)again->IdList(f);
      (void)again->OptNumber(f);
      (void)again->OptInt(f);
      (void)again->Str(f);
    }
    (void)again->Finish();
  }
  (void)ParseId(body, "id");
  return 0;
}
