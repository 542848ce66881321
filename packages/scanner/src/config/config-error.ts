/** A configuration problem, reported by the CLI as one line naming the file and the bad key. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
