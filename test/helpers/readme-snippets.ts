/**
 * The fenced code blocks of README.md. A block is named by a `<!-- snippet: NAME -->` comment on
 * the line before its fence, so tests can find each documented integration and check it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './sandbox-repo.js';

export interface Snippet {
  /** From the marker comment; undefined for an unnamed block. */
  readonly name: string | undefined;
  /** The fence's info string (`sh`, `yaml`, `json`, `js`, `text`...). */
  readonly lang: string;
  /** The block's text, with a final newline. */
  readonly body: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

const MARKER = /^<!-- snippet: ([a-z0-9-]+) -->$/;
const FENCE = /^```([A-Za-z0-9-]*)$/;

export function readReadme(): string {
  return readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
}

/** Every fenced block of `markdown`, in order. Throws on an unclosed fence. */
export function parseSnippets(markdown: string): Snippet[] {
  const lines = markdown.split('\n');
  const snippets: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? '');
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i] ?? '');
    if (i >= lines.length) throw new Error(`README.md:${start + 1}: unclosed code fence`);
    const name = MARKER.exec(lines[start - 1] ?? '')?.[1];
    snippets.push({ name, lang: open[1] ?? '', body: `${body.join('\n')}\n`, line: start + 1 });
  }
  return snippets;
}

/** The snippet called `name` (exactly one must exist). */
export function snippet(snippets: readonly Snippet[], name: string): Snippet {
  const found = snippets.filter((s) => s.name === name);
  if (found.length !== 1) throw new Error(`README.md has ${found.length} snippets named ${name}`);
  return found[0] as Snippet;
}

/** The command lines of a shell snippet: comments and blank lines dropped, trailing comments kept for sh. */
export function commandLines(body: string): string[] {
  return body.split('\n').filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
}
