import { archiveFileName, confirmInput, confirmModel, goodbyeModel, offboardingModel } from './offboarding-page.view-model';

describe('the offboarding page', () => {
  it('names the archive after the slug and the day of the export', () => {
    expect(archiveFileName('acme-gmbh', '2026-11-27T23:59:59.000Z')).toBe('breachclock-acme-gmbh-2026-11-27.json');
  });

  it('reads the typed slug; anything but one text is no slug', () => {
    expect(confirmInput({ confirm: ' acme ' })).toBe('acme');
    expect(confirmInput({ confirm: ['acme', 'acme'] })).toBe('');
    expect(confirmInput({})).toBe('');
  });

  it('lists what goes and what stays, in both languages', () => {
    const en = offboardingModel('en');
    expect(en.goes).toHaveLength(3);
    expect(en.stays[0]).toMatch(/^A report you submitted as processor stays with the controller/);
    expect(en.nav.find((n) => n.current)).toEqual({
      href: '/admin/offboarding',
      label: 'Export and delete',
      help: expect.any(String),
      current: true,
    });
    const de = offboardingModel('de');
    expect(de.title).toBe('Export und Löschung');
    expect(de.stays).toHaveLength(2);
  });

  it('puts a wrong slug at its field and in the summary, and names the slug to type', () => {
    const org = { slug: 'acme', name: 'Acme GmbH' };
    const fresh = confirmModel('en', org, '', false);
    expect(fresh.title).toBe('Confirm the deletion of Acme GmbH');
    expect(fresh.help).toContain('acme');
    expect(fresh.e).toEqual({ confirm: null });
    expect(fresh.errors).toEqual([]);
    const wrong = confirmModel('de', org, 'acm', true);
    expect(wrong.typed).toBe('acm');
    expect(wrong.e.confirm).toBe('Das ist nicht der Kurzname Ihrer Organisation. Es wurde nichts gelöscht.');
    expect(wrong.errors).toEqual([{ href: '#confirm', label: 'Kurzname der Organisation', message: wrong.e.confirm }]);
  });

  it('says goodbye with what was deleted and what stays', () => {
    const bye = goodbyeModel('en', 'Acme GmbH', {
      incidentsDeleted: 3,
      contractsDeleted: 1,
      usersDeleted: 2,
      incidentsKeptByControllers: 0,
    });
    expect(bye.message).toBe('Acme GmbH and its data are deleted; you are signed out. Thank you for using breachclock.');
    expect(bye.summary).toBe(
      'Deleted: incidents 3, contracts 1, users 2. Reports that stay with their controllers without your people: 0.',
    );
  });
});
