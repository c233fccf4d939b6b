import { backoffMs, classifyChunkError } from './incident-batch.failures';

// The driver's errors as they reach the runner: TypeORM's QueryFailedError keeps pg's in driverError.
const queryFailed = (code: string, message: string) => Object.assign(new Error(message), { driverError: { code, message } });

describe('a failed chunk: retry or give up', () => {
  it.each([
    ['40001', 'could not serialize access due to concurrent update'],
    ['40P01', 'deadlock detected'],
    ['57P01', 'terminating connection due to administrator command'],
    ['08006', 'connection failure'],
    ['53300', 'sorry, too many clients already'],
    ['55P03', 'could not obtain lock on row'],
  ])('tries %s again (transient)', (code, message) => {
    expect(classifyChunkError(queryFailed(code, message))).toEqual({ kind: 'transient', code, reason: `${code}: ${message}` });
  });

  it.each([
    ['23505', 'duplicate key value violates unique constraint "ux_incident__batch_contract"'],
    ['23514', 'new row for relation "incident" violates check constraint "ck_incident__status"'],
    ['23503', 'insert or update on table "incident" violates foreign key constraint'],
    ['22001', 'value too long for type character varying(300)'],
    ['P0001', 'raised by a trigger'],
    ['42703', 'column "nope" does not exist'],
  ])('does not try %s again (permanent)', (code, message) => {
    expect(classifyChunkError(queryFailed(code, message))).toMatchObject({ kind: 'permanent', code });
  });

  it('treats a socket gone without a SQLSTATE as transient, and an error of the code as permanent', () => {
    expect(classifyChunkError(new Error('Connection terminated unexpectedly')).kind).toBe('transient');
    expect(classifyChunkError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toMatchObject({
      kind: 'transient',
      code: 'ECONNRESET',
    });
    expect(classifyChunkError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toMatchObject({
      kind: 'permanent',
      code: 'error',
    });
  });

  it('keeps the reason short and never reads the driver detail (row values)', () => {
    const long = Object.assign(new Error('x'), {
      driverError: { code: '23514', message: 'y'.repeat(1000), detail: 'Failing row contains (alice@example.com)' },
    });
    const { reason } = classifyChunkError(long);
    expect(reason).toHaveLength('23514: '.length + 300);
    expect(reason).not.toContain('alice');
  });

  it('pauses 1, 2, 4, 8 … seconds, at most a minute', () => {
    expect([1, 2, 3, 4, 5, 10].map(backoffMs)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 60_000]);
  });
});
