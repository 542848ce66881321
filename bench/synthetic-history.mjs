// A synthetic history for the scaling and size benches, generated with `git fast-import`: a path per
// 10 commits (at least 100), two paths edited per commit (one line each), a bench-token secret every
// 997 commits, and a keyless.config.json that defines the bench-token detector. With
// `{ builtIn: true }` the secrets are npm tokens found by a built-in detector and there is no config
// (a custom detector's regex is checked for ReDoS at start-up: a fixed cost a size table must not
// mix into the history engine's).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const git = (cwd, ...a) => execFileSync('git', ['-C', cwd, ...a], { encoding: 'utf8', maxBuffer: 1 << 30 }).trim();

const CONFIG = JSON.stringify({ detectors: [{ id: 'bench-token', pattern: 'bkt_(?<secret>[a-z0-9]{28})', keywords: ['bkt_'] }] });
const token = (n) => ['bkt', `${n}`.padStart(8, '0') + 'x4'.repeat(10)].join('_');

/** Writes the fast-import stream of `commits` commits to `out` with backpressure. */
async function writeHistory(out, commits, builtIn) {
  const { generateNpmToken } = builtIn ? await import('../packages/scanner/dist/src/detect/examples/generate.js') : {};
  const paths = Math.max(100, Math.floor(commits / 10));
  const lines = 12;
  const t0 = 1_600_000_000;
  let buf = '';
  const flush = async () => {
    if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
    buf = '';
  };
  const data = (s) => `data ${Buffer.byteLength(s)}\n${s}\n`;
  for (let c = 1; c <= commits; c++) {
    buf += `commit refs/heads/main\nmark :${c}\ncommitter Bench <bench@example.test> ${t0 + c * 30} +0000\n${data(`c${c}`)}`;
    if (c === 1 && !builtIn) buf += `M 100644 inline keyless.config.json\n${data(CONFIG)}`;
    for (let k = 0; k < 2; k++) {
      const p = (c * 7919 + k * 104729) % paths;
      // A version differs from the one before it in one line (which one follows the commit).
      let s = `// file ${p}\n`;
      for (let l = 0; l < lines; l++) s += l === c % lines ? `export const v${l} = ${c};\n` : `export const v${l} = ${p + l};\n`;
      if (c % 997 === 0 && k === 0) s += builtIn ? `NPM_TOKEN=${generateNpmToken(c)}\n` : `TOKEN=${token(c)}\n`;
      // Two directory levels keep every tree small (at 1M commits, 100k paths: 10 files a directory), so
      // that fast-import's tree rewrites stay cheap at every size.
      buf += `M 100644 inline src/d${p % 100}/e${Math.floor(p / 100) % 100}/f${p}.ts\n${data(s)}`;
    }
    if (buf.length > 1 << 20) await flush();
  }
  buf += 'done\n';
  await flush();
  out.end();
}

/** A new repository (in the temp dir) with `commits` commits on main, checked out. */
export async function syntheticRepo(commits, { builtIn = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), `keyless-scale-${commits}-`));
  git(tmpdir(), 'init', '-q', '-b', 'main', dir);
  const child = spawn('git', ['-C', dir, 'fast-import', '--quiet', '--done'], { stdio: ['pipe', 'ignore', 'inherit'] });
  const closed = new Promise((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`fast-import exited ${code}`)))));
  await writeHistory(child.stdin, commits, builtIn);
  await closed;
  git(dir, 'checkout', '-q', '-f', 'main');
  return dir;
}

