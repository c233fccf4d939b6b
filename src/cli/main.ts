import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { Presets, SingleBar } from 'cli-progress';
import { Command, CommanderError } from 'commander';
import { readFile } from 'node:fs/promises';
import { createLogger, createStandaloneContext, openDatabase } from '../app';
import { AppConfig, ConfigError, loadConfig } from '../config/app-config';
import { ContractsService } from '../contracts/contracts.service';
import { ContractImportService } from '../contracts/contract-import.service';
import { CONTRACT_CSV_COLUMNS } from '../contracts/domain/contract-csv';
import { CLI_ACTOR } from '../identity/domain/actor';
import { ApiTokensService } from '../identity/api-tokens.service';
import { tokenStatus } from '../identity/domain/tokens';
import { reminderSettingText } from '../identity/domain/reminder-setting';
import { IdentityService } from '../identity/identity.service';
import { OrganizationsService } from '../identity/organizations.service';
import { Clock } from '../platform/clock/clock';
import { DomainError, FieldError, ValidationError } from '../platform/http/domain-error';
import { canonicalUuid } from '../platform/http/uuid.pipe';
import { prettyFor } from '../platform/logging/logger';
import type { Logger } from 'pino';
import { archiveText } from '../offboarding/domain/organization-archive';
import { OrganizationDeletionService } from '../offboarding/organization-deletion.service';
import { OrganizationExportService } from '../offboarding/organization-export.service';
import { RetentionService } from '../offboarding/retention.service';
import { writeFileSync } from 'node:fs';
import { DEMO_PASSWORD, loadDemo } from './demo';
import { addAuditCommands } from './audit-commands';
import { addOperationsCommands } from './operations-commands';
import { addKeysCommands, addVerifyExport } from './signing-commands';

// The operator's door: the same services the API uses, with the CLI as the audited actor.
// Results go to stdout (a token alone on the last line); logs and errors go to stderr.

export type Work = (ctx: INestApplicationContext) => Promise<number | void>;
// Commands that work on the database itself (backup, restore), before or without the app's context.
export type DirectWork = (config: AppConfig, logger: Logger) => Promise<number | void>;

export function cliLogger(config: AppConfig): Logger {
  return createLogger(
    config.logLevel === 'info' ? 'warn' : config.logLevel,
    process.stderr as never,
    prettyFor(config.logFormat, process.stderr),
  );
}

export async function withContext(config: AppConfig, work: Work): Promise<number> {
  const logger = cliLogger(config);
  // While the server runs on the embedded database, commands go through its local socket.
  const db = await openDatabase(config, logger, { besideServer: true });
  // A command is short-lived: it never sends escalation mails, files batches or runs scheduled retention; the server does.
  const quiet = Object.assign(Object.create(AppConfig.prototype), config, {
    escalations: { ...config.escalations, enabled: false },
    batches: { ...config.batches, enabled: false },
    retentionSchedule: null,
  }) as AppConfig;
  const ctx = await createStandaloneContext({ config: quiet, logger }, db);
  try {
    return (await work(ctx)) ?? 0;
  } finally {
    await ctx.close();
    await db.close();
  }
}

const nameAndEmail = (s: string) => {
  const [name, email] = s.split('|').map((p) => p.trim());
  return { name, email };
};
const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const collect = (value: string, previous: string[] = []) => [...previous, value];

