import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

// The real server process (dist/, built by the global setup) with these settings; its stderr
// collects into `stderr` for the message of a failing test.
export function spawnServer(env: Record<string, string>, stderr: string[]): ChildProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (c: Buffer) => stderr.push(String(c)));
  return child;
}
