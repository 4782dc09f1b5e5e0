// `peixun openapi [-o FILE]`: the OpenAPI document of this build, as
// GET /api/v1/openapi.json serves it, without a server or a database of the
// user's (a throwaway SQLite file carries the routes). CI lints it
// (tests/openapi/lint.sh); the web app's API types are generated from it.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/application.h"
#include "cli/commands.h"
#include "cli/database.h"

namespace peixun::cli {

void AddOpenApiCommand(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand("openapi", "Print the HTTP API's OpenAPI 3 document");
  auto out = std::make_shared<std::string>();
  cmd->add_option("-o,--output", *out, "Write it to this file instead of standard output");
  cmd->callback([=] {
    std::string dir = (std::filesystem::temp_directory_path() / "peixun-openapi-XXXXXX").string();
    if (mkdtemp(dir.data()) == nullptr) {
      std::cerr << "错误：无法创建临时目录 / cannot create a temporary directory\n";
      *exit_code = 1;
      return;
    }
    std::string body;
    int status = 0;
    {
      auto db = InitDatabase("sqlite:" + dir + "/openapi.db", dir + "/openapi.key");
      if (!db) {
        PrintError(db.error());
        *exit_code = 1;
      } else {
        app::Application application(std::move(db->store), std::move(db->key));
        api::Request request;
        request.method = api::Method::kGet;
        request.path = request.target = "/api/v1/openapi.json";
        api::Response response = application.Handle(request);
        status = response.status;
        body = std::move(response.body);
      }
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    if (*exit_code != 0) return;
    if (status != 200) {
      std::cerr << "错误：OpenAPI 文档生成失败 / the document failed: " << status << "\n";
      *exit_code = 1;
      return;
    }
    if (out->empty()) {
      std::cout << body << "\n";
      return;
    }
    std::ofstream file(*out, std::ios::binary);
    file << body << "\n";
    if (!file) {
      std::cerr << "错误：无法写入 / cannot write " << *out << "\n";
      *exit_code = 1;
    }
  });
}

}  // namespace peixun::cli
