import data from '../data/authorities.json';
import { Authority, EU_EEA } from './authority';
import { resolveCompetent, resolveTargets } from './resolve-authority';

const all = data.authorities as Authority[];
const idOf = (r: ReturnType<typeof resolveCompetent>) => (r.ok ? r.authority.id : `error:${r.path}`);

describe('competent authority', () => {
  it.each([
    ['DE-BW', 'de-bw'],
    ['DE-BY', 'de-by-lda'],
    ['DE-BE', 'de-be'],
    ['DE-BB', 'de-bb'],
    ['DE-HB', 'de-hb'],
    ['DE-HH', 'de-hh'],
    ['DE-HE', 'de-he'],
    ['DE-MV', 'de-mv'],
    ['DE-NI', 'de-ni'],
    ['DE-NW', 'de-nw'],
    ['DE-RP', 'de-rp'],
    ['DE-SL', 'de-sl'],
    ['DE-SN', 'de-sn'],
    ['DE-ST', 'de-st'],
    ['DE-SH', 'de-sh'],
    ['DE-TH', 'de-th'],
  ])('a private controller in %s notifies %s (§ 40 BDSG)', (region, id) => {
    expect(idOf(resolveCompetent(all, { country: 'DE', region, sector: 'private' }))).toBe(id);
  });

  it('splits Bavaria by sector: BayLDA for private, BayLfD for public bodies', () => {
    expect(idOf(resolveCompetent(all, { country: 'DE', region: 'DE-BY', sector: 'private' }))).toBe('de-by-lda');
    expect(idOf(resolveCompetent(all, { country: 'DE', region: 'DE-BY', sector: 'public' }))).toBe('de-by-lfd');
  });

  it('sends Land public bodies to the Land commissioner and federal public bodies to the BfDI', () => {
    expect(idOf(resolveCompetent(all, { country: 'DE', region: 'DE-HE', sector: 'public' }))).toBe('de-he');
    expect(idOf(resolveCompetent(all, { country: 'DE', region: null, sector: 'public' }))).toBe('de-bfdi');
  });

  it('routes German public bodies by their recorded level, not by whether a region is given', () => {
    // A federal body seated in a Land (e.g. a federal agency in Bonn) → the BfDI, not the Land.
    expect(idOf(resolveCompetent(all, { country: 'DE', region: 'DE-NW', sector: 'public', publicLevel: 'federal' }))).toBe('de-bfdi');
    // A Land body → its Land commissioner; in Bavaria the BayLfD, not the BayLDA.
    expect(idOf(resolveCompetent(all, { country: 'DE', region: 'DE-NW', sector: 'public', publicLevel: 'state' }))).toBe('de-nw');
    expect(idOf(resolveCompetent(all, { country: 'DE', region: 'DE-BY', sector: 'public', publicLevel: 'state' }))).toBe('de-by-lfd');
    // A Land body without its Land cannot be routed: never to the BfDI by default.
    expect(idOf(resolveCompetent(all, { country: 'DE', region: null, sector: 'public', publicLevel: 'state' }))).toBe('error:region');
    const rule = resolveCompetent(all, { country: 'DE', region: 'DE-NW', sector: 'public', publicLevel: 'federal' });
    expect(rule.ok && rule.rule).toMatch(/§ 9\(1\) BDSG/);
  });

  it('sends telecommunications and postal providers to the BfDI whatever their Land (§ 9(1) BDSG, § 29 TDDDG, Postgesetz)', () => {
    const telecom = resolveCompetent(all, { country: 'DE', region: 'DE-BW', sector: 'private', telecom: true });
    expect(idOf(telecom)).toBe('de-bfdi');
    expect(telecom.ok && telecom.rule).toMatch(/§ 9\(1\) BDSG, § 29 TDDDG/);
    expect(idOf(resolveCompetent(all, { country: 'DE', region: 'DE-BY', sector: 'private', postal: true }))).toBe('de-bfdi');
    // Outside Germany the markers change nothing here (the national authority).
    expect(idOf(resolveCompetent(all, { country: 'FR', sector: 'private', telecom: true }))).toBe('fr');
  });

  it('needs the Land for a German private controller, and a real one', () => {
    expect(idOf(resolveCompetent(all, { country: 'DE', region: null, sector: 'private' }))).toBe('error:region');
    expect(idOf(resolveCompetent(all, { country: 'DE', region: 'DE-XX', sector: 'private' }))).toBe('error:region');
  });

  it.each(EU_EEA.filter((c) => c !== 'DE'))('%s has its national authority', (country) => {
    const r = resolveCompetent(all, { country, sector: 'private' });
    expect(r.ok && r.authority.country).toBe(country);
  });

  it('sends GB to the ICO and CH to the FDPIC; unknown countries are an error naming country', () => {
    expect(idOf(resolveCompetent(all, { country: 'GB', sector: 'private' }))).toBe('gb');
    expect(idOf(resolveCompetent(all, { country: 'CH', sector: 'private' }))).toBe('ch');
    expect(idOf(resolveCompetent(all, { country: 'US', sector: 'private' }))).toBe('error:country');
  });

  it('D23: a GmbH seated in Freiburg (DE-BW) notifies the LfDI Baden-Württemberg', () => {
    expect(idOf(resolveCompetent(all, { country: 'DE', region: 'DE-BW', sector: 'private' }))).toBe('de-bw');
  });
});

describe('notification targets', () => {
  const ids = (r: ReturnType<typeof resolveTargets>) => ('targets' in r ? r.targets.map((t) => t.authority.id) : r);

  it('cross-border: the lead authority of the main establishment only', () => {
    const r = resolveTargets(all, {
      mainEstablishment: { country: 'DE', region: 'DE-HE', sector: 'private' },
      affectedCountries: ['DE', 'FR', 'AT'],
    });
    expect(ids(r)).toEqual(['de-he']);
    expect('targets' in r && r.targets[0].rule).toMatch(/lead authority/);
  });

  it('D22: no EU establishment → one authority per member state of the people, the German Land unresolved', () => {
    const r = resolveTargets(all, { mainEstablishment: { country: 'US', sector: 'private' }, affectedCountries: ['DE', 'FR', 'IT'] });
    expect(ids(r)).toEqual(['fr', 'it']);
    expect('unresolved' in r && r.unresolved.map((u) => u.country)).toEqual(['DE']);
  });

  it('people in GB or CH add the ICO and the FDPIC', () => {
    expect(
      ids(
        resolveTargets(all, {
          mainEstablishment: { country: 'DE', region: 'DE-BW', sector: 'private' },
          affectedCountries: ['DE', 'GB', 'CH'],
        }),
      ),
    ).toEqual(['de-bw', 'gb', 'ch']);
  });

  it("an organization's override wins, and must exist", () => {
    expect(
      ids(
        resolveTargets(all, {
          mainEstablishment: { country: 'DE', region: 'DE-BW', sector: 'private' },
          affectedCountries: [],
          overrideAuthorityId: 'de-bfdi',
        }),
      ),
    ).toEqual(['de-bfdi']);
    expect(resolveTargets(all, { mainEstablishment: null, affectedCountries: [], overrideAuthorityId: 'nope' })).toEqual({
      path: 'authorityOverrideId',
      message: 'no authority nope',
    });
  });
});
