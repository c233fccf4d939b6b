import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { Database } from '../database/database';
import { Signature, SigningKey, newSigningKeyPem, signWith, signingKeyFromPem } from './signatures';

// app_setting keys: the private key when SIGNING_KEY_FILE is unset, and every public key this
// installation has signed with (the current one and those rotated out), by fingerprint.
const PRIVATE_KEY_SETTING = 'signing-private-key';
const PUBLIC_KEY_SETTING = 'signing-public-key:';

export interface KnownKey {
  fingerprint: string;
  publicKey: string;
  current: boolean;
}

// The installation's signing key (docs/operations.md, "Signing key"): from SIGNING_KEY_FILE, or
// created once and kept in app_setting (weaker: whoever reads the database has it).
@Injectable()
export class SigningKeys {
  private current: Promise<SigningKey> | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly db: Database,
  ) {}

  key(): Promise<SigningKey> {
    this.current ??= this.load().catch((error: unknown) => {
      this.current = null;
      throw error;
    });
    return this.current;
  }

  // Where the key lives, for the operator.
  source(): 'file' | 'database' {
    return this.config.signingKey ? 'file' : 'database';
  }

  // A detached signature over the given bytes (the caller's canonical JSON).
  async sign(bytes: string): Promise<Signature> {
    return signWith(await this.key(), bytes);
  }

  async known(): Promise<KnownKey[]> {
    const { fingerprint } = await this.key();
    const rows: { key: string; value: string }[] = await this.db.read((m) =>
      m.query(`SELECT key, value FROM app_setting WHERE key LIKE $1 ORDER BY key`, [`${PUBLIC_KEY_SETTING}%`]),
    );
    return rows.map((r) => {
      const fp = r.key.slice(PUBLIC_KEY_SETTING.length);
      return { fingerprint: fp, publicKey: r.value, current: fp === fingerprint };
    });
  }

  private async load(): Promise<SigningKey> {
    const fromFile = this.config.signingKey;
    return this.db.transaction(async (tx) => {
      let key = fromFile;
      if (!key) {
        await tx.query(`INSERT INTO app_setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [
          PRIVATE_KEY_SETTING,
          newSigningKeyPem(),
        ]);
        const [row] = await tx.query(`SELECT value FROM app_setting WHERE key = $1`, [PRIVATE_KEY_SETTING]);
        key = signingKeyFromPem(row.value as string);
      }
      // Remembered for good: signatures made with it stay checkable against a known key after a rotation.
      await tx.query(`INSERT INTO app_setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [
        `${PUBLIC_KEY_SETTING}${key.fingerprint}`,
        key.publicKey,
      ]);
      return key;
    });
  }
}
