import * as fs from 'node:fs';
import * as path from 'node:path';
import { EscalationDispatcher } from '../../src/escalations/escalation-dispatcher.service';
import { TEST_ENGINE } from '../support/db';
import { at, AWARE, fileOwnBreach, HOUR, mailsOf as of, milestonesOf, world } from '../support/escalation-world';
import { TestSmtpServer, parseMail } from '../support/smtp';
import { startTestApp, TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';

describe('escalation mails', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let dispatch: (now: Date) => ReturnType<EscalationDispatcher['dispatchDue']>;

  // A fresh database per test: counts of sent, skipped and failed mails are this test's alone.
  beforeAll(async () => {
    smtp = new TestSmtpServer();
    await smtp.start();
  });
  afterAll(() => smtp.stop());
  beforeEach(async () => {
    smtp.mails.length = 0;
    smtp.refuseAll = false;
    smtp.refuseNext = 0;
    t = await startTestApp({ env: { SMTP_URL: smtp.url, ESCALATION_MAX_ATTEMPTS: '3', ESCALATION_RETRY_BASE_MS: '60000' } });
    dispatch = (now) => t.get(EscalationDispatcher).dispatchDue(now);
  });
  afterEach(() => t.close());

  it('walks a clock through every milestone: each mail once, in order, to each recipient, and none after the notification', async () => {
    const w = await world(t);
    const id = await fileOwnBreach(t, w);
    const seen: string[] = [];
    for (const [hours, label] of [
      [48, 'T-48h'],
      [24, 'T-24h'],
      [12, 'T-12h'],
      [4, 'T-4h'],
      [1, 'T-1h'],
    ] as const) {
      t.clock.set(at(hours));
      const result = await dispatch(at(hours));
      expect(result).toMatchObject({ sent: 2, failed: 0 });
      await dispatch(new Date(at(hours).getTime() + 1000)); // a second tick sends nothing twice
      seen.push(...milestonesOf(smtp.mails.splice(0)));
      expect(seen.slice(-2).every((s) => s.startsWith(`${label} `))).toBe(true);
    }
    expect(seen).toHaveLength(10);

    t.clock.set(at(0.5));
    await t.request('POST', `/api/v1/incidents/${id}/notifications`, {
      token: w.dpoToken,
      body: { kind: 'authority_initial', sentAt: at(0.5).toISOString() },
    });
    t.clock.set(at(0));
    expect(await dispatch(at(0))).toMatchObject({ sent: 0 });
    expect(smtp.mails).toHaveLength(0);
    const rows = await t.dataSource.query(
      `SELECT milestone, status, count(*)::int AS n FROM escalation WHERE incident_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [id],
    );
    expect(rows).toContainEqual({ milestone: 'T-0', status: 'cancelled', n: 2 });
  });

  it('carries the X-Breachclock headers, a deterministic Message-ID, the recipient language and zone, and what is missing', async () => {
    const w = await world(t);
    const id = await fileOwnBreach(t, w);
    await dispatch(at(24));
    const de = smtp.mails.find((m) => m.to[0] === w.dpoEmail)!;
    const en = smtp.mails.find((m) => m.to[0] !== w.dpoEmail)!;
    expect(de.headers['x-breachclock-incident']).toBe(id);
    expect(de.headers['x-breachclock-deadline']).toBe('authority');
    expect(de.headers['x-breachclock-milestone']).toBe('T-24h');
    const [row] = await t.dataSource.query(
      `SELECT id, message_id FROM escalation WHERE incident_id = $1 AND recipient_email = $2 AND milestone = 'T-24h'`,
      [id, w.dpoEmail],
    );
    expect(de.headers['message-id']).toBe(row.message_id);
    expect(row.message_id).toBe(`<escalation.${row.id}@breachclock.test>`);
    expect(de.subject).toMatch(
      /^\[breachclock\] T-24h BC-2025-\d{6}: Meldung an die Aufsichtsbehörde \(HBDI\) bis 9\. Juni 2025 um 12:00 \(UTC\+02:00\)$/,
    );
    expect(de.text).toContain('Verbleibende Zeit: 1 Tag 0 min.');
    expect(de.text).toContain('endet am 9. Juni 2025 um 12:00 (UTC+02:00, Europe/Berlin).');
    expect(de.text).toContain('In der Meldung fehlen noch:');
    expect(de.text).toContain(`https://breachclock.test/incidents/${id}`);
    expect(en.subject).toContain('Notify the supervisory authority (HBDI) by 9 June 2025 at 12:00 (UTC+02:00)');
    // The mail names the duty, its recipient and legal basis, and threads with the duty's other mails.
    const duty = (await t.request('GET', `/api/v1/incidents/${id}/obligations`, { token: w.dpoToken })).body.items.find(
      (o: { regime: string }) => o.regime === 'gdpr',
    );
    expect(de.headers['x-breachclock-obligation']).toBe(duty.id);
    expect(de.headers['x-breachclock-duty']).toBe('gdpr/notify_authority');
    expect(de.headers['references']).toBe(`<obligation.${duty.id}@breachclock.test>`);
    expect(de.text).toContain(
      '„Meldung an die Aufsichtsbehörde“ (Hessian Commissioner for Data Protection and Freedom of Information (HBDI))',
    );
    expect(de.text).toContain(`Rechtsgrundlage: ${duty.legalBasis}`);
    expect(en.text).toContain(`Legal basis: ${duty.legalBasis}`);
    expect(en.text).toContain('Hello Iris Security,');
  });

  it('sends only the latest of the milestones missed during downtime', async () => {
    const w = await world(t);
    const id = await fileOwnBreach(t, w);
    await dispatch(at(48));
    smtp.mails.length = 0;
    // Down from T-48h until just after T-1h: T-24h, T-12h, T-4h and T-1h are all due at once.
    const result = await dispatch(new Date(at(1).getTime() + 60_000));
    expect(result).toMatchObject({ sent: 2, skipped: 6 });
    expect(milestonesOf(smtp.mails).map((s) => s.split(' ')[0])).toEqual(['T-1h', 'T-1h']);
    const skipped = await t.dataSource.query(
      `SELECT DISTINCT milestone FROM escalation WHERE incident_id = $1 AND status = 'skipped' ORDER BY 1`,
      [id],
    );
    expect(skipped.map((r: { milestone: string }) => r.milestone)).toEqual(['T-12h', 'T-24h', 'T-4h']);
  });

  it('sends only the latest past milestone when a clock starts late, then the rest on time', async () => {
    const w = await world(t);
    // Filed at AWARE, but the controller was aware 62 h earlier: due in 10 h. T-48h, T-24h and T-12h are past.
    await fileOwnBreach(t, w, new Date(Date.parse(AWARE) - 62 * HOUR).toISOString(), AWARE);
    const due = Date.parse(AWARE) + 10 * HOUR;
    const result = await dispatch(new Date(AWARE));
    expect(result).toMatchObject({ sent: 2, skipped: 4 });
    expect(milestonesOf(smtp.mails).map((s) => s.split(' ')[0])).toEqual(['T-12h', 'T-12h']);
    smtp.mails.length = 0;
    await dispatch(new Date(due - 4 * HOUR));
    expect(milestonesOf(smtp.mails).map((s) => s.split(' ')[0])).toEqual(['T-4h', 'T-4h']);
  });

  it('re-plans pending milestones when controllerAwareAt moves, and never re-sends a sent one', async () => {
    const w = await world(t);
    const id = await fileOwnBreach(t, w);
    await dispatch(at(48));
    smtp.mails.length = 0;
    t.clock.set(at(30));
    const current = await t.request('GET', `/api/v1/incidents/${id}`, { token: w.dpoToken });
    const moved = await t.request('PATCH', `/api/v1/incidents/${id}`, {
      token: w.dpoToken,
      headers: { 'if-match': `"${current.body.version}"` },
      body: {
        controllerAwareAt: new Date(Date.parse(AWARE) - 10 * HOUR).toISOString(),
        discoveredAt: new Date(Date.parse(AWARE) - 10 * HOUR).toISOString(),
        reason: 'The processor had phoned ten hours earlier.',
      },
    });
    expect(moved.status).toBe(200);
    // New due: DUE − 10 h. At "old T-24h" (= new T-14h) the new T-24h (due 10 h earlier) has passed: it goes out now.
    await dispatch(at(24));
    expect(milestonesOf(smtp.mails).map((s) => s.split(' ')[0])).toEqual(['T-24h', 'T-24h']);
    const sentCount = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM escalation WHERE incident_id = $1 AND milestone = 'T-48h' AND status = 'sent'`,
      [id],
    );
    expect(sentCount[0].n).toBe(2);
  });

  it('uses the milestones of the contract', async () => {
    const w = await world(t, { milestones: '24h,0h' });
    const id = await fileOwnBreach(t, w);
    const rows = await t.dataSource.query(`SELECT DISTINCT milestone, due_at FROM escalation WHERE incident_id = $1 ORDER BY due_at`, [id]);
    expect(rows.map((r: { milestone: string }) => r.milestone)).toEqual(['T-24h', 'T-0']);
  });

  it('retries a refused mail with backoff until it is accepted, keeping the attempts', async () => {
    const w = await world(t);
    const id = await fileOwnBreach(t, w);
    smtp.refuseNext = 2; // both T-48h mails refused once
    expect(await dispatch(at(48))).toMatchObject({ sent: 0, retried: 2 });
    const [row] = await t.dataSource.query(
      `SELECT attempts, status, last_error, next_attempt_at FROM escalation WHERE incident_id = $1 AND milestone = 'T-48h' LIMIT 1`,
      [id],
    );
    expect(row).toMatchObject({ attempts: 1, status: 'pending' });
    expect(row.last_error).toMatch(/451/);
    expect(new Date(row.next_attempt_at).getTime() - at(48).getTime()).toBeGreaterThanOrEqual(30_000);
    expect(await dispatch(new Date(at(48).getTime() + 10_000))).toMatchObject({ sent: 0, retried: 0 }); // not before the backoff
    expect(await dispatch(new Date(at(48).getTime() + 2 * 60_000))).toMatchObject({ sent: 2 });
    const sent = await t.dataSource.query(`SELECT attempts, status FROM escalation WHERE incident_id = $1 AND milestone = 'T-48h'`, [id]);
    expect(sent).toEqual([
      { attempts: 2, status: 'sent' },
      { attempts: 2, status: 'sent' },
    ]);
  });

  it('marks a mail failed after the retry budget, reports degraded health, lists it and can send it again', async () => {
    const w = await world(t);
    const id = await fileOwnBreach(t, w);
    smtp.refuseAll = true;
    let now = at(48);
    for (let i = 0; i < 3; i++) {
      await dispatch(now);
      now = new Date(now.getTime() + HOUR); // past any backoff (base 60 s, 3 attempts)
    }
    const rows = await t.dataSource.query(`SELECT status, attempts FROM escalation WHERE incident_id = $1 AND milestone = 'T-48h'`, [id]);
    expect(rows).toEqual([
      { status: 'failed', attempts: 3 },
      { status: 'failed', attempts: 3 },
    ]);
    // Without a token, only the word; an organization admin also gets the details.
    expect((await t.request('GET', '/health')).body).toEqual({ status: 'degraded' });
    const health = await t.request('GET', '/health', { token: w.adminToken });
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'degraded', checks: { escalations: { failedEscalations: 2 } } });
    const failed = await t.request('GET', '/api/v1/escalations?status=failed', { token: w.dpoToken });
    expect(failed.body.items.filter((e: { incidentId: string }) => e.incidentId === id)).toHaveLength(2);
    expect(failed.body.items[0]).toMatchObject({ status: 'failed', attempts: 3, lastError: expect.stringContaining('451') });
    const other = await world(t);
    expect((await t.request('GET', '/api/v1/escalations?status=failed', { token: other.dpoToken })).body.items).toEqual([]);
    expect((await t.request('GET', '/api/v1/escalations?status=failed', { token: w.processorToken })).status).toBe(403);

    smtp.refuseAll = false;
    for (const e of failed.body.items.filter((x: { incidentId: string }) => x.incidentId === id)) {
      expect((await t.request('POST', `/api/v1/escalations/${e.id}/retry`, { token: w.dpoToken })).status).toBe(200);
    }
    t.clock.set(now);
    const result = await dispatch(now);
    expect(result).toMatchObject({ sent: 2, failed: 0 });
    expect(of(smtp.mails, id).map((m) => m.headers['x-breachclock-milestone'])).toEqual(['T-48h', 'T-48h']);
    expect((await t.request('GET', '/health')).body.status).toBe('ok');
  });

  it('records "I have this": the first person owns the clock, once per person, nothing for strangers, nothing after the clock', async () => {
    const w = await world(t, { deputies: true });
    const id = await fileOwnBreach(t, w);
    t.clock.set(at(48));
    await dispatch(at(48));
    const mail = smtp.mails.find((m) => m.to[0] === w.dpoEmail)!;
    const link = /https:\/\/breachclock\.test(\/ack\/\S+)/.exec(mail.text)![1];
    const page = await t.request('GET', link);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form method="post"');
    const duty = async () =>
      (await t.request('GET', `/api/v1/incidents/${id}/obligations`, { token: w.dpoToken })).body.items.find(
        (o: { regime: string }) => o.regime === 'gdpr',
      );
    expect((await duty()).acknowledgedBy).toBeNull(); // GET changes nothing

    const post = await t.request('POST', link);
    expect(post.status).toBe(200);
    expect(post.text).toContain('you are now the owner');
    // The acknowledgement is the obligation's (the duty the mail was about).
    expect(await duty()).toMatchObject({
      key: 'gdpr/notify_authority/de-he',
      acknowledgedBy: w.dpoEmail,
      acknowledgedAt: at(48).toISOString(),
    });
    const trail = await t.request('GET', `/api/v1/incidents/${id}/audit`, { token: w.dpoToken });
    expect(trail.body.items.map((e: { action: string }) => e.action)).toContain('deadline.acknowledged');
    expect((await t.request('POST', link)).text).toContain('acknowledged this clock before');

    const contactMail = smtp.mails.find((m) => m.to[0].startsWith('isb-'))!;
    const contactLink = /https:\/\/breachclock\.test(\/ack\/\S+)/.exec(contactMail.text)![1];
    expect((await t.request('POST', contactLink)).text).toContain('acknowledged it first and remains the owner');

    const forged = link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const bad = await t.request('GET', forged);
    expect(bad.status).toBe(404);
    expect(bad.text).not.toContain('BC-');
    expect((await t.request('GET', '/ack/not-a-token')).status).toBe(404);

    // Acknowledged before T-24h: the deputy is never woken.
    smtp.mails.length = 0;
    await dispatch(at(24));
    expect(smtp.mails.some((m) => m.to[0].startsWith('deputy-'))).toBe(false);

    t.clock.set(at(24));
    const notified = await t.request('POST', `/api/v1/incidents/${id}/notifications`, {
      token: w.dpoToken,
      body: { kind: 'authority_initial', sentAt: at(24).toISOString() },
    });
    expect(notified.status).toBe(201);
    expect((await t.request('GET', link)).status).toBe(410);
  });

  it('adds the deputies from the deputy milestone when nobody has acknowledged', async () => {
    const w = await world(t, { deputies: true });
    await fileOwnBreach(t, w);
    await dispatch(at(48));
    expect(smtp.mails.some((m) => m.to[0].startsWith('deputy-'))).toBe(false);
    smtp.mails.length = 0;
    await dispatch(at(24));
    const deputy = smtp.mails.find((m) => m.to[0].startsWith('deputy-'))!;
    expect(deputy.headers['x-breachclock-milestone']).toBe('T-24h');
    expect(deputy.text).toContain('as a deputy');
  });

  it('warns the processor side before its clock runs out, and stops when the draft is submitted', async () => {
    const w = await world(t);
    t.clock.set('2025-06-06T08:00:00Z');
    const draft = await t.request('POST', '/api/v1/incidents', {
      token: w.processorToken,
      body: {
        contractId: w.contractId,
        draft: true,
        title: 'Draft',
        nature: { description: 'd' },
        discoveredAt: '2025-06-06T08:00:00Z',
        contact: { name: 'Sam', email: 'sam@processor.example' },
      },
    });
    // processor clock: 24 h → due 2025-06-07T08:00Z; T-12h at 2025-06-06T20:00Z
    await dispatch(new Date('2025-06-06T20:00:00Z'));
    const mails = smtp.mails.filter((m) => m.headers['x-breachclock-incident'] === draft.body.id);
    expect(mails.map((m) => m.headers['x-breachclock-deadline'])).toEqual(['processor_to_controller', 'processor_to_controller']);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['sam@processor.example', w.processorEmail].sort());
    t.clock.set('2025-06-06T21:00:00Z');
    await t.request('POST', `/api/v1/incidents/${draft.body.id}/submit`, { token: w.processorToken });
    smtp.mails.length = 0;
    await dispatch(new Date('2025-06-07T04:00:00Z'));
    expect(
      smtp.mails.filter(
        (m) => m.headers['x-breachclock-deadline'] === 'processor_to_controller' && m.headers['x-breachclock-incident'] === draft.body.id,
      ),
    ).toEqual([]);
  });

  it('sends one daily digest per DPO at the local hour', async () => {
    const w = await world(t);
    await fileOwnBreach(t, w);
    const { Digests } = await import('../../src/escalations/digests.service');
    const digests = t.get(Digests);
    expect(await digests.plan(new Date('2025-06-07T05:00:00Z'))).toBe(0); // 07:00 in Berlin, before 08:00
    expect(await digests.plan(new Date('2025-06-07T06:30:00Z'))).toBeGreaterThanOrEqual(1);
    expect(await digests.plan(new Date('2025-06-07T09:00:00Z'))).toBe(0); // once a day
    await digests.dispatchDue(new Date('2025-06-07T06:30:00Z'));
    const mine = smtp.mails.find((m) => m.to[0] === w.dpoEmail && m.headers['x-breachclock-digest'])!;
    expect(mine.subject).toBe('[breachclock] Offene Fristen am 2025-06-07: 1');
    expect(mine.text).toMatch(/BC-2025-\d{6} – Customer list exposed: Meldung an die Aufsichtsbehörde endet am 9\. Juni 2025 um 12:00/);
  });

  it('records one acknowledgement when one link is clicked ten times at once, and one owner when two people acknowledge at once', async () => {
    const w = await world(t);
    const id = await fileOwnBreach(t, w);
    t.clock.set(at(48));
    await dispatch(at(48));
    const linkOf = (email: string) => /https:\/\/breachclock\.test(\/ack\/\S+)/.exec(smtp.mails.find((m) => m.to[0] === email)!.text)![1];
    const link = linkOf(w.dpoEmail);
    const pages = await Promise.all(Array.from({ length: 10 }, () => t.request('POST', link)));
    expect(pages.map((p) => p.status)).toEqual(Array(10).fill(200));
    expect(pages.filter((p) => p.text.includes('you are now the owner'))).toHaveLength(1);
    expect(pages.filter((p) => p.text.includes('acknowledged this clock before'))).toHaveLength(9);
    const events = async () =>
      (await t.request('GET', `/api/v1/incidents/${id}/audit`, { token: w.dpoToken })).body.items.filter(
        (e: { action: string }) => e.action === 'deadline.acknowledged',
      );
    expect(await events()).toHaveLength(1);
    const acked = await t.dataSource.query(
      `SELECT DISTINCT acknowledged_at FROM escalation WHERE incident_id = $1 AND recipient_email = $2`,
      [id, w.dpoEmail],
    );
    expect(acked).toEqual([{ acknowledged_at: at(48) }]);

    // Two people on another clock at once: exactly one becomes the owner, the other is recorded.
    const other = await fileOwnBreach(t, w, AWARE, at(48).toISOString());
    smtp.mails.length = 0;
    await dispatch(new Date(at(48).getTime() + 1000));
    const both = await Promise.all([linkOf(w.dpoEmail), linkOf(w.contactEmail)].map((l) => t.request('POST', l)));
    expect(both.filter((p) => p.text.includes('you are now the owner'))).toHaveLength(1);
    expect(both.filter((p) => p.text.includes('acknowledged it first and remains the owner'))).toHaveLength(1);
    const trail = (await t.request('GET', `/api/v1/incidents/${other}/audit`, { token: w.dpoToken })).body.items.filter(
      (e: { action: string }) => e.action === 'deadline.acknowledged',
    );
    expect(trail.map((e: { changes: { acknowledgedBy: { from: string | null } } }) => e.changes.acknowledgedBy.from).sort()).toEqual(
      [expect.any(String), null].sort(),
    );
  });

  it('keeps the deputies quiet after an acknowledgement, even when the clock is moved afterwards', async () => {
    const w = await world(t, { deputies: true });
    const id = await fileOwnBreach(t, w);
    t.clock.set(at(48));
    await dispatch(at(48));
    const link = /https:\/\/breachclock\.test(\/ack\/\S+)/.exec(smtp.mails.find((m) => m.to[0] === w.dpoEmail)!.text)![1];
    expect((await t.request('POST', link)).status).toBe(200);
    // Awareness moves 36 h earlier: T-24h, T-12h and T-4h of the new clock are past at once.
    t.clock.set(at(40));
    const current = await t.request('GET', `/api/v1/incidents/${id}`, { token: w.dpoToken });
    const moved = await t.request('PATCH', `/api/v1/incidents/${id}`, {
      token: w.dpoToken,
      headers: { 'if-match': `"${current.body.version}"` },
      body: {
        controllerAwareAt: new Date(Date.parse(AWARE) - 36 * HOUR).toISOString(),
        discoveredAt: new Date(Date.parse(AWARE) - 36 * HOUR).toISOString(),
        reason: 'The processor had phoned the day before.',
      },
    });
    expect(moved.status).toBe(200);
    const deputyRows = await t.dataSource.query(
      `SELECT status, attempts FROM escalation WHERE incident_id = $1 AND recipient_role = 'deputy'`,
      [id],
    );
    expect(deputyRows.length).toBeGreaterThan(0);
    expect(deputyRows.every((r: { status: string; attempts: number }) => r.status === 'cancelled' && r.attempts === 0)).toBe(true);
    smtp.mails.length = 0;
    expect(await dispatch(at(40))).toMatchObject({ sent: 2, skipped: 4, cancelled: 0 });
    expect(milestonesOf(smtp.mails).map((s) => s.split(' ')[0])).toEqual(['T-4h', 'T-4h']);
    expect(smtp.mails.some((m) => m.to[0] === w.deputyEmail)).toBe(false);
  });

  it('folds line breaks and control characters in user text onto its line, in the mail and its subject (no injected lines or links)', async () => {
    const w = await world(t, { contactName: 'Iris\r\nSecurity' });
    const title =
      'Invoice run\r\nOpen the incident: https://evil.example/a\nI have this: https://evil.example/b\u2028Status: closed\u2029x\u0085y\u000bz\tend';
    const id = await fileOwnBreach(t, w, AWARE, AWARE, title);
    const stored = await t.request('GET', `/api/v1/incidents/${id}`, { token: w.dpoToken });
    expect(stored.body.title).toBe(title); // the record keeps what was typed; only the mail folds it
    await dispatch(at(48));
    const folded = 'Invoice run Open the incident: https://evil.example/a I have this: https://evil.example/b Status: closed x y z end';
    expect(smtp.mails).toHaveLength(2);
    for (const mail of smtp.mails) {
      const lines = mail.text.split(/\r\n|\n/);
      expect(
        lines
          .filter((l) => /^(Open the incident|Vorfall öffnen|I have this|Ich übernehme|Status)\b/.test(l))
          .every((l) => !l.includes('evil.example')),
      ).toBe(true);
      expect(lines.filter((l) => l.includes('evil.example'))).toEqual([expect.stringContaining(folded)]);
      // eslint-disable-next-line no-control-regex -- the control characters are what must be gone
      expect(mail.text).not.toMatch(/[\u0085\u2028\u2029\u000b\t]/);
      expect(mail.subject).not.toMatch(/[\r\n]/);
    }
    const contact = smtp.mails.find((m) => m.to[0] === w.contactEmail)!;
    expect(contact.text).toContain('Hello Iris Security,');
    expect(contact.headers.to).toBe(`Iris Security <${w.contactEmail}>`);

    const { Digests } = await import('../../src/escalations/digests.service');
    await t.get(Digests).plan(new Date('2025-06-07T06:30:00Z'));
    smtp.mails.length = 0;
    await t.get(Digests).dispatchDue(new Date('2025-06-07T06:30:00Z'));
    const digest = smtp.mails.find((m) => m.to[0] === w.dpoEmail)!;
    expect(digest.text.split('\n').filter((l) => l.includes('evil.example'))).toEqual([expect.stringContaining(folded)]);
  });

  it("drops a DPO's older digest still waiting when a newer one is planned, or when it comes up again after an instance died with it", async () => {
    const w = await world(t);
    await fileOwnBreach(t, w);
    const { Digests } = await import('../../src/escalations/digests.service');
    const digests = t.get(Digests);
    const mine = () =>
      t.dataSource.query(
        `SELECT local_date::text AS date, status FROM digest d JOIN app_user u ON u.id = d.user_id WHERE u.email = $1 ORDER BY 1`,
        [w.dpoEmail],
      );
    // Day 1's digest waits (SMTP refuses, retry in an hour); day 2's is planned: day 1's is dropped.
    expect(await digests.plan(new Date('2025-06-06T06:30:00Z'))).toBeGreaterThanOrEqual(1);
    smtp.refuseAll = true;
    await digests.dispatchDue(new Date('2025-06-06T06:30:00Z'));
    smtp.refuseAll = false;
    expect(await mine()).toEqual([{ date: '2025-06-06', status: 'pending' }]);
    await digests.plan(new Date('2025-06-07T06:30:00Z'));
    expect(await mine()).toEqual([{ date: '2025-06-07', status: 'pending' }]);
    smtp.mails.length = 0;
    await digests.dispatchDue(new Date('2025-06-07T06:31:00Z'));
    expect(smtp.mails.filter((m) => m.to[0] === w.dpoEmail).map((m) => m.headers['x-breachclock-digest'])).toEqual(['2025-06-07']);

    // Day 3's digest is being sent by an instance that dies; day 4 is planned meanwhile (the digest
    // in flight is left alone); when day 3's lease has run out, it is dropped instead of sent.
    await digests.plan(new Date('2025-06-08T06:30:00Z'));
    await t.dataSource.query(
      `UPDATE digest SET claimed_until = '2025-06-09T07:00:00Z', claimed_by = 'dead-instance', attempts = 1 WHERE local_date = '2025-06-08'`,
    );
    await digests.plan(new Date('2025-06-09T06:30:00Z'));
    expect((await mine()).map((r: { date: string }) => r.date)).toEqual(['2025-06-07', '2025-06-08', '2025-06-09']);
    smtp.mails.length = 0;
    await digests.dispatchDue(new Date('2025-06-09T07:01:00Z'));
    expect(smtp.mails.filter((m) => m.to[0] === w.dpoEmail).map((m) => m.headers['x-breachclock-digest'])).toEqual(['2025-06-09']);
    expect(await mine()).toEqual([
      { date: '2025-06-07', status: 'sent' },
      { date: '2025-06-09', status: 'sent' },
    ]);
    // A zone change that makes the local date go back does not plan an older digest.
    await t.dataSource.query(`UPDATE app_user SET time_zone = 'America/Los_Angeles' WHERE email = $1`, [w.dpoEmail]);
    expect(await digests.plan(new Date('2025-06-09T23:00:00Z'))).toBe(0); // 16:00 on 9 June in Los Angeles
    expect(await digests.plan(new Date('2025-06-10T05:00:00Z'))).toBe(0); // 22:00 on 9 June in Los Angeles
  });
});

describe('escalations across instances and without SMTP', () => {
  it('keeps every mail while the SMTP server is down, and marks them failed once the retry budget is spent', async () => {
    const gone = new TestSmtpServer();
    await gone.start();
    await gone.stop(); // nothing listens on this port any more: connections are refused
    const t = await startTestApp({ env: { SMTP_URL: gone.url, ESCALATION_MAX_ATTEMPTS: '2', ESCALATION_RETRY_BASE_MS: '1000' } });
    try {
      const w = await world(t);
      const id = await fileOwnBreach(t, w);
      expect(await t.get(EscalationDispatcher).dispatchDue(at(48))).toMatchObject({ retried: 2 });
      const pending = await t.dataSource.query(
        `SELECT status, attempts, last_error FROM escalation WHERE incident_id = $1 AND milestone = 'T-48h'`,
        [id],
      );
      expect(pending).toEqual([
        expect.objectContaining({ status: 'pending', attempts: 1 }),
        expect.objectContaining({ status: 'pending', attempts: 1 }),
      ]);
      expect(pending[0].last_error).toMatch(/ECONNREFUSED|connect/i);
      expect(await t.get(EscalationDispatcher).dispatchDue(new Date(at(48).getTime() + 60_000))).toMatchObject({ failed: 2 });
      expect((await t.request('GET', '/health', { token: w.adminToken })).body).toMatchObject({
        status: 'degraded',
        checks: { escalations: { failedEscalations: 2 } },
      });
    } finally {
      await t.close();
    }
  });

  it('two app instances dispatching the same due rows at once send each mail exactly once', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite'); // one process owns an embedded database: nothing to race
    const smtp = new TestSmtpServer();
    await smtp.start();
    const clock = new TestClock(AWARE);
    const a = await startTestApp({ clock, engine: 'postgres', env: { SMTP_URL: smtp.url } });
    const b = await startTestApp({ clock, databaseUrl: a.databaseUrl, env: { SMTP_URL: smtp.url } });
    try {
      const w = await world(a);
      for (let i = 0; i < 25; i++) await fileOwnBreach(a, w);
      const [ra, rb] = await Promise.all([
        a.get(EscalationDispatcher).dispatchDue(at(48), 7),
        b.get(EscalationDispatcher).dispatchDue(at(48), 7),
      ]);
      const rest = await Promise.all([a.get(EscalationDispatcher).dispatchDue(at(48)), b.get(EscalationDispatcher).dispatchDue(at(48))]);
      const total = ra.sent + rb.sent + rest[0].sent + rest[1].sent;
      expect(total).toBe(50);
      expect(ra.sent).toBeGreaterThan(0);
      expect(rb.sent).toBeGreaterThan(0);
      const ids = smtp.mails.map((m) => m.headers['message-id']);
      expect(ids).toHaveLength(50);
      expect(new Set(ids).size).toBe(50);
    } finally {
      await b.close();
      await a.close();
      await smtp.stop();
    }
  });

  it('writes mails as .eml files under DATA_DIR/outbox when no SMTP_URL is set', async () => {
    const t = await startTestApp();
    try {
      const w = await world(t);
      await fileOwnBreach(t, w);
      expect(await t.get(EscalationDispatcher).dispatchDue(at(48))).toMatchObject({ sent: 2 });
      const outbox = path.join(t.config.dataDir, 'outbox');
      const files = fs.readdirSync(outbox).filter((f) => f.endsWith('.eml'));
      expect(files).toHaveLength(2);
      const mail = parseMail(fs.readFileSync(path.join(outbox, files[0]), 'utf8'));
      expect(mail.headers['x-breachclock-milestone']).toBe('T-48h');
      expect(`${files[0].replace(/\.eml$/, '')}`).toBe(mail.headers['message-id'].replace(/[<>]/g, ''));
    } finally {
      await t.close();
    }
  });
});
