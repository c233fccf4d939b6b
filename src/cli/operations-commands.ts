import { INestApplicationContext } from '@nestjs/common';
import { Command } from 'commander';
import { AuditService } from '../audit/audit.service';
import { BackupFormat, backup, restore } from '../backups/backups';
import { SystemClock } from '../platform/clock/system-clock';
import { Database } from '../platform/database/database';
import * as fs from 'node:fs';
import { verifyAnyEvidence } from '../evidence/domain/register-evidence';
import { TrustedKey, trustedFingerprint } from '../platform/signing/signatures';
import { exportIncident, exportRegister, EvidenceExportOptions } from './evidence-export';
import { performance } from 'node:perf_hooks';
import type { DirectWork, Work } from './main';

export interface CommandRunners {
  run: (work: Work) => Promise<void>;
  out: (line: string) => void;
  direct: (work: DirectWork) => Promise<void>;
}

// The proof after a restore: the audit chain re-computed on the restored data; exit code 1 on a break.
async function restoredChainHolds(ctx: INestApplicationContext, out: (line: string) => void): Promise<number> {
  const result = await ctx.get(AuditService).verifyChain();
  if (result.break) {
    process.stderr.write(`audit chain BROKEN at event seq ${result.break.seq}: ${result.break.reason}\n`);
    return 1;
  }
  out(`audit chain intact: ${result.checked} events in ${result.chains.length} chains`);
  return 0;
}

// Backup, restore: the operator's commands for the database as a whole (docs/operations.md).
export function addOperationsCommands(program: Command, { run, out, direct }: CommandRunners): void {
  program
    .command('backup')
    .description('write a consistent backup of the whole database to a file (the server may keep running)')
    .requiredOption('--out <file>')
    .option('--format <format>', 'pg_dump (PostgreSQL, the default there when pg_dump is on PATH) | logical (both engines)')
    .action((o: { out: string; format?: string }) =>
      direct(async (config, logger) => {
        if (o.format !== undefined && o.format !== 'pg_dump' && o.format !== 'logical') {
          process.stderr.write('error: --format must be pg_dump or logical\n');
          return 2;
        }
        const started = performance.now();
        const done = await backup(config, logger, new SystemClock(), o.out, o.format as BackupFormat | undefined);
        out(
          `backup written to ${o.out}: ${done.method}${done.rows === undefined ? '' : `, ${done.rows} rows`}, ${Math.round(performance.now() - started)} ms`,
        );
      }),
    );

  program
    .command('restore')
    .description('restore a backup into an empty data folder or database (the server stopped)')
    .requiredOption('--from <file>')
    .option('--force', 'replace a data folder or database that is not empty')
    .action((o: { from: string; force?: boolean }) =>
      direct(async (config, logger) => {
        const started = performance.now();
        const done = await restore(config, logger, o.from, o.force === true);
        out(`restored from ${o.from}: ${done.method}, ${Math.round(performance.now() - started)} ms`);
        // The app's own start on the restored data: migrations to this version, then the proof.
        let verified = 1;
        await run(async (ctx) => {
          const [{ n }] = await ctx.get(Database).read((m) => m.query('SELECT count(*)::int AS n FROM incident'));
          out(`incidents: ${n}`);
          verified = await restoredChainHolds(ctx, out);
          return verified;
        });
        return verified;
      }),
    );

  const evidence = program.command('evidence').description('evidence bundles for auditors and authorities');
  evidence
    .command('export')
    .description("one incident's evidence bundle, or with --register the register of a period (the controller's side)")
    .option('--incident <id|reference>')
    .option('--register', "the register of --org for the days --from … --to, with each incident's bundle")
    .option('--org <slug>')
    .option('--from <YYYY-MM-DD>', 'first day of the period (an incident belongs to it by its discovery)')
    .option('--to <YYYY-MM-DD>', 'last day of the period, included; at most a year after --from')
    .option('--time-zone <zone>', 'the zone the days are read in', 'UTC')
    .requiredOption('--out <file>')
    .action((o: EvidenceExportOptions) => {
      const usage =
        (o.register === true) === (o.incident !== undefined)
          ? 'give either --incident or --register'
          : o.register && !o.org
            ? '--register needs --org <slug>'
            : null;
      if (usage) {
        return direct(async () => {
          process.stderr.write(`error: ${usage}\n`);
          return 2;
        });
      }
      return run((ctx) => (o.register ? exportRegister(ctx, o, out) : exportIncident(ctx, o.incident!, o.out, out)));
    });
  evidence
    .command('verify')
    .description(
      'check a bundle offline (no database): the manifest, every hash and link, and the signature; exit 1 when anything is broken',
    )
    .argument('<file>')
    .option('--public-key <pem file>', 'the public key the bundle must be signed with (as `breachclock keys public` printed it)')
    .option('--fingerprint <hex>', 'the fingerprint of the key the bundle must be signed with')
    .action((file: string, o: TrustOptions) =>
      direct(async () => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
        } catch (error) {
          process.stderr.write(`error: cannot read ${file} as JSON: ${(error as Error).message}\n`);
          return 1;
        }
        const trusted = readTrust(o);
        if ('error' in trusted) {
          process.stderr.write(`error: ${trusted.error}\n`);
          return 2;
        }
        const { kind, report } = verifyAnyEvidence(parsed, trusted);
        for (const line of report.intact) out(`intact: ${line}`);
        for (const line of report.notes) out(`note: ${line}`);
        for (const line of report.broken) out(`BROKEN: ${line}`);
        out(report.ok ? `${kind} intact` : `${kind} NOT intact`);
        return report.ok ? 0 : 1;
      }),
    );
}

export interface TrustOptions {
  publicKey?: string;
  fingerprint?: string;
}

// The trusted key of --public-key (a PEM file) or --fingerprint (hex), checked; {} when neither.
export function readTrust(o: TrustOptions): TrustedKey | { error: string } {
  if (o.publicKey !== undefined && o.fingerprint !== undefined) return { error: 'give --public-key or --fingerprint, not both' };
  try {
    const trusted: TrustedKey =
      o.publicKey !== undefined
        ? { publicKey: fs.readFileSync(o.publicKey, 'utf8') }
        : o.fingerprint !== undefined
          ? { fingerprint: o.fingerprint }
          : {};
    if (o.publicKey !== undefined || o.fingerprint !== undefined) trustedFingerprint(trusted);
    return trusted;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { error: e.code ? `cannot read --public-key ${o.publicKey} (${e.code})` : e.message };
  }
}
