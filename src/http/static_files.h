// The built web app (web/ → `scripts/build.sh` → web_root): files with their
// content types and cache headers, the single-page-app fallback to index.html, and
// a small "not built" page when there is no web app. Beast-free: it answers an
// api::Request with an api::Response.
//
// Containment: a request can never read outside web_root. Paths with ".." segments
// or backslashes are refused, and every candidate is canonicalized (symlinks
// resolved) and must lie under the canonical web_root; anything else is 404.
#pragma once

#include <string>
#include <string_view>

#include "api/request.h"
#include "api/response.h"

namespace peixun::http {

// True for paths the API handler answers: /api and /api/…, /healthz, /metrics.
// Everything else is a static file.
bool IsApiPath(std::string_view path);

// The Content-Type for a file name by its extension ("application/octet-stream"
// when unknown).
std::string_view ContentTypeFor(std::string_view file_name);

// Thread-safe (const, reads the file system on each request; files are small and
// page-cached, so this runs on the io threads).
class StaticFiles {
 public:
  // `web_root` may be empty or name a folder that does not exist (yet).
  explicit StaticFiles(std::string web_root);

  // GET and HEAD (others 405). `request.path` is the decoded path.
  //  - a file under web_root: 200 with its type; Cache-Control
  //    "public, max-age=31536000, immutable" under /assets/, "no-cache" elsewhere
  //    (index.html included);
  //  - no such file and the last segment has no extension: index.html (SPA route);
  //  - otherwise 404 request.not_found (JSON error body).
  // Without a web app, "/" and extensionless paths answer a page naming
  // scripts/build.sh.
  api::Response Serve(const api::Request& request) const;

 private:
  std::string web_root_;
};

}  // namespace peixun::http
