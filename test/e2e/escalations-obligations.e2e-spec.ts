import { EscalationDispatcher } from '../../src/escalations/escalation-dispatcher.service';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { at, AWARE, fileOwnBreach, HOUR, mailsOf, world, World } from '../support/escalation-world';
import { CapturedMail, TestSmtpServer } from '../support/smtp';
import { startTestApp, TestApp } from '../support/test-app';

// Escalations per obligation: each duty of an incident has its own milestones (or reminders), its
// own mails and its own "I have this".
describe('escalation mails per obligation', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  const dispatch = (now: Date | string) => t.get(EscalationDispatcher).dispatchDue(new Date(now));
  const after = (hours: number) => new Date(Date.parse(AWARE) + hours * HOUR);

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    await smtp.start();
  });
  afterAll(() => smtp.stop());
  beforeEach(async () => {
    smtp.mails.length = 0;
    t = await startTestApp({ env: { SMTP_URL: smtp.url } });
  });
  afterEach(() => t.close());

  const duties = async (w: World, id: string) =>
    (await t.request('GET', `/api/v1/incidents/${id}/obligations`, { token: w.dpoToken })).body.items as {
      id: string;
      key: string;
      acknowledgedBy: string | null;
    }[];
  const keyOf = (mail: CapturedMail, list: { id: string; key: string }[]) =>
    list.find((o) => o.id === mail.headers['x-breachclock-obligation'])?.key;
  const sent = (id: string, list: { id: string; key: string }[]) =>
    mailsOf(smtp.mails, id)
      .map((m) => `${keyOf(m, list)} ${m.headers['x-breachclock-milestone']} ${m.to[0]}`)
      .sort();

  it('gives a US controller with people in France and Italy separate milestone mails per duty; filing with the CNIL cancels only its mails', async () => {
    const w = await world(t, { country: 'US' });
    const id = await fileOwnBreach(t, w, AWARE, AWARE, 'Customer list exposed', ['FR', 'IT']);
    const list = await duties(w, id);
    expect(list.map((o) => o.key).sort()).toEqual([
      'contract/report_to_controller/controller',
      'gdpr/notify_authority/fr',
      'gdpr/notify_authority/it',
    ]);

    expect(await dispatch(at(48))).toMatchObject({ sent: 4 });
    expect(sent(id, list)).toEqual(
      [
        `gdpr/notify_authority/fr T-48h ${w.dpoEmail}`,
        `gdpr/notify_authority/fr T-48h ${w.contactEmail}`,
        `gdpr/notify_authority/it T-48h ${w.dpoEmail}`,
        `gdpr/notify_authority/it T-48h ${w.contactEmail}`,
      ].sort(),
    );
    const mails = mailsOf(smtp.mails, id);
    expect(new Set(mails.map((m) => m.headers['message-id'])).size).toBe(4);
    const toDpo = mails.filter((m) => m.to[0] === w.dpoEmail).map((m) => m.subject);
    expect(toDpo.sort()).toEqual([expect.stringContaining('(CNIL) bis'), expect.stringContaining('(GPDP) bis')].sort());
    // One thread per duty: the CNIL's mails refer to the CNIL duty, the Garante's to the Garante's.
    const cnil = list.find((o) => o.key === 'gdpr/notify_authority/fr')!;
    expect(mails.filter((m) => m.headers['references'] === `<obligation.${cnil.id}@breachclock.test>`)).toHaveLength(2);

    t.clock.set(at(30));
    const filed = await t.request('POST', `/api/v1/incidents/${id}/notifications`, {
      token: w.dpoToken,
      body: { kind: 'authority_initial', authorityId: 'fr', sentAt: at(30).toISOString() },
    });
    expect(filed.status).toBe(201);
    const pending = await t.dataSource.query(
      `SELECT o.key, e.status, count(*)::int AS n FROM escalation e JOIN obligation o ON o.id = e.obligation_id
       WHERE e.incident_id = $1 AND e.status IN ('pending', 'cancelled') GROUP BY 1, 2 ORDER BY 1, 2`,
      [id],
    );
    expect(pending).toEqual([
      { key: 'gdpr/notify_authority/fr', status: 'cancelled', n: 10 },
      { key: 'gdpr/notify_authority/it', status: 'pending', n: 10 },
    ]);
    smtp.mails.length = 0;
    expect(await dispatch(at(24))).toMatchObject({ sent: 2 });
    expect(sent(id, list)).toEqual(
      [`gdpr/notify_authority/it T-24h ${w.contactEmail}`, `gdpr/notify_authority/it T-24h ${w.dpoEmail}`].sort(),
    );
  });

  it('acknowledging one duty keeps the deputies quiet for that duty only', async () => {
    const w = await world(t, { country: 'US', deputies: true });
    const id = await fileOwnBreach(t, w, AWARE, AWARE, 'Customer list exposed', ['FR', 'IT']);
    const list = await duties(w, id);
    await dispatch(at(48));
    const cnil = list.find((o) => o.key === 'gdpr/notify_authority/fr')!;
    const mail = smtp.mails.find((m) => m.to[0] === w.dpoEmail && m.headers['x-breachclock-obligation'] === cnil.id)!;
    const link = /https:\/\/breachclock\.test(\/ack\/\S+)/.exec(mail.text)![1];
    t.clock.set(at(47));
    expect((await t.request('POST', link)).text).toContain('you are now the owner');

    const owners = Object.fromEntries((await duties(w, id)).map((o) => [o.key, o.acknowledgedBy]));
    expect(owners).toMatchObject({ 'gdpr/notify_authority/fr': w.dpoEmail, 'gdpr/notify_authority/it': null });
    smtp.mails.length = 0;
    await dispatch(at(24));
    expect(sent(id, list)).toEqual(
      [
        `gdpr/notify_authority/fr T-24h ${w.contactEmail}`,
        `gdpr/notify_authority/fr T-24h ${w.dpoEmail}`,
        `gdpr/notify_authority/it T-24h ${w.contactEmail}`,
        `gdpr/notify_authority/it T-24h ${w.deputyEmail}`,
        `gdpr/notify_authority/it T-24h ${w.dpoEmail}`,
      ].sort(),
    );
    // The link of the CNIL duty's mail acknowledges that duty, not the incident.
    const garanteMail = mailsOf(smtp.mails, id).find((m) => m.to[0] === w.dpoEmail && keyOf(m, list) === 'gdpr/notify_authority/it')!;
    expect(garanteMail.text).toContain('Noch niemand hat diese Pflicht übernommen.');
  });

  it('reminds the DPO of a Swiss duty without a deadline every day until it is filed, and not after', async () => {
    const w = await world(t, { country: 'CH' });
    const id = await fileOwnBreach(t, w, AWARE, AWARE, 'Customer list exposed', ['CH']);
    const fdpic = (await duties(w, id)).find((o) => o.key === 'ch_fadp/notify_authority/ch')!;
    expect(fdpic).toBeDefined();

    expect(await dispatch(after(23))).toMatchObject({ sent: 0 });
    expect(await dispatch(after(24))).toMatchObject({ sent: 1 });
    const [first] = mailsOf(smtp.mails, id);
    expect(first.to[0]).toBe(w.dpoEmail); // the DPO only, not the contract's contacts
    expect(first.headers['x-breachclock-milestone']).toBe('R1');
    expect(first.headers['x-breachclock-duty']).toBe('ch_fadp/notify_authority');
    expect(first.subject).toMatch(/^\[breachclock\] Erinnerung BC-2025-\d{6}: Meldung an den EDÖB \(FDPIC\), offen seit 6\. Juni 2025/);
    expect(first.text).toContain('Offen seit 6. Juni 2025 um 12:00 (UTC+02:00, Europe/Berlin).');
    expect(first.text).toContain('Rechtsgrundlage: ');
    expect(await dispatch(new Date(after(24).getTime() + 1000))).toMatchObject({ sent: 0 }); // once a day

    expect(await dispatch(after(48))).toMatchObject({ sent: 1 });
    // Nobody dispatched for two and a half days: one reminder at once, not the missed ones too.
    expect(await dispatch(after(48 + 60))).toMatchObject({ sent: 1 });
    expect(mailsOf(smtp.mails, id).map((m) => m.headers['x-breachclock-milestone'])).toEqual(['R1', 'R2', 'R3']);
    const pending = await t.dataSource.query(`SELECT milestone, due_at FROM escalation WHERE incident_id = $1 AND status = 'pending'`, [
      id,
    ]);
    expect(pending).toEqual([{ milestone: 'R4', due_at: after(120) }]);

    t.clock.set(after(110));
    const filed = await t.request('POST', `/api/v1/incidents/${id}/notifications`, {
      token: w.dpoToken,
      // (the notification record still asks for reasons after 72 hours)
      body: { obligationId: fdpic.id, sentAt: after(110).toISOString(), reasonsForDelay: 'The FDPIC form needed the forensic report.' },
    });
    expect([filed.status, filed.body.detail]).toEqual([201, undefined]);
    smtp.mails.length = 0;
    expect(await dispatch(after(200))).toMatchObject({ sent: 0 });
    expect(mailsOf(smtp.mails, id)).toEqual([]);
    expect(
      await t.dataSource.query(`SELECT count(*)::int AS n FROM escalation WHERE incident_id = $1 AND status = 'pending'`, [id]),
    ).toEqual([{ n: 0 }]);
  });

  it('sends no reminder when the contract turns them off, and follows the organization otherwise', async () => {
    const off = await world(t, { country: 'CH', reminders: 'off' });
    const quiet = await fileOwnBreach(t, off, AWARE, AWARE, 'Customer list exposed', ['CH']);
    await dispatch(after(100));
    expect(mailsOf(smtp.mails, quiet)).toEqual([]);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM escalation WHERE incident_id = $1`, [quiet])).toEqual([{ n: 0 }]);

    // The organization reminds every 12 hours; the contract says nothing.
    const w = await world(t, { country: 'CH' });
    await t.get(IdentityService).setReminders(w.controllerSlug, '12h', CLI_ACTOR);
    const id = await fileOwnBreach(t, w, AWARE, AWARE, 'Customer list exposed', ['CH']);
    expect(await dispatch(after(12))).toMatchObject({ sent: 1 });
    expect(await dispatch(after(24))).toMatchObject({ sent: 1 });

    // The contract turns them off through the API: the pending reminder is cancelled at the duty's next change.
    const put = await t.request('PUT', `/api/v1/contracts/${w.contractId}/escalation`, { token: w.dpoToken, body: { reminders: 'off' } });
    expect(put.status).toBe(200);
    expect(put.body.escalation.reminders).toBe('off');
    expect(
      (await t.request('PUT', `/api/v1/contracts/${w.contractId}/escalation`, { token: w.dpoToken, body: { reminders: 'hourly' } })).status,
    ).toBe(400);
    smtp.mails.length = 0;
    await dispatch(after(36)); // the reminder planned before the change goes out, but plans no next one
    await dispatch(after(100));
    expect(mailsOf(smtp.mails, id).map((m) => m.headers['x-breachclock-milestone'])).toEqual(['R3']);
  });
});
