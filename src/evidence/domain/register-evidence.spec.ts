import { EVIDENCE_FORMAT, EVIDENCE_VERSION, sealBundle } from './evidence-bundle';
import { sealRegisterEvidence, verifyAnyEvidence } from './register-evidence';

const incidentBundle = (id: string, reference: string) =>
  sealBundle(
    { format: EVIDENCE_FORMAT, version: EVIDENCE_VERSION, exportedAt: '2025-07-01T00:00:00.000Z', exportedBy: 'cli', side: 'controller' },
    { incident: { id, reference }, facts: [], assessments: [], decisions: [], notifications: [], obligations: [], events: [] },
  );

const sealed = () =>
  sealRegisterEvidence(
    {
      exportedAt: '2025-07-01T00:00:00.000Z',
      exportedBy: 'cli',
      organization: { id: 'o1', slug: 'acme', name: 'ACME' },
      period: { from: '2025-06-01', to: '2025-06-30', timeZone: 'Europe/Berlin', by: 'discoveredAt' },
    },
    [
      { id: 'a', reference: 'BC-2025-000001', discoveredAt: '2025-06-01T00:30:00+02:00', title: 'Lost laptop' },
      { id: 'b', reference: 'BC-2025-000002', discoveredAt: '2025-06-30T23:59:00+02:00', title: 'Wrong recipient' },
    ],
    [incidentBundle('a', 'BC-2025-000001'), incidentBundle('b', 'BC-2025-000002')],
  );

describe('register evidence', () => {
  it('hashes the head, every entry and every incident bundle, and verifies', () => {
    const bundle = sealed();
    expect(Object.keys(bundle.manifest.parts)).toEqual([
      'head',
      'register/BC-2025-000001',
      'register/BC-2025-000002',
      'incidents/BC-2025-000001',
      'incidents/BC-2025-000002',
    ]);
    const { kind, report } = verifyAnyEvidence(JSON.parse(JSON.stringify(bundle)));
    expect(kind).toBe('register evidence bundle');
    expect(report.broken).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.intact).toContain('incidents/BC-2025-000002: evidence bundle intact');
    expect(report.intact).toContain('register: 2 entries, 2 incident bundles');
  });

  it('names the tampered entry, the broken incident bundle and a changed period', () => {
    const bundle = sealed();
    bundle.register[1].title = 'Nothing happened';
    (bundle.incidents[0].incident as { title?: string }).title = 'Edited';
    expect(verifyAnyEvidence(bundle).report.broken).toEqual([
      'register/BC-2025-000002: its SHA-256 differs from the manifest',
      'incidents/BC-2025-000001: its SHA-256 differs from the manifest',
      'incidents/BC-2025-000001: section incident: its SHA-256 differs from the manifest',
    ]);
    const moved = sealed();
    moved.period.to = '2025-06-29';
    expect(verifyAnyEvidence(moved).report.broken).toEqual([
      'head: its SHA-256 differs from the manifest',
      'register/BC-2025-000002: discovered outside the period',
    ]);
  });

  it('names an incident left out of the file, and one slipped in', () => {
    const dropped = sealed();
    dropped.incidents.pop();
    expect(verifyAnyEvidence(dropped).report.broken).toEqual([
      'incidents/BC-2025-000002: in the manifest, missing from the file',
      'register/BC-2025-000002: no evidence bundle of the incident',
    ]);
    const added = sealed();
    added.incidents.push(incidentBundle('c', 'BC-2025-000003'));
    expect(verifyAnyEvidence(added).report.broken).toEqual([
      'incidents/BC-2025-000003: not in the manifest',
      'incidents/BC-2025-000003: no register entry',
    ]);
  });

  it('still takes one incident bundle', () => {
    const { kind, report } = verifyAnyEvidence(incidentBundle('a', 'BC-2025-000001'));
    expect(kind).toBe('evidence bundle');
    expect(report.ok).toBe(true);
    expect(verifyAnyEvidence({ format: 'something else' }).report.broken).toEqual(['not a breachclock evidence bundle']);
  });
});
