import { MigrationInterface, QueryRunner } from 'typeorm';

// Versioned risk assessments and superseding decisions (Art. 33(1), 33(5), 34). Neither is ever
// updated: a new row supersedes the last one.
export class AssessmentsAndDecisions1764100000000 implements MigrationInterface {
  name = 'AssessmentsAndDecisions1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assessment (
        id uuid NOT NULL,
        incident_id uuid NOT NULL,
        version integer NOT NULL,
        inputs jsonb NOT NULL,
        score_quarters integer NOT NULL,
        band text NOT NULL,
        flags jsonb NOT NULL,
        recommendation jsonb NOT NULL,
        assessed_by_id uuid NOT NULL,
        assessed_at timestamptz NOT NULL,
        CONSTRAINT pk_assessment PRIMARY KEY (id),
        CONSTRAINT ux_assessment__incident_version UNIQUE (incident_id, version),
        CONSTRAINT fk_assessment__incident FOREIGN KEY (incident_id) REFERENCES incident (id),
        CONSTRAINT fk_assessment__assessed_by FOREIGN KEY (assessed_by_id) REFERENCES app_user (id),
        CONSTRAINT ck_assessment__band CHECK (band IN ('low', 'medium', 'high', 'very_high')),
        CONSTRAINT ck_assessment__score CHECK (score_quarters BETWEEN 1 AND 24)
      )`);
    await q.query(`
      CREATE TABLE decision (
        id uuid NOT NULL,
        incident_id uuid NOT NULL,
        sequence integer NOT NULL,
        assessment_id uuid NOT NULL,
        notify_authority boolean NOT NULL,
        authority_reason text,
        notify_subjects boolean NOT NULL,
        subjects_exemption text,
        subjects_reason text,
        public_communication jsonb,
        follows_recommendation boolean NOT NULL,
        decided_by_id uuid NOT NULL,
        decided_at timestamptz NOT NULL,
        CONSTRAINT pk_decision PRIMARY KEY (id),
        CONSTRAINT ux_decision__incident_sequence UNIQUE (incident_id, sequence),
        CONSTRAINT fk_decision__incident FOREIGN KEY (incident_id) REFERENCES incident (id),
        CONSTRAINT fk_decision__assessment FOREIGN KEY (assessment_id) REFERENCES assessment (id),
        CONSTRAINT fk_decision__decided_by FOREIGN KEY (decided_by_id) REFERENCES app_user (id),
        CONSTRAINT ck_decision__subjects_exemption CHECK (subjects_exemption IS NULL OR subjects_exemption IN ('34(3)(a)', '34(3)(b)', '34(3)(c)', 'de_bdsg_29_1'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE decision`);
    await q.query(`DROP TABLE assessment`);
  }
}
