import { Writable } from 'node:stream';
import { createLogger, prettyFor } from './logger';
import { requestContext } from './request-context';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(JSON.parse(String(chunk)));
      cb();
    },
  });
  return { lines, logger: createLogger('info', sink as never) };
}

describe('logger', () => {
  it('writes one JSON line per event with a level name and an ISO time', () => {
    const { lines, logger } = capture();
    logger.info({ event: 'incident.reported', incidentId: 'abc' }, 'reported');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'breachclock',
      event: 'incident.reported',
      incidentId: 'abc',
      msg: 'reported',
    });
    expect(String(lines[0].time)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('redacts passwords, tokens, authorization headers and cookies', () => {
    const { lines, logger } = capture();
    logger.info({
      password: 'hunter2',
      token: 'bc_secret',
      user: { password: 'p', token: 't', passwordHash: 'h' },
      req: { headers: { authorization: 'Bearer bc_secret', cookie: 'sid=1' } },
    });
    const text = JSON.stringify(lines[0]);
    for (const secret of ['hunter2', 'bc_secret', '"p"', '"t"', '"h"', 'sid=1']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ password: '[redacted]', token: '[redacted]', user: { password: '[redacted]', token: '[redacted]' } });
  });

  it('adds the request id of the request being served', () => {
    const { lines, logger } = capture();
    requestContext.run({ requestId: 'req-42' }, () => logger.warn({ event: 'x' }));
    logger.warn({ event: 'y' });
    expect(lines.map((l) => l.reqId)).toEqual(['req-42', undefined]);
  });

  it('draws readable single lines when asked, with the same redaction', () => {
    let text = '';
    const sink = new Writable({
      write(chunk, _enc, cb) {
        text += String(chunk);
        cb();
      },
    });
    const logger = createLogger('info', sink as never, true);
    logger.info({ event: 'http.request', status: 200, token: 'bc_secret', user: { password: 'hunter2' } }, 'request');
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}\] INFO: request /);
    expect(lines[0]).toContain('"event":"http.request"');
    expect(lines[0]).not.toContain('bc_secret');
    expect(lines[0]).not.toContain('hunter2');
    expect(() => JSON.parse(lines[0])).toThrow();
  });

  it('is pretty on a terminal, JSON elsewhere, and as configured when LOG_FORMAT says so', () => {
    expect(prettyFor('auto', { isTTY: true })).toBe(true);
    expect(prettyFor('auto', { isTTY: false })).toBe(false);
    expect(prettyFor('auto', {})).toBe(false);
    expect(prettyFor('json', { isTTY: true })).toBe(false);
    expect(prettyFor('pretty', {})).toBe(true);
  });
});
