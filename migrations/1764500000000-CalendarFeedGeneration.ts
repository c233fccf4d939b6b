import { MigrationInterface, QueryRunner } from 'typeorm';

// The calendar feed's secret address belongs to a generation; renewing it (a leaked address) moves
// the user to the next one, and every older address stops working.
export class CalendarFeedGeneration1764500000000 implements MigrationInterface {
  name = 'CalendarFeedGeneration1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN calendar_feed_generation integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE app_user ADD CONSTRAINT ck_app_user__calendar_feed_generation CHECK (calendar_feed_generation >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN calendar_feed_generation`);
  }
}
