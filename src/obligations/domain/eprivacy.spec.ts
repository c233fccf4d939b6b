import * as fs from 'node:fs';
import * as path from 'node:path';
import { at, derive, facts, iso, keysOf, spec } from '../../../test/support/obligation-facts';
import { RegimeEntry } from '.';
import { EPRIVACY_NOTIFY_AUTHORITY } from './regimes/eprivacy';

// ePrivacy (Reg. 611/2013 Art. 2): providers of public electronic communications services notify
// every breach within 24 h of detection. Also the proof that a regime is data.

const AWARE = at('2025-06-06T15:42:10Z');
const telecom = (over: Parameters<typeof facts>[0] = {}) => facts({ ...over, organization: { telecom: true, ...over.organization } });

describe('eprivacy/notify_authority', () => {
  it('a German telecom provider notifies the BfDI and the Bundesnetzagentur within 24 h (§ 169 TKG)', () => {
    const d = derive(telecom());
    // Its GDPR authority is the BfDI too (§ 9(1) BDSG), not the authority of its Land.
    expect(keysOf(d)).toEqual([
      'gdpr/notify_authority/de-bfdi',
      'eprivacy/notify_authority/de-bfdi',
      'eprivacy/notify_authority/de-bnetza',
    ]);
    for (const key of ['eprivacy/notify_authority/de-bfdi', 'eprivacy/notify_authority/de-bnetza']) {
      expect(spec(d, key)).toMatchObject({ startsAt: AWARE, dueAt: at('2025-06-07T15:42:10Z'), lateNeedsReasons: true });
    }
  });

  it('applies whatever the risk: a decision not to notify under the GDPR leaves it in place', () => {
    const d = derive(telecom({ decisions: { notifyAuthority: false, decidedAt: at('2025-06-06T18:00:00Z') } }));
    expect(keysOf(d)).toEqual(['eprivacy/notify_authority/de-bfdi', 'eprivacy/notify_authority/de-bnetza']);
  });

  it('a French provider notifies the CNIL, named by its id in the authority directory', () => {
    const d = derive(
      telecom({
        organization: { country: 'FR', region: null, euMainEstablishment: { country: 'FR', region: null } },
        incident: { affectedCountries: ['FR'] },
      }),
    );
    expect(spec(d, 'eprivacy/notify_authority/fr').recipient).toEqual({
      kind: 'authority',
      authorityId: 'fr',
      name: 'National Commission on Informatics and Liberty (CNIL)',
      country: 'FR',
    });
  });

  it('does not exist for other organizations or for a processor draft', () => {
    expect(derive(facts()).exclusions.find((e) => e.regime === 'eprivacy')?.reason).toBe(
      'the organization is not a provider of publicly available electronic communications services',
    );
    expect(keysOf(derive(telecom({ incident: { submitted: false, controllerAwareAt: null } })))).toEqual([]);
  });
});

describe('a regime is data: the engine follows the entry and knows no regime by name', () => {
  it('derives the duty from the entry alone', () => {
    const d = derive(telecom(), [EPRIVACY_NOTIFY_AUTHORITY]);
    expect(keysOf(d)).toEqual(['eprivacy/notify_authority/de-bfdi', 'eprivacy/notify_authority/de-bnetza']);
  });

  it('a changed entry changes the result: another period, another recipient rule, another condition', () => {
    const variant: RegimeEntry = {
      ...EPRIVACY_NOTIFY_AUTHORITY,
      appliesWhen: [{ fact: 'profile', flag: 'telecom' }, { fact: 'submitted' }, { fact: 'territory', territory: 'GB' }],
      period: { kind: 'hours', hours: 36 },
      recipient: { kind: 'authority', from: 'authority', authorityId: 'gb' },
    };
    expect(keysOf(derive(telecom(), [variant]))).toEqual([]);
    const d = derive(telecom({ incident: { affectedCountries: ['DE', 'GB'] } }), [variant]);
    expect(keysOf(d)).toEqual(['eprivacy/notify_authority/gb']);
    expect(iso(spec(d, 'eprivacy/notify_authority/gb').dueAt)).toBe('2025-06-08T03:42:10.000Z');
  });

  it('no engine file has a line for ePrivacy or branches on a regime name: only regimes/ and the data do', () => {
    const engine = fs.readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && f !== 'index.ts');
    expect(engine.length).toBeGreaterThan(8);
    const code = (f: string) => fs.readFileSync(path.join(__dirname, f), 'utf8').replace(/\/\/.*$/gm, '');
    expect(engine.filter((f) => /eprivacy|611\/2013/i.test(code(f)) && f !== 'model.ts')).toEqual([]);
    expect(engine.filter((f) => /regime\s*[!=]==?\s*'/.test(code(f)))).toEqual([]);
  });
});
