/**
 * XML configuration (`web.config`, `app.config`, `*.config`, `*.xml`, project files):
 * `<add key="ClientSecret" value="..."/>`, `<add name="Db" connectionString="..."/>`,
 * `<setting name="X"><value>...</value></setting>`, `<Password>...</Password>`, and any attribute
 * (`password="..."`). A linear tag scanner, not a validating parser: it throws on unterminated
 * tags/comments and on mismatched closing tags.
 */
import { decodeXmlEntities } from '../detect/escapes.js';
import { hasSuffix } from './paths.js';
import { finishRead, positionText } from './result.js';
import type { Candidate, FormatReader, FormatReadResult } from './types.js';

const NAME = /[A-Za-z_][\w:.-]*/y;
const ATTRIBUTE = /\s+([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const TAG_END = /\s*(\/?)>/y;
/** Attributes that name the setting held by a sibling `value`/`connectionString` attribute. */
const NAMING_ATTRIBUTES = ['key', 'name'];
/** Attributes holding the value of a named setting. */
const VALUE_ATTRIBUTES = new Set(['value', 'connectionstring']);
/** Attributes that never hold a secret and would only add candidates. */
const STRUCTURAL_ATTRIBUTES = new Set(['key', 'name', 'xmlns', 'type', 'providername', 'serializeas', 'include', 'version']);

interface Element {
  readonly name: string;
  readonly at: number;
  /** The `key`/`name` attribute value, if any: names a `<value>` child. */
  readonly settingName?: string;
  /** Where its text content starts (after the start tag). */
  readonly contentStart: number;
  hasChildElement: boolean;
}

function localName(name: string): string {
  const colon = name.lastIndexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function valueCandidate(key: string, keyPath: readonly string[], text: string, start: number, end: number): Candidate | undefined {
  const raw = text.slice(start, end);
  const value = decodeXmlEntities(raw);
  if (value.trim().length === 0) return undefined;
  const transformed = value !== raw;
  return { key, keyPath: [...keyPath], value, start, end, ...(transformed ? { transformed: true } : {}) };
}

/** Reads a start tag at `at` ('<' + name); pushes attribute candidates; returns the element and the tag end. */
function readStartTag(
  text: string,
  at: number,
  path: readonly string[],
  out: Candidate[],
): { element: Element; selfClosing: boolean; end: number } {
  NAME.lastIndex = at + 1;
  const nameMatch = NAME.exec(text);
  if (!nameMatch) throw new Error(`malformed tag at ${positionText(text, at)}`);
  const name = nameMatch[0];
  let pos = NAME.lastIndex;
  const attributes: { name: string; start: number; end: number }[] = [];
  for (;;) {
    ATTRIBUTE.lastIndex = pos;
    const a = ATTRIBUTE.exec(text);
    if (!a) break;
    const quoted = a[2] ?? a[3] ?? '';
    const end = ATTRIBUTE.lastIndex - 1;
    attributes.push({ name: a[1] as string, start: end - quoted.length, end });
    pos = ATTRIBUTE.lastIndex;
  }
  TAG_END.lastIndex = pos;
  const close = TAG_END.exec(text);
  if (!close) throw new Error(`malformed tag <${name}> at ${positionText(text, at)}`);
  const naming = attributes.find((a) => NAMING_ATTRIBUTES.includes(a.name.toLowerCase()));
  const settingName = naming ? decodeXmlEntities(text.slice(naming.start, naming.end)) : undefined;
  const elementPath = [...path, localName(name)];
  for (const a of attributes) {
    const lower = a.name.toLowerCase();
    if (STRUCTURAL_ATTRIBUTES.has(lower)) continue;
    const named = settingName !== undefined && VALUE_ATTRIBUTES.has(lower);
    const key = named ? settingName : localName(a.name);
    const c = valueCandidate(key, [...elementPath, key], text, a.start, a.end);
    if (c) out.push(c);
  }
  return {
    element: {
      name,
      at,
      ...(settingName !== undefined ? { settingName } : {}),
      contentStart: TAG_END.lastIndex,
      hasChildElement: false,
    },
    selfClosing: close[1] === '/',
    end: TAG_END.lastIndex,
  };
}

/** `<Password>text</Password>`; `<setting name="X"><value>text</value></setting>` is keyed `X`. */
function textCandidate(text: string, stack: readonly Element[], element: Element, contentEnd: number, out: Candidate[]): void {
  if (element.hasChildElement) return;
  const raw = text.slice(element.contentStart, contentEnd);
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (trimmed.length === 0) return;
  const parent = stack[stack.length - 1];
  const own = localName(element.name);
  const key = own.toLowerCase() === 'value' && parent?.settingName !== undefined ? parent.settingName : own;
  const path = stack.map((e) => localName(e.name));
  const start = element.contentStart + lead;
  const c = valueCandidate(key, [...path, key], text, start, start + trimmed.length);
  if (c) out.push(c);
}

function skipTo(text: string, from: number, terminator: string, what: string): number {
  const end = text.indexOf(terminator, from);
  if (end === -1) throw new Error(`unterminated ${what} at ${positionText(text, from)}`);
  return end + terminator.length;
}

export function readXmlConfig(text: string): FormatReadResult {
  const candidates: Candidate[] = [];
  const stack: Element[] = [];
  let sawElement = false;
  let pos = 0;
  for (let lt = text.indexOf('<', pos); lt !== -1; lt = text.indexOf('<', pos)) {
    if (text.startsWith('<!--', lt)) pos = skipTo(text, lt + 4, '-->', 'comment');
    else if (text.startsWith('<![CDATA[', lt)) pos = skipTo(text, lt + 9, ']]>', 'CDATA section');
    else if (text.startsWith('<?', lt)) pos = skipTo(text, lt + 2, '?>', 'processing instruction');
    else if (text.startsWith('<!', lt)) pos = skipTo(text, lt + 2, '>', 'declaration');
    else if (text.startsWith('</', lt)) {
      NAME.lastIndex = lt + 2;
      const name = NAME.exec(text)?.[0];
      const open = stack.pop();
      if (!name || !open || open.name !== name) {
        throw new Error(`unexpected </${name ?? ''}> at ${positionText(text, lt)}${open ? ` (open: <${open.name}>)` : ''}`);
      }
      textCandidate(text, stack, open, lt, candidates);
      pos = skipTo(text, lt, '>', `</${name}>`);
    } else {
      const parent = stack[stack.length - 1];
      if (parent) parent.hasChildElement = true;
      sawElement = true;
      const { element, selfClosing, end } = readStartTag(text, lt, stack.map((e) => localName(e.name)), candidates);
      if (!selfClosing) stack.push(element);
      pos = end;
    }
  }
  const unclosed = stack.pop();
  if (unclosed) throw new Error(`unclosed <${unclosed.name}> at ${positionText(text, unclosed.at)}`);
  if (!sawElement) throw new Error('no XML element found');
  return finishRead(text, candidates, []);
}

const XML_SUFFIXES = ['.config', '.xml', '.csproj', '.vbproj', '.fsproj', '.props', '.targets', '.pubxml', '.settings', '.runsettings'];

export const xmlConfigReader: FormatReader = {
  name: 'xml',
  matches: (path) => hasSuffix(path, XML_SUFFIXES),
  read: readXmlConfig,
};
