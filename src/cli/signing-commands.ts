import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { checkArchive } from '../offboarding/domain/organization-archive';
import { SigningKeys } from '../platform/signing/signing-keys';
import { signatureHolds, signatureText } from '../platform/signing/signatures';
import { CommandRunners, TrustOptions, readTrust } from './operations-commands';

// The installation's signing key (docs/operations.md, "Signing key"): its public key to publish.
export function addKeysCommands(program: Command, { run, out }: Pick<CommandRunners, 'run' | 'out'>): void {
  program
    .command('keys')
    .description('the signing key of evidence bundles, organization archives and tombstones')
    .command('public')
    .description('print the public key (PEM) and its fingerprint (SHA-256 of the raw key, hex) to publish or hand to an authority')
    .option('--all', 'every public key this installation has signed with (the current one and those rotated out)')
    .action((o: { all?: boolean }) =>
      run(async (ctx) => {
        const keys = ctx.get(SigningKeys);
        const current = await keys.key();
        if (!o.all) {
          process.stderr.write(
            `signing key from ${keys.source() === 'file' ? 'SIGNING_KEY_FILE' : 'the database (set SIGNING_KEY_FILE)'}\n`,
          );
          out(`fingerprint ${current.fingerprint}`);
          out(current.publicKey.trimEnd());
          return;
        }
        for (const k of await keys.known()) {
          out(`fingerprint ${k.fingerprint}${k.current ? ' (current)' : ''}`);
          out(k.publicKey.trimEnd());
        }
      }),
    );
}

// `org verify-export <file>`: the archive against its manifest, its audit chain and its signature.
export function addVerifyExport(org: Command, out: (line: string) => void): void {
  org
    .command('verify-export')
    .description('check an organization archive against its manifest, its audit chain and its signature (no database needed)')
    .argument('<file>')
    .option('--public-key <pem file>', 'the public key the archive must be signed with (as `breachclock keys public` printed it)')
    .option('--fingerprint <hex>', 'the fingerprint of the key the archive must be signed with')
    .action(async (file: string, o: TrustOptions) => {
      const trusted = readTrust(o);
      if ('error' in trusted) throw new Error(trusted.error);
      const result = checkArchive(readFileSync(file, 'utf8'), trusted);
      for (const s of result.sections) out(`${s.ok ? 'ok' : 'BROKEN'}\t${s.name}\t${s.rows} rows${s.problem ? `\t${s.problem}` : ''}`);
      const c = result.auditChain;
      out(`${c.ok ? 'ok' : 'BROKEN'}\taudit chain ${c.chain}\t${c.events} events${c.problem ? `\t${c.problem}` : ''}`);
      const sig = result.signature;
      const given = trusted.publicKey !== undefined || trusted.fingerprint !== undefined;
      out(`${sig.status === 'valid' ? 'ok' : signatureHolds(sig, given) ? 'note' : 'BROKEN'}\tsignature\t${signatureText(sig)}`);
      if (!result.ok) throw new Error('the archive does not verify');
    });
}
