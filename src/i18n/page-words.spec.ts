import { wordsFor } from './page-words';

describe("the pages' words", () => {
  it('take a phrase the catalog already has from there, in the case a label wants', () => {
    const de = wordsFor('de');
    const en = wordsFor('en');
    expect([de.authority, en.authority, en.processor_to_controller]).toEqual([
      'Meldung an die Aufsichtsbehörde',
      'Notify the supervisory authority',
      'Report to the controller',
    ]);
    expect([de.cause, en.cause, de.likelyConsequences, en.subjects, en.phone]).toEqual([
      'Ursache',
      'Cause',
      'Wahrscheinliche Folgen',
      'Approximate number of data subjects',
      'Phone',
    ]);
    expect([de.overdue, de.band_overdue, en.passwordHeading, en.changePassword]).toEqual([
      'überschritten',
      'überschritten',
      'Change password',
      'Change password',
    ]);
  });
});
