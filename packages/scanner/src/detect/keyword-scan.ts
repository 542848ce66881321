/**
 * The engine's prefilter: every occurrence of any keyword in a text, ASCII case-insensitively, in one
 * pass (an Aho-Corasick automaton compiled to a dense transition table over ASCII). Its cost does not
 * grow with the number of keywords, unlike one regex alternation of all of them, whose per-position
 * cost grew with every detector added. Case folding is ASCII only, as a non-unicode `i` regex does for
 * ASCII keywords; any non-ASCII character resets the automaton (keywords are ASCII). Pure.
 */

/** ASCII; `(state << 7) | c` indexes the table. */
const ALPHABET = 128;

export interface KeywordScanner {
  /** Calls `onHit(keyword index, start, end)` for every occurrence, in order of their end. */
  scan(text: string, onHit: (keyword: number, start: number, end: number) => void): void;
}

/** A scanner for lower-case ASCII keywords (throws on others: they would never match). */
export function createKeywordScanner(keywords: readonly string[]): KeywordScanner {
  const children: Map<number, number>[] = [new Map()];
  const outputs: number[][] = [[]];
  keywords.forEach((k, index) => {
    if (!/^[\x20-\x7e]+$/.test(k) || k !== k.toLowerCase()) throw new Error(`keyword is not lower-case printable ASCII: ${JSON.stringify(k)}`);
    let s = 0;
    for (let i = 0; i < k.length; i++) {
      const c = k.charCodeAt(i);
      let next = children[s]!.get(c);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        outputs.push([]);
        children[s]!.set(c, next);
      }
      s = next;
    }
    outputs[s]!.push(index);
  });

  // Breadth-first: failure links, outputs inherited through them, and the dense transition table.
  const states = children.length;
  const delta = new Int32Array(states * ALPHABET);
  const fail = new Int32Array(states);
  const queue: number[] = [];
  for (const [c, next] of children[0]!) {
    delta[c] = next;
    queue.push(next);
  }
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head]!;
    outputs[s]!.push(...outputs[fail[s]!]!);
    for (let c = 0; c < ALPHABET; c++) {
      const next = children[s]!.get(c);
      if (next === undefined) {
        delta[s * ALPHABET + c] = delta[fail[s]! * ALPHABET + c]!;
      } else {
        fail[next] = delta[fail[s]! * ALPHABET + c]!;
        delta[s * ALPHABET + c] = next;
        queue.push(next);
      }
    }
  }
  // Upper-case ASCII letters go where their lower-case letters go: case folding costs nothing per character.
  for (let st = 0; st < states; st++) {
    for (let c = 65; c <= 90; c++) delta[st * ALPHABET + c] = delta[st * ALPHABET + (c | 32)]!;
  }
  // A target state that completes a keyword is stored negated (state 0 never does), so the scan
  // loop tests for a hit without a second table lookup.
  for (let i = 0; i < delta.length; i++) if (outputs[delta[i]!]!.length > 0) delta[i] = -delta[i]!;
  const lengths = keywords.map((k) => k.length);

  return {
    scan(text, onHit) {
      let s = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c >= ALPHABET) {
          s = 0;
          continue;
        }
        s = delta[(s << 7) | c]!;
        if (s < 0) {
          s = -s;
          for (const k of outputs[s]!) onHit(k, i + 1 - lengths[k]!, i + 1);
        }
      }
    },
  };
}
