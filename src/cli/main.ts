import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { Command, CommanderError } from 'commander';
import { AuditService } from '../audit/audit.service';
import { createLogger, createStandaloneContext, openDatabase } from '../app';
import { AppConfig, ConfigError, loadConfig } from '../config/app-config';
import { ContractsService } from '../contracts/contracts.service';
import { CLI_ACTOR } from '../identity/domain/actor';
import { ApiTokensService } from '../identity/api-tokens.service';
import { tokenStatus } from '../identity/domain/tokens';
import { reminderSettingText } from '../identity/domain/reminder-setting';
import { IdentityService } from '../identity/identity.service';
import { Clock } from '../platform/clock/clock';
import { DomainError, ValidationError } from '../platform/http/domain-error';
import { canonicalUuid } from '../platform/http/uuid.pipe';
import { prettyFor } from '../platform/logging/logger';
import { DEMO_PASSWORD, loadDemo } from './demo';

// The operator's door: the same services the API uses, with the CLI as the audited actor.
// Results go to stdout (a token alone on the last line); logs and errors go to stderr.

type Work = (ctx: INestApplicationContext) => Promise<number | void>;

export async function withContext(config: AppConfig, work: Work): Promise<number> {
  const logger = createLogger(
    config.logLevel === 'info' ? 'warn' : config.logLevel,
    process.stderr as never,
    prettyFor(config.logFormat, process.stderr),
  );
  // While the server runs on the embedded database, commands go through its local socket.
  const db = await openDatabase(config, logger, { besideServer: true });
  // A command is short-lived: it never sends escalation mails or files batches itself; the server does.
  const quiet = Object.assign(Object.create(AppConfig.prototype), config, {
    escalations: { ...config.escalations, enabled: false },
    batches: { ...config.batches, enabled: false },
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

export function buildProgram(run: (work: Work) => Promise<void>, out: (line: string) => void): Command {
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

  program
    .command('contract')
    .description('data processing agreements')
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

  program
    .command('audit')
    .description('audit trail')
    .command('verify')
    .description('check every hash chain (one per organization); exit 1 on a break')
    .action(() =>
      run(async (ctx) => {
        const result = await ctx.get(AuditService).verifyChain();
        for (const c of result.chains.filter((x) => x.break))
          process.stderr.write(
            `audit chain ${c.chain} BROKEN at event seq ${c.break!.seq} (${c.break!.id}): ${c.break!.reason}; ${c.checked} events before it are intact\n`,
          );
        if (result.break) return 1;
        out(`audit chain intact: ${result.checked} events in ${result.chains.length} chains`);
        for (const c of result.chains) out(`  ${c.chain}: ${c.checked} events`);
      }),
    );
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
  );
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof DomainError) {
      process.stderr.write(`error: ${error.message}\n`);
      for (const e of error.errors ?? []) process.stderr.write(`  ${e.path || '(input)'}: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
