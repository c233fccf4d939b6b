import { Command } from 'commander';
import { AuditErasureService } from '../audit/audit-erasure.service';
import { AuditService } from '../audit/audit.service';
import { CLI_ACTOR } from '../identity/domain/actor';
import type { CommandRunners } from './operations-commands';

// The audit trail: verify every chain; re-seal the chains still in format 1 (docs/architecture.md).
export function addAuditCommands(program: Command, { run, out }: Pick<CommandRunners, 'run' | 'out'>): void {
  const audit = program.command('audit').description('audit trail');
  audit
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
        for (const c of result.chains)
          out(
            c.deleted
              ? `  ${c.chain}: deleted with its organization (tombstone at system seq ${c.deleted.tombstoneSeq}: ${c.deleted.events} events, head ${c.deleted.headHash})`
              : `  ${c.chain}: ${c.checked} events${c.formatOne ? `, ${c.formatOne} in format 1 (values not erasable until \`audit reseal\`)` : ''}`,
          );
      }),
    );
  audit
    .command('reseal')
    .description(
      're-hash the chains that still hold format-1 events in format 2 (erasable values); the system chain records old and new heads',
    )
    .action(() =>
      run(async (ctx) => {
        const done = await ctx.get(AuditErasureService).resealAll(CLI_ACTOR);
        if (done.length === 0) out('every audit chain is in format 2 already');
        for (const r of done) {
          out(
            `audit chain ${r.chain} re-sealed: ${r.events} events (${r.formatOne} were format 1), head ${r.oldHead} → ${r.newHead}; recorded at system seq ${r.recordedAtSeq}`,
          );
        }
      }),
    );
}
