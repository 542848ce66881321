/** The CLI's view of its process: streams, cwd, environment (injectable for tests). */
import { readFileSync } from 'node:fs';
import { KeylessError } from './errors.js';

export interface OutStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliIO {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Runs this same command line again in a new node with `flags` added and resolves with its exit
   * code; only the real process can (see relaunch.ts).
   */
  readonly relaunch?: (flags: readonly string[]) => Promise<number>;
  /** All of standard input (`keyless scan -`); absent where there is none to read. */
  readonly stdin?: () => Promise<Buffer>;
}

/** Reads the process's standard input to its end; a terminal is refused (it would wait for typing). */
async function readProcessStdin(): Promise<Buffer> {
  if (process.stdin.isTTY) throw new KeylessError("'scan -' reads standard input, but it is a terminal: pipe the text in");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

export function processIO(): CliIO {
  const script = process.argv[1];
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
    stdin: readProcessStdin,
    ...(script !== undefined ? { relaunch: async (flags: readonly string[]) => (await import('./relaunch.js')).relaunch(script, process.argv.slice(2), flags) } : {}),
  };
}

/** Colour when writing to a TTY, unless NO_COLOR is set; FORCE_COLOR (not "0") forces it. */
export function wantsColor(stream: OutStream, env: CliIO['env']): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return stream.isTTY === true;
}

let version: string | undefined;

/** @keyless/scanner's version from its package.json. */
export function toolVersion(): string {
  if (version === undefined) {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    version = pkg.version ?? '0.0.0';
  }
  return version;
}