export function buildProgram(
  run: (work: Work) => Promise<void>,
  out: (line: string) => void,
  direct: (work: DirectWork) => Promise<void>,
): Command {
  const program = new Command('breachclock').description('Personal-data breach clocks (GDPR Art. 33/34)').exitOverride();
  program.configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });

  const org = program.command('org').description('organizations');
  org
    .command('create')
    .requiredOption('--slug <slug>')
    .requiredOption('--name <name>')
    .requiredOption('--kind <kind>', 'controller | processor | both')
    .requiredOption('--country <code>', 'ISO 3166-1, e.g. DE')
    .option('--region <code>', 'ISO 3166-2, e.g. DE-HE')
    .option('--address <text>')
    .option('--sector <sector>', 'private | public')
    .option('--public-level <level>', 'public bodies: federal | state (a Land or municipal body); required for German public bodies')
    .option('--telecom', 'a provider of publicly available electronic communications services')
    .option('--postal', 'a provider of postal services')
    .option('--nis2 <class>', 'an entity under NIS2: essential | important (significant incidents are reported to the CSIRT)')
    .option('--dora', 'a financial entity under DORA (major ICT-related incidents are reported to its competent authority)')
    .option('--dpo-name <name>')
    .option('--dpo-email <email>')
    .option('--dpo-phone <phone>')
    .option('--time-zone <zone>', 'IANA zone; default from the country')
    .option('--locale <locale>', "de | en: its users' language until they choose one; default from the country")
    .option('--authority-override <id>', 'notify this authority instead of the competent one (an id from GET /api/v1/authorities)')
    .action((o) =>
      run(async (ctx) => {
        const { authorityOverride, ...rest } = o;
        const created = await ctx.get(IdentityService).createOrganization({ ...rest, authorityOverrideId: authorityOverride }, CLI_ACTOR);
        out(created.id);
      }),
    );

  org
    .command('update')
    .description("change an organization's profile and regimes (the regimes hold for incidents filed from now on)")
    .requiredOption('--slug <slug>')
    .option('--name <name>')
    .option('--address <text>')
    .option('--country <code>', 'ISO 3166-1, e.g. DE')
    .option('--region <code>', 'ISO 3166-2, e.g. DE-HE')
    .option('--sector <sector>', 'private | public')
    .option('--public-level <level>', 'public bodies: federal | state')
    .option('--nis2 <class>', 'essential | important | none')
    .option('--dora', 'a financial entity under DORA')
    .option('--no-dora', 'not a financial entity under DORA')
    .option('--telecom', 'a provider of publicly available electronic communications services')
    .option('--no-telecom', 'not a telecommunications provider')
    .option('--postal', 'a provider of postal services')
    .option('--no-postal', 'not a postal provider')
    .option('--dpo-name <name>')
    .option('--dpo-email <email>')
    .option('--dpo-phone <phone>')
    .action((o) =>
      run(async (ctx) => {
        const { slug, ...changes } = o;
        const saved = await ctx.get(OrganizationsService).updateBySlug(slug, changes, CLI_ACTOR);
        out(saved.id);
      }),
    );

  org
    .command('reminders')
    .description('how often its DPOs are reminded of a duty without a deadline (a contract setting wins)')
    .requiredOption('--slug <slug>')
    .requiredOption('--every <interval>', 'e.g. 24h (1h … 30d), off, or default (daily)')
    .action((o) =>
      run(async (ctx) => {
        const saved = await ctx.get(IdentityService).setReminders(o.slug, o.every, CLI_ACTOR);
        out(reminderSettingText(saved.reminderEveryMinutes));
      }),
    );

  org
    .command('export')
    .description('write everything of one organization to an archive (canonical JSON with a SHA-256 manifest)')
    .argument('<slug>')
    .requiredOption('--out <file>', 'where to write the archive ("-" for stdout)')
    .action((slug: string, o) =>
      run(async (ctx) => {
        const archive = await ctx.get(OrganizationExportService).exportRecorded(slug, CLI_ACTOR);
        const text = archiveText(archive);
        if (o.out === '-') process.stdout.write(text);
        else writeFileSync(o.out, text, { mode: 0o600 });
        const m = archive.manifest;
        process.stderr.write(
          `exported ${m.organization.slug}: ${Object.entries(m.sections)
            .map(([k, v]) => `${v.rows} ${k}`)
            .join(
              ', ',
            )}; audit chain ${m.auditChain.chain} head ${m.auditChain.headHash}; signed by key ${archive.signature?.keyFingerprint}\n`,
        );
      }),
    );
  addVerifyExport(org, out);
  org
    .command('delete')
    .description('remove an organization with its users, tokens, sessions, webhooks, contracts and data (docs/offboarding.md)')
    .argument('<slug>')
    .requiredOption('--confirm <slug>', 'the slug again')
    .action((slug: string, o) =>
      run(async (ctx) => {
        const s = await ctx.get(OrganizationDeletionService).delete(slug, o.confirm, CLI_ACTOR);
        out(
          `deleted ${s.organization.slug}: ${s.incidentsDeleted} incidents, ${s.contractsDeleted} contracts, ${s.usersDeleted} users; ` +
            `${s.incidentsKeptByControllers} reports kept by their controllers without its people`,
        );
        out(
          `audit chain ${s.tombstone.chain} (${s.tombstone.events} events, head ${s.tombstone.headHash}) removed; tombstone at system seq ${s.tombstone.tombstoneSeq}; ` +
            `${s.auditValuesErased} values naming its people erased from ${s.auditEventsErased} events of other chains` +
            (s.chainsResealed.length ? ` (re-sealed in format 2 first: ${s.chainsResealed.join(', ')})` : ''),
        );
      }),
    );

  program
    .command('retention')
    .description('retention of closed incidents')
    .command('run')
    .description('pseudonymise the personal data of incidents closed longer than RETENTION_CLOSED_DAYS')
    .option('--dry-run', 'only show what would change')
    .action((o) =>
      run(async (ctx) => {
        const r = await ctx.get(RetentionService).run({ dryRun: Boolean(o.dryRun) }, CLI_ACTOR);
        out(
          `${r.dryRun ? 'would pseudonymise' : 'pseudonymised'} ${r.incidents.length} incidents closed before ${r.cutoff} (${r.days} days)`,
        );
        for (const i of r.incidents) {
          out(
            `  ${i.reference}\tclosed ${i.closedAt}\tfields: ${i.fields.join(', ') || '-'}\tnotifications ${i.notifications}, decisions ${i.decisions}, escalations ${i.escalations}, audit values ${i.auditValues} in ${i.auditEvents} events`,
          );
        }
      }),
    );

  const contract = program.command('contract').description('data processing agreements');
  contract
    .command('import')
    .description(
      `a processor's contracts from a CSV file (UTF-8, header row): ${CONTRACT_CSV_COLUMNS.join(',')}. ` +
        'Missing controllers are created with a DPO user (no password); a known reference updates its contract. ' +
        'A file with any bad line is refused whole, every bad line named; nothing is imported.',
    )
    .requiredOption('--processor <slug>')
    .requiredOption('--file <path>', 'the CSV file')
    .action((o) =>
      run(async (ctx) => {
        const file = await readFile(o.file);
        const bar = process.stderr.isTTY
          ? new SingleBar(
              { stream: process.stderr, format: 'import [{bar}] {percentage}% ({value}/{total} rows and audit events)' },
              Presets.shades_classic,
            )
          : null;
        try {
          const r = await ctx.get(ContractImportService).importForSlug(o.processor, file, CLI_ACTOR, (done, total) => {
            if (done === 0) bar?.start(total, 0);
            else bar?.update(done);
          });
          bar?.stop();
          out(`created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}, controllers created ${r.controllersCreated}`);
        } finally {
          bar?.stop();
        }
      }),
    );
  contract
    .command('create')
    .requiredOption('--controller <slug>')
    .requiredOption('--processor <slug>')
    .requiredOption('--reference <text>')
    .option('--notice-hours <hours>', 'processor notice period in hours', '24')
    .option('--signed-on <date>', 'YYYY-MM-DD')
    .option('--data-categories <list>', 'comma-separated', list)
    .option('--subject-categories <list>', 'comma-separated', list)
    .option('--sub-processor <name|address|service>', 'repeatable', collect)
    .option('--escalation-contact <name|email>', 'repeatable', collect)
    .option('--milestones <list>', 'when to warn before each deadline, e.g. 24h,4h,1h,0h (default 48h,24h,12h,4h,1h,0h)')
    .option('--deputy <name|email>', 'told when nobody has acknowledged by --deputies-after; repeatable', collect)
    .option('--deputies-after <duration>', 'e.g. 24h (default)')
    .option('--reminders <interval>', "reminders of a duty without a deadline: e.g. 24h, off, or default (the organization's)")
    .action((o) =>
      run(async (ctx) => {
        const hours = /^\d+$/.test(o.noticeHours) ? Number(o.noticeHours) : o.noticeHours;
        const created = await ctx.get(ContractsService).create(
          {
            controllerSlug: o.controller,
            processorSlug: o.processor,
            reference: o.reference,
            processorNoticeHours: hours,
            signedOn: o.signedOn,
            dataCategories: o.dataCategories,
            subjectCategories: o.subjectCategories,
            subProcessors: (o.subProcessor as string[] | undefined)?.map((s) => {
              const [name, address, service] = s.split('|').map((p) => p.trim());
              return { name, ...(address ? { address } : {}), ...(service ? { service } : {}) };
            }),
            escalationContacts: (o.escalationContact as string[] | undefined)?.map(nameAndEmail),
            escalation:
              o.milestones || o.deputy || o.deputiesAfter || o.reminders
                ? {
                    milestones: o.milestones,
                    deputies: (o.deputy as string[] | undefined)?.map(nameAndEmail),
                    deputiesAfter: o.deputiesAfter,
                    reminders: o.reminders,
                  }
                : undefined,
          },
          CLI_ACTOR,
        );
        out(created.id);
      }),
    );

  program
    .command('user')
    .description('people who sign in')
    .command('create')
    .requiredOption('--org <slug>')
    .requiredOption('--email <email>')
    .requiredOption('--role <role>', 'processor_staff | controller_dpo | org_admin')
    .option('--password <password>', 'at least 12 characters; omit for token-only users')
    .option('--locale <locale>', "de | en; omit to follow the organization's language")
    .option('--time-zone <zone>')
    .action((o) =>
      run(async (ctx) => {
        const user = await ctx
          .get(IdentityService)
          .createUser(
            { organizationSlug: o.org, email: o.email, role: o.role, password: o.password, locale: o.locale, timeZone: o.timeZone },
            CLI_ACTOR,
          );
        out(user.id);
      }),
    );

  const token = program.command('token').description('API tokens');
  token
    .command('create')
    .requiredOption('--email <email>')
    .option('--name <name>', 'what the token is for, e.g. "ticket system" (default: the day it was made)')
    .option('--expires-in <duration>', 'e.g. 90d or 12h (default: never)')
    .action((o) =>
      run(async (ctx) => {
        const { token: secret, row } = await ctx
          .get(ApiTokensService)
          .createForEmail(o.email, { name: o.name, expiresIn: o.expiresIn }, CLI_ACTOR);
        const expires = row.expiresAt ? `expires ${row.expiresAt.toISOString()}` : 'does not expire';
        process.stderr.write(`Token ${row.id} ("${row.name}") ${expires}.\n`);
        process.stderr.write('This token is shown once. Store it now; breachclock keeps only its hash.\n');
        out(secret);
      }),
    );
  token
    .command('list')
    .description("a user's tokens, newest first (never the secrets)")
    .requiredOption('--email <email>')
    .action((o) =>
      run(async (ctx) => {
        const now = ctx.get(Clock).now();
        const rows = await ctx.get(ApiTokensService).listForEmail(o.email);
        const when = (d: Date | null) => d?.toISOString() ?? '-';
        out(['id', 'status', 'created', 'expires', 'last used', 'name'].join('\t'));
        for (const t of rows) out([t.id, tokenStatus(t, now), when(t.createdAt), when(t.expiresAt), when(t.lastUsedAt), t.name].join('\t'));
      }),
    );
  token
    .command('revoke')
    .description('revoke a token by its id; it stops working on every instance within 5 seconds')
    .argument('<id>')
    .action((id: string) =>
      run(async (ctx) => {
        const uuid = canonicalUuid(id);
        if (!uuid) throw new ValidationError([{ path: 'id', message: 'must be a UUID' }]);
        const revoked = await ctx.get(ApiTokensService).revoke(uuid, null, CLI_ACTOR);
        out(`revoked ${revoked.id} ("${revoked.name}") at ${revoked.revokedAt!.toISOString()}`);
      }),
    );

  program
    .command('demo')
    .description('load demo organizations, contracts, users and incidents')
    .action(() =>
      run(async (ctx) => {
        const result = await loadDemo(ctx, CLI_ACTOR);
        out(result.created ? 'Demo data loaded.' : 'Demo data was loaded before; new tokens follow.');
        out(`Password of every demo user: ${DEMO_PASSWORD}`);
        for (const t of result.tokens) out(`${t.role.padEnd(16)} ${t.email.padEnd(28)} ${t.token}`);
      }),
    );

  addAuditCommands(program, { run, out });
  addKeysCommands(program, { run, out });
  addOperationsCommands(program, { run, out, direct });
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`breachclock: ${(error as ConfigError).message}\n`);
    return 2;
  }
  let code = 0;
  const program = buildProgram(
    async (work) => {
      code = await withContext(config, work);
    },
    (line) => process.stdout.write(`${line}\n`),
    async (work) => {
      code = (await work(config, cliLogger(config))) ?? 0;
    },
  );
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    for (const line of errorLines(error)) process.stderr.write(`${line}\n`);
    return 1;
  }
}

// What the operator reads on stderr for a refusal: the message, then each bad field or line.
export function errorLines(error: unknown): string[] {
  if (!(error instanceof DomainError)) return [`error: ${error instanceof Error ? error.message : String(error)}`];
  const fields = (error.errors ?? []) as (FieldError & { line?: number; column?: string | null })[];
  return [
    `error: ${error.message}`,
    ...fields.map(
      (e) => `  ${e.line !== undefined ? `line ${e.line}${e.column ? `, ${e.column}` : ''}` : e.path || '(input)'}: ${e.message}`,
    ),
  ];
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
