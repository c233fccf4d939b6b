import { MigrationInterface, QueryRunner } from 'typeorm';

// The regimes an incident's obligations are derived under (the controller's NIS2 class, DORA, and
// whether it is a telecommunications provider), fixed when the incident is filed: an organization
// that changes its regimes changes the duties of the incidents filed after that, not of those it
// has already (docs/decisions.md, "The organization's regimes"). Incidents filed before keep the
// regimes their obligations were derived under until now: the organization's current ones.
export class IncidentRegimes1795870000000 implements MigrationInterface {
  name = 'IncidentRegimes1795870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE incident_regimes (
        incident_id uuid PRIMARY KEY REFERENCES incident(id) ON DELETE CASCADE,
        nis2 text CHECK (nis2 IS NULL OR nis2 IN ('essential', 'important')),
        dora boolean NOT NULL,
        telecom boolean NOT NULL
      )`);
    await q.query(`
      INSERT INTO incident_regimes (incident_id, nis2, dora, telecom)
      SELECT i.id, o.nis2, o.dora, o.telecom FROM incident i JOIN organization o ON o.id = i.controller_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE incident_regimes`);
  }
}
