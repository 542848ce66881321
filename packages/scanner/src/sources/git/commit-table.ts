/**
 * The commits a history scan lists, numbered in the order they are added, stored in columns rather
 * than as objects: a million commits as objects with their own strings cost hundreds of MB; here
 * about 50 bytes each. The id is kept as bytes, the committer time and the author date as numbers
 * (the ISO date is rebuilt from the instant and its offset; a date that does not rebuild to the very
 * same text is kept as text), authors and e-mails once per distinct value.
 */
import type { CommitInfo } from '../../finding/finding.js';

const ISO_DATE = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)([+-])(\d\d):(\d\d)$/;
const HEX_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `git log --format=%aI` text of the instant `seconds` (since the epoch) at `offset` minutes. */
export function isoDateOf(seconds: number, offset: number): string {
  const local = new Date((seconds + offset * 60) * 1000).toISOString().slice(0, 19);
  const a = Math.abs(offset);
  return `${local}${offset < 0 ? '-' : '+'}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`;
}

/** The instant and offset of an ISO date that isoDateOf rebuilds exactly; else undefined. */
export function parseIsoDate(date: string): { seconds: number; offset: number } | undefined {
  const m = ISO_DATE.exec(date);
  if (!m) return undefined;
  const offset = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
  const local = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) / 1000;
  const seconds = local - offset * 60;
  return Number.isFinite(seconds) && isoDateOf(seconds, offset) === date ? { seconds, offset } : undefined;
}

/** A typed array of at least `n` elements holding `a`'s (doubling: amortized constant per add). */
function grown<T extends Float64Array | Int32Array | Int16Array | Uint8Array>(a: T, n: number, make: (size: number) => T): T {
  if (n <= a.length) return a;
  const b = make(Math.max(n, a.length * 2, 64));
  b.set(a);
  return b;
}

/** Distinct strings, each stored once, numbered. */
class Interned {
  private readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(s);
      this.ids.set(s, id);
    }
    return id;
  }

  value(id: number): string {
    return this.values[id]!;
  }
}

export class CommitTable {
  private count = 0;
  /** Bytes of an id (20: SHA-1, 32: SHA-256), from the first commit. */
  private idBytes = 0;
  private ids = new Uint8Array(0);
  /** Ids not stored as bytes (another length than the first): commit number -> id. */
  private readonly oddIds = new Map<number, string>();
  private times = new Float64Array(0);
  private dateSeconds = new Float64Array(0);
  private dateOffsets = new Int16Array(0);
  /** Dates that isoDateOf would not rebuild exactly, kept as text. */
  private readonly oddDates = new Map<number, string>();
  private authors = new Int32Array(0);
  private emails = new Int32Array(0);
  private readonly people = new Interned();
  /** id -> number, built on the first look-up (a listing needs none: git lists a commit once). */
  private byId: Map<string, number> | undefined;

  get length(): number {
    return this.count;
  }

  /** Adds a commit (not looked up: see `find`); returns its number. */
  add(info: CommitInfo, time: number): number {
    const c = this.count++;
    if (this.idBytes === 0 && HEX_ID.test(info.commit)) this.idBytes = info.commit.length / 2;
    this.ids = grown(this.ids, this.count * this.idBytes, (n) => new Uint8Array(n));
    if (info.commit.length === this.idBytes * 2 && HEX_ID.test(info.commit)) Buffer.from(this.ids.buffer, this.ids.byteOffset, this.ids.length).write(info.commit, c * this.idBytes, 'hex');
    else this.oddIds.set(c, info.commit);
    this.times = grown(this.times, this.count, (n) => new Float64Array(n));
    this.times[c] = time;
    this.dateSeconds = grown(this.dateSeconds, this.count, (n) => new Float64Array(n));
    this.dateOffsets = grown(this.dateOffsets, this.count, (n) => new Int16Array(n));
    const date = parseIsoDate(info.date);
    if (date) {
      this.dateSeconds[c] = date.seconds;
      this.dateOffsets[c] = date.offset;
    } else this.oddDates.set(c, info.date);
    this.authors = grown(this.authors, this.count, (n) => new Int32Array(n));
    this.emails = grown(this.emails, this.count, (n) => new Int32Array(n));
    this.authors[c] = this.people.id(info.author);
    this.emails[c] = this.people.id(info.email);
    this.byId?.set(info.commit, c);
    return c;
  }

  /** The number of the commit with this id, if added. */
  find(commit: string): number | undefined {
    if (!this.byId) {
      this.byId = new Map();
      for (let c = 0; c < this.count; c++) this.byId.set(this.id(c), c);
    }
    return this.byId.get(commit);
  }

  id(c: number): string {
    const odd = this.oddIds.get(c);
    if (odd !== undefined) return odd;
    return Buffer.from(this.ids.buffer, this.ids.byteOffset + c * this.idBytes, this.idBytes).toString('hex');
  }

  /** Committer time, seconds. */
  time(c: number): number {
    return this.times[c]!;
  }

  info(c: number): CommitInfo {
    return {
      commit: this.id(c),
      author: this.people.value(this.authors[c]!),
      email: this.people.value(this.emails[c]!),
      date: this.oddDates.get(c) ?? isoDateOf(this.dateSeconds[c]!, this.dateOffsets[c]!),
    };
  }
}
