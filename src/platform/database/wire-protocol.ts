// The few pieces of the PostgreSQL wire protocol (v3) the local socket needs to read or write.

const READY_FOR_QUERY = 0x5a; // 'Z'
const TERMINATE = 0x58; // 'X'

export type TransactionStatus = 'I' | 'T' | 'E'; // idle, in a transaction, in a failed transaction

// Reads the backend's answer to one message as it streams and remembers the transaction status of
// the last ReadyForQuery in it (null: none yet, e.g. after a Parse that waits for its Sync).
export class ReadyForQueryScanner {
  private header: number[] = [];
  private type = 0;
  private bodyLeft = 0;
  status: TransactionStatus | null = null;

  push(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.bodyLeft === 0) {
        this.header.push(chunk[i++]);
        if (this.header.length === 5) {
          this.type = this.header[0];
          this.bodyLeft = Buffer.from(this.header.slice(1)).readInt32BE(0) - 4;
          this.header = [];
        }
        continue;
      }
      const take = Math.min(this.bodyLeft, chunk.length - i);
      if (this.type === READY_FOR_QUERY && this.bodyLeft === 1) this.status = String.fromCharCode(chunk[i]) as TransactionStatus;
      this.bodyLeft -= take;
      i += take;
    }
  }
}

export function isTerminate(message: Uint8Array): boolean {
  return message.length === 5 && message[0] === TERMINATE;
}

// Sync: ends an extended-query sequence a client left unfinished (and any error state it left).
export const SYNC_MESSAGE = new Uint8Array([0x53, 0, 0, 0, 4]);

// A FATAL ErrorResponse, for refusing or ending a connection with a reason the client shows.
export function fatalError(sqlState: string, message: string): Buffer {
  const field = (code: string, value: string) => Buffer.concat([Buffer.from(code), Buffer.from(value, 'utf8'), Buffer.from([0])]);
  const body = Buffer.concat([field('S', 'FATAL'), field('V', 'FATAL'), field('C', sqlState), field('M', message), Buffer.from([0])]);
  const head = Buffer.alloc(5);
  head.write('E', 0);
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}
