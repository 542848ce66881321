/**
 * Escaping for Azure Pipelines logging commands (`##vso[task.logissue type=error;sourcepath=...]message`),
 * for every property value and message of a future `--format azure`: the agent's own mapping,
 * `%` first so the other escapes are not escaped again: `%` -> `%AZP25`, `;` -> `%3B`, CR -> `%0D`,
 * LF -> `%0A`, `]` -> `%5D`. No data can then end a property, close the command or start a line.
 */
export function escapeAzureLogCommand(s: string): string {
  return s.replace(/%/g, '%AZP25').replace(/;/g, '%3B').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/]/g, '%5D');
}
