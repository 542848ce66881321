/**
 * Shared settings of the property-based (fast-check) suites: a fixed seed so a failure reproduces,
 * a stated number of runs per property, and a tally of runs printed once per file for the report.
 */
import fc from 'fast-check';

/** Fixed seed: the same inputs on every run and machine. */
export const FUZZ_SEED = 0x6b65796c;
/** Runs per property (cheap properties). */
export const NUM_RUNS = 2000;
/** Runs per property that scan with the whole catalog. */
export const NUM_RUNS_PIPELINE = 1000;

const counts = new Map<string, number>();

/** Runs `property` with the fixed seed and `numRuns`; counts the runs under `name`; throws fast-check's report on failure. */
export function check<T>(name: string, property: fc.IProperty<T>, numRuns = NUM_RUNS): void {
  const details = fc.check(property, { seed: FUZZ_SEED, numRuns, endOnFailure: true });
  counts.set(name, (counts.get(name) ?? 0) + details.numRuns);
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? `property ${name} failed`);
}

/** One line per property with its run count (call from `after`). */
export function reportRuns(suite: string): void {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  process.stdout.write(`# fuzz ${suite}: ${counts.size} properties, ${total} runs (${[...counts].map(([n, c]) => `${n}=${c}`).join(', ')})\n`);
}

/** Text that looks like config and code: structural tokens, keywords, separators and junk mixed. */
export function configLikeText(extraTokens: readonly string[] = []): fc.Arbitrary<string> {
  const tokens = [
    '{', '}', '[', ']', '"', "'", ':', ',', '=', ';', '\n', '\r\n', '\r', ' ', '  ', '\t', '#', '//', '/*', '*/',
    '- ', '&a ', '*a', '|', '>', '---', '<add key="', '" value="', '"/>', '<?xml?>', '${', '}}', '%', '\\', '\\u00',
    'password', 'Password=', 'ClientSecret', 'AccountKey=', 'SharedAccessKey=', 'sig=', 'sv=', 'Server=', 'key', 'secret',
    'token', 'cells', 'source', 'outputs', 'data:image/png;base64,', 'integrity', 'sha512-', 'variable "', 'default = ',
    'true', 'null', '0', '1e9', '\u0000', '\ufeff', '\u2028', 'é', '😀', '\ud800',
    ...extraTokens,
  ];
  return fc.oneof(
    { weight: 3, arbitrary: fc.array(fc.constantFrom(...tokens), { maxLength: 60 }).map((a) => a.join('')) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.array(fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 8 })), { maxLength: 40 }).map((a) => a.join('')) },
  );
}
