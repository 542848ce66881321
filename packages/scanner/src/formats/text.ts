/**
 * Plain text and source code in any language: string literals assigned to names
 * (`const password = "..."`, `password: '...'`, `"password": "..."`, `$password = "..."`,
 * `password := "..."`, `options.ClientSecret = "..."`), plus unquoted `PASSWORD=...` at line start in
 * shell-like files and `password = ...` in ini-like files. Runs on every file, so it is cheap: one
 * keyword pass over the text, and the assignment patterns only on lines with a keyword.
 */
import { decodeEscapes } from '../detect/escapes.js';
import { baseNameOf, hasSuffix } from './paths.js';
import { finishRead } from './result.js';
import type { Candidate, FormatReader } from './types.js';

/** How unquoted values are written in a file, besides quoted string literals (which every style has). */
export type TextStyle = 'code' | 'shell' | 'ini';

/** Lines longer than this are minified or generated: they yield no candidates. */
export const MAX_CANDIDATE_LINE = 4000;

/** Only lines with one of these (any case) can hold a secret-named assignment (covers the catalog's assignment keywords). */
const LINE_KEYWORDS = /p(?:ass|w|at)|secret|key|token|c(?:red|onn)|auth/gi;

/**
 * `name <op> <quote>`: an optionally quoted name (dots for member access, `$`/`@` sigils), an
 * optional type annotation (`: string`), an assignment operator, an optional string prefix
 * (`r`, `f`, `@`, `$`), and the opening quote. The string body is read by `readQuoted`.
 */
