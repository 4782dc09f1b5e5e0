#include "modules/certificates/certificates_schema.h"

namespace peixun::certificates {

// Templates are versions: an edit inserts a row, and a certificate keeps the id of
// the version it was printed from (frozen). Images are base64 PNG text, the same on
// SQLite and PostgreSQL.
std::vector<store::Migration> CertificatesMigrations() {
  return {
      {115, "certificates", R"sql(
CREATE TABLE certificate_templates (
  id @ID@,
  organizer_name @KEY@ NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  seal_png TEXT NOT NULL,
  background_png TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL
);
CREATE INDEX certificate_templates_organizer ON certificate_templates (organizer_name, id);
CREATE TABLE certificates (
  id @ID@,
  serial @KEY@ NOT NULL UNIQUE,
  class_id BIGINT NOT NULL REFERENCES training_classes(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  template_id BIGINT REFERENCES certificate_templates(id),
  seq INTEGER NOT NULL,
  fields_json TEXT NOT NULL,
  pdf_sha256 @KEY@ NOT NULL,
  status TEXT NOT NULL,
  issued_at BIGINT NOT NULL,
  issued_by BIGINT NOT NULL,
  status_at BIGINT,
  status_reason TEXT NOT NULL DEFAULT '',
  superseded_by BIGINT
);
CREATE INDEX certificates_class ON certificates (class_id, person_id);
CREATE INDEX certificates_hash ON certificates (pdf_sha256);
CREATE TABLE certificate_files (
  certificate_id BIGINT PRIMARY KEY REFERENCES certificates(id),
  pdf_base64 TEXT NOT NULL
);
)sql"},
  };
}

}  // namespace peixun::certificates
