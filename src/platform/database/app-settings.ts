import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Database } from './database';

// Values all instances must share, created once by whichever instance asks first.
@Injectable()
export class AppSettings {
  private readonly cache = new Map<string, string>();

  constructor(private readonly db: Database) {}

  // A random secret (base64url, 32 bytes) stored under this key; the same for every instance.
  async secret(key: string): Promise<string> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const value = await this.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO app_setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [
        key,
        randomBytes(32).toString('base64url'),
      ]);
      const [row] = await tx.query(`SELECT value FROM app_setting WHERE key = $1`, [key]);
      return row.value as string;
    });
    this.cache.set(key, value);
    return value;
  }
}
