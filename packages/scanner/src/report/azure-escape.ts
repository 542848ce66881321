/**
 * Escaping for Azure Pipelines logging commands (`##vso[area.action k=v;k=v]message`), as the agent
 * unescapes them: `%` -> `%AZP25` first, then `;` -> `%3B`, `\r` -> `%0D`, `\n` -> `%0A`, `]` -> `%5D`.
 * Applied to every property value and to the message, so a path or message can neither end the
 * property list nor start a second command on a new line.
 */
export function escapeAzureLogCommand(value: string): string {
  return value
    .replace(/%/g, '%AZP25')
    .replace(/;/g, '%3B')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/\]/g, '%5D');
}
