#include "app/summary_routes.h"

#include <string>

#include "api/openapi.h"
#include "api/route_helpers.h"

namespace peixun::app {
namespace {

const api::Access kClassStaff =
    api::Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher});

constexpr char kDocxType[] =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

nlohmann::json FileDoc(const std::string& summary, const std::string& media) {
  return {{"summary", summary},
          {"tags", {"completion"}},
          {"responses", {{"200", api::FileResponseDoc("the file", media)}}}};
}

}  // namespace

void RegisterSummaryRoutes(api::Router& router, std::shared_ptr<ClassSummaryService> service) {
  router.Get("/api/v1/classes/{id}/summary.pdf", kClassStaff,
             FileDoc("培训总结（PDF，结业评定后生成）", "application/pdf"),
             [service](api::Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(std::string pdf, service->Pdf(*c.principal, id));
               PEIXUN_ASSIGN_OR_RETURN(std::string stem, service->FileStem(*c.principal, id));
               return api::Download(std::move(pdf), "application/pdf", stem + ".pdf");
             });
  router.Get("/api/v1/classes/{id}/summary.docx", kClassStaff,
             FileDoc("培训总结（Word 文档，可在 Word/WPS 中编辑；结业评定后生成）", kDocxType),
             [service](api::Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(std::string docx, service->Docx(*c.principal, id));
               PEIXUN_ASSIGN_OR_RETURN(std::string stem, service->FileStem(*c.principal, id));
               return api::Download(std::move(docx), kDocxType, stem + ".docx");
             });
}

}  // namespace peixun::app
