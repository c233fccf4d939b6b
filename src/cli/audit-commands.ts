import { Command } from 'commander';
import { AuditErasureService } from '../audit/audit-erasure.service';
import { AuditService } from '../audit/audit.service';
import { CLI_ACTOR } from '../identity/domain/actor';
import { TrustOptions, readTrust } from './operations-commands';
import type { CommandRunners } from './operations-commands';
import { ChainReport } from '../audit/audit.service';
import { checkTombstone } from '../audit/domain/tombstone-signature';
import { CHAIN_HEADS_FORMAT, CHAIN_HEADS_VERSION, ChainHeads, evidenceSignedBytes } from '../evidence/domain/evidence-signature';
import { Clock } from '../platform/clock/clock';
import { SigningKeys } from '../platform/signing/signing-keys';
import { Signature } from '../platform/signing/signatures';
import { INestApplicationContext } from '@nestjs/common';
import { writeFileSync } from 'node:fs';

// The audit trail: verify every chain; re-seal the chains still in format 1 (docs/architecture.md).
export function addAuditCommands(program: Command, { run, out }: Pick<CommandRunners, 'run' | 'out'>): void {
  const audit = program.command('audit').description('audit trail');
  audit
    .command('verify')
    .description('check every hash chain (one per organization) and the signatures of tombstones; exit 1 on a break')
    .option('--public-key <pem file>', 'the public key tombstones must be signed with')
    .option('--fingerprint <hex>', 'the fingerprint of the key tombstones must be signed with')
    .option('--sign <file>', "write the chain heads, signed with the installation's key, to this file (to keep elsewhere)")
    .action((o: TrustOptions & { sign?: string }) =>
      run(async (ctx) => {
        const trusted = readTrust(o);
        if ('error' in trusted) {
          process.stderr.write(`error: ${trusted.error}\n`);
          return 2;
        }
        const result = await ctx.get(AuditService).verifyChain();
        for (const c of result.chains.filter((x) => x.break))
          process.stderr.write(
            `audit chain ${c.chain} BROKEN at event seq ${c.break!.seq} (${c.break!.id}): ${c.break!.reason}; ${c.checked} events before it are intact\n`,
          );
        if (result.break) return 1;
        const signatures = result.chains.map((c) => (c.deleted ? checkTombstone(c.deleted, trusted) : null));
        out(`audit chain intact: ${result.checked} events in ${result.chains.length} chains`);
        result.chains.forEach((c, i) =>
          out(
            c.deleted
              ? `  ${c.chain}: deleted with its organization (tombstone at system seq ${c.deleted.tombstoneSeq}: ${c.deleted.events} events, head ${c.deleted.headHash}); ${signatures[i]!.text}`
              : `  ${c.chain}: ${c.checked} events${c.formatOne ? `, ${c.formatOne} in format 1 (values not erasable until \`audit reseal\`)` : ''}`,
          ),
        );
        const bad = result.chains.filter((_, i) => signatures[i] && !signatures[i]!.holds);
        for (const c of bad) process.stderr.write(`audit chain ${c.chain}: tombstone signature does not hold\n`);
        if (o.sign) {
          const heads = await signedHeads(ctx, result.chains);
          writeFileSync(o.sign, `${JSON.stringify(heads, null, 1)}\n`, { mode: 0o600 });
          out(`chain heads signed by key ${heads.signature.keyFingerprint} written to ${o.sign}`);
        }
        return bad.length ? 1 : 0;
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

// The heads `audit verify --sign` states: every chain's last hash and count (deleted ones as their tombstone names them).
async function signedHeads(ctx: INestApplicationContext, chains: ChainReport[]): Promise<ChainHeads & { signature: Signature }> {
  const statement: ChainHeads = {
    format: CHAIN_HEADS_FORMAT,
    version: CHAIN_HEADS_VERSION,
    at: ctx.get(Clock).now().toISOString(),
    chains: chains.map((c) =>
      c.deleted
        ? { chain: c.chain, headHash: c.deleted.headHash, events: c.deleted.events, deleted: true }
        : { chain: c.chain, headHash: c.head ?? null, events: c.checked },
    ),
  };
  return { ...statement, signature: await ctx.get(SigningKeys).sign(evidenceSignedBytes(statement)) };
}