const QUOTED_ASSIGNMENT =
  /(?<![\w$@.-])(?<q>["']?)(?<name>[A-Za-z_$@][\w$@.-]{0,99})\k<q>[ \t]*(?::[ \t]*[A-Za-z_][\w.<>[\]|?]{0,40}[ \t]*)?(?::=|=>|=|:)[ \t]*(?:[rRbBuUfF@$]{1,2})?(?<open>["'`])/g;

/**
 * A string key as a call's first argument followed by a string value:
 * `define('DB_PASSWORD', '...')`, `props.setProperty("password", "...")`,
 * `os.environ.setdefault("SECRET_KEY", "...")`, `config["AzureAd:ClientSecret"]`-style keys in
 * `.Add("AzureAd:ClientSecret", "...")`.
 */
const CALL_ARGUMENT_PAIR =
  /\([ \t]*(?<q>["'])(?<name>[A-Za-z_$@][\w$@.:-]{0,99})\k<q>[ \t]*,[ \t]*(?:[rRbBuUfF@$]{1,2})?(?<open>["'`])/g;

/** `export NAME=value`, `ENV NAME=value`, `set NAME=value`, `NAME := value` at line start, unquoted. */
const SHELL_ASSIGNMENT =
  /^[ \t]*(?:(?:export|ENV|ARG|set|setx|declare|local|readonly)[ \t]+(?:-[a-zA-Z]{1,3}[ \t]+)?)?(?<name>[A-Za-z_][\w.]{0,99})[ \t]*(?:\?=|:=|\+=|=)[ \t]*(?<value>[^\s"'`#;][^\s"'`;]*)/;

/** `name = value` / `name: value` at line start, value unquoted up to the end of the line. */
const INI_ASSIGNMENT = /^[ \t]*(?<name>[A-Za-z_][\w.-]{0,99})[ \t]*[=:][ \t]*(?<value>[^\s"'`].*)$/;

const SHELL_SUFFIXES = ['.sh', '.bash', '.zsh', '.ksh', '.envrc', '.cmd', '.bat', '.dockerfile', '.mk'];
const SHELL_NAMES = new Set(['dockerfile', 'containerfile', 'makefile', '.bashrc', '.zshrc', '.profile', '.bash_profile', '.bash_history', '.zsh_history', '.sh_history']);
/** ini-like files, and YAML/TOML read as text when their structured reader rejected them (`key: value`). */
const INI_SUFFIXES = ['.ini', '.properties', '.cfg', '.conf', '.cnf', '.npmrc', '.pypirc', '.gitconfig', '.yml', '.yaml', '.toml'];
const MINIFIED_SUFFIXES = ['.min.js', '.min.mjs', '.min.cjs', '.min.css', '.map', '.bundle.js'];
/** Receivers that say nothing about what a member is: `this.password` is keyed `password`. */
const RECEIVERS = new Set(['this', 'self', 'me', 'my', 'base', 'super']);

/** Extensionless names that are code or prose, not `key = value` configuration. */
const NOT_CONFIG_NAMES = new Set([
  'license',
  'licence',
  'readme',
  'changelog',
  'authors',
  'contributors',
  'notice',
  'copying',
  'codeowners',
  'gemfile',
  'rakefile',
  'vagrantfile',
  'jenkinsfile',
  'podfile',
  'brewfile',
  'procfile',
  'berksfile',
  'guardfile',
  'fastfile',
  'appfile',
]);

/**
 * Extensionless files and extensionless dotfiles (`config`, `hub`, `.s3cfg`, `.tugboat`): tool
 * configuration, usually `key = value` or `key: value`.
 */
function isConfigLikeName(base: string): boolean {
  const name = base.startsWith('.') ? base.slice(1) : base;
  return name.length > 0 && !name.includes('.') && !NOT_CONFIG_NAMES.has(name);
}

/** Which unquoted assignment form applies to a file; `text` (optional) is sniffed for a shebang. */
export function textStyleFor(path: string, text?: string): TextStyle {
  const base = baseNameOf(path);
  // dotenv files land here when the dotenv reader rejected them: they are shell-like.
  const dotenv = base === '.env' || base.startsWith('.env.') || base.endsWith('.env');
  if (dotenv || hasSuffix(path, SHELL_SUFFIXES) || SHELL_NAMES.has(base)) return 'shell';
  if (hasSuffix(path, INI_SUFFIXES)) return 'ini';
  if (isConfigLikeName(base)) return text?.startsWith('#!') ? 'shell' : 'ini';
  return 'code';
}

/** `*.min.js`, `*.map`, bundles: generated code, never a place where someone typed a secret-named key. */
export function isMinifiedPath(path: string): boolean {
  return hasSuffix(path, MINIFIED_SUFFIXES);
}

/**
 * Index of the closing quote of a string opened at `openAt`, or -1 if it is not closed on the line;
 * `interpolated` when a template literal holds `${...}` (then it is not a literal value).
 */
function closingQuote(line: string, openAt: number, quote: string): { close: number; interpolated: boolean } {
  let interpolated = false;
  for (let i = openAt + 1; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\') i++;
    else if (ch === quote) return { close: i, interpolated };
    else if (quote === '`' && ch === '$' && line[i + 1] === '{') interpolated = true;
  }
  return { close: -1, interpolated };
}

/** One fixed object shape for every candidate (hot path: spreads here cost more than the regexes). */
function candidate(name: string, value: string, start: number, end: number, transformed: boolean): Candidate {
  const bare = name.charCodeAt(0) === 36 /* $ */ || name.charCodeAt(0) === 64 /* @ */ ? name.replace(/^[$@]+/, '') : name;
  if (!bare.includes('.') && !bare.includes(':')) return { key: bare, keyPath: undefined, value, start, end, transformed };
  const segments = bare.split(/[.:]/).filter((s) => s.length > 0);
  if (segments.length > 1 && RECEIVERS.has((segments[0] as string).toLowerCase())) segments.shift();
  const key = segments[segments.length - 1] ?? bare;
  return { key, keyPath: segments.length > 1 ? segments : undefined, value, start, end, transformed };
}

/** Candidates of one `name <op> "value"` pattern on a line; the search resumes after each value. */
function quotedCandidates(pattern: RegExp, line: string, lineStart: number, out: Candidate[]): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(line); m !== null; m = pattern.exec(line)) {
    const openAt = m.index + m[0].length - 1;
    const { close, interpolated } = closingQuote(line, openAt, m.groups?.['open'] as string);
    if (close === -1) break;
    pattern.lastIndex = close + 1; // never look for names inside the value
    const raw = line.slice(openAt + 1, close);
    if (interpolated || raw.trim().length === 0) continue;
    const value = raw.includes('\\') ? decodeEscapes(raw).value : raw;
    out.push(candidate(m.groups?.['name'] as string, value, lineStart + openAt + 1, lineStart + close, value !== raw));
  }
}

function unquotedCandidate(line: string, lineStart: number, style: TextStyle, out: Candidate[]): void {
  const m = (style === 'shell' ? SHELL_ASSIGNMENT : INI_ASSIGNMENT).exec(line);
  const name = m?.groups?.['name'];
  let value = m?.groups?.['value'];
  if (!m || name === undefined || value === undefined) return;
  if (style === 'ini') {
    const comment = /\s[#;]/.exec(value);
    if (comment) value = value.slice(0, comment.index);
    value = value.trimEnd();
  }
  if (value.length === 0) return;
  const start = lineStart + m[0].length - (m.groups?.['value'] as string).length;
  out.push(candidate(name, value, start, start + value.length, false));
}

/**
 * Secret-name candidates in `text`: only lines containing a keyword are looked at, and lines longer
 * than `MAX_CANDIDATE_LINE` are skipped. Linear in the text length.
 */
export function assignmentCandidates(text: string, style: TextStyle): Candidate[] {
  const out: Candidate[] = [];
  LINE_KEYWORDS.lastIndex = 0;
  for (let hit = LINE_KEYWORDS.exec(text); hit !== null; hit = LINE_KEYWORDS.exec(text)) {
    const lineStart = text.lastIndexOf('\n', hit.index) + 1;
    let lineEnd = text.indexOf('\n', hit.index);
    if (lineEnd === -1) lineEnd = text.length;
    LINE_KEYWORDS.lastIndex = lineEnd; // one look per line
    if (lineEnd - lineStart > MAX_CANDIDATE_LINE) continue;
    const line = text.slice(lineStart, text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd);
    const before = out.length;
    if (style !== 'code') unquotedCandidate(line, lineStart, style, out);
    quotedCandidates(QUOTED_ASSIGNMENT, line, lineStart, out);
    if (line.includes('(')) quotedCandidates(CALL_ARGUMENT_PAIR, line, lineStart, out);
    if (out.length - before > 1) {
      // One value can match more than one form: keep one candidate per value start.
      const seen = new Set<number>();
      const unique = out.splice(before).filter((c) => !seen.has(c.start) && seen.add(c.start));
      out.push(...unique);
    }
  }
  return out;
}

/** The fallback reader for every file without a structured reader. */
export const textReader: FormatReader = {
  name: 'text',
  matches: () => true,
  read: (text, path) =>
    finishRead(text, isMinifiedPath(path) ? [] : assignmentCandidates(text, textStyleFor(path, text)), []),
};
