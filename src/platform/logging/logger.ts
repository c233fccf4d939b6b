import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import { currentRequestId } from './request-context';

// Never log secrets: these paths are replaced by "[redacted]" in every line.
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'password',
  'token',
  '*.password',
  '*.token',
  '*.passwordHash',
  '*.tokenHash',
];

// Readable lines for a person at a terminal, JSON lines for everything else (files, pipes, log
// collectors). "auto" decides by whether the stream the log goes to is a terminal.
export function prettyFor(format: 'auto' | 'json' | 'pretty', stream: { isTTY?: boolean }): boolean {
  return format === 'pretty' || (format === 'auto' && stream.isTTY === true);
}

// The same events, fields and redaction either way; pretty only changes how a line is drawn: one
// line per event, local time, level in colour when the terminal has it.
function prettyStream(destination: pino.DestinationStream | undefined): pino.DestinationStream {
  return pinoPretty({
    destination: (destination ?? 1) as never,
    singleLine: true,
    translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l',
    ignore: 'pid,hostname,service',
    sync: true,
  });
}

export function createLogger(level: string, destination?: pino.DestinationStream, pretty = false): Logger {
  const out = pretty ? prettyStream(destination) : destination;
  return pino(
    {
      level,
      base: { service: 'breachclock' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      mixin() {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
      formatters: { level: (label) => ({ level: label }) },
    },
    out,
  );
}

// Lets Nest's own Logger calls go out as pino JSON lines.
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pinoLogger: Logger) {}

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, params: unknown[]): void {
    const context = typeof params[params.length - 1] === 'string' ? (params[params.length - 1] as string) : undefined;
    if (message !== null && typeof message === 'object') {
      const { msg, ...rest } = message as Record<string, unknown>;
      this.pinoLogger[level](
        { context, ...rest },
        typeof msg === 'string' ? msg : typeof params[0] === 'string' && params.length > 1 ? (params[0] as string) : undefined,
      );
    } else {
      this.pinoLogger[level]({ context }, String(message));
    }
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
}
