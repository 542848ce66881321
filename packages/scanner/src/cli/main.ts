/** CLI entry: parses arguments, runs the command, maps outcomes to exit codes 0/1/2. */
export async function main(argv: readonly string[]): Promise<number> {
  process.stderr.write(`keyless: not implemented yet (${argv.join(' ')})\n`);
  return 2;
}
