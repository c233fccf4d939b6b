import { ReadyForQueryScanner, fatalError, isTerminate } from './wire-protocol';

const message = (type: string, body: number[]) => {
  const head = Buffer.alloc(5);
  head.write(type, 0);
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, Buffer.from(body)]);
};

describe('ReadyForQueryScanner', () => {
  it('reports the status of the last ReadyForQuery, across chunk boundaries, and ignores Z bytes inside other messages', () => {
    // A DataRow whose payload is full of 'Z' and 'T' bytes, then CommandComplete, then ReadyForQuery 'T'.
    const stream = Buffer.concat([
      message('D', [0, 1, 0, 0, 0, 2, 0x5a, 0x54]),
      message('C', [...Buffer.from('SELECT 1'), 0]),
      message('Z', [0x54]),
    ]);
    for (let cut = 0; cut <= stream.length; cut++) {
      const scanner = new ReadyForQueryScanner();
      scanner.push(stream.subarray(0, cut));
      scanner.push(stream.subarray(cut));
      expect(scanner.status).toBe('T');
    }
    const byteByByte = new ReadyForQueryScanner();
    for (const b of Buffer.concat([stream, message('Z', [0x49])])) byteByByte.push(Uint8Array.of(b));
    expect(byteByByte.status).toBe('I');
  });

  it('has no status for an answer without ReadyForQuery (a Parse waiting for its Sync)', () => {
    const scanner = new ReadyForQueryScanner();
    scanner.push(message('1', []));
    expect(scanner.status).toBeNull();
  });
});

describe('wire messages', () => {
  it('recognises Terminate and writes a FATAL ErrorResponse with SQLSTATE and text', () => {
    expect(isTerminate(Uint8Array.of(0x58, 0, 0, 0, 4))).toBe(true);
    expect(isTerminate(Uint8Array.of(0x51, 0, 0, 0, 4))).toBe(false);
    const error = fatalError('25P03', 'idle');
    expect(error.subarray(0, 1).toString()).toBe('E');
    expect(error.readInt32BE(1)).toBe(error.length - 1);
    expect(error.subarray(5).toString()).toBe('SFATAL\0VFATAL\0C25P03\0Midle\0\0');
  });
});
