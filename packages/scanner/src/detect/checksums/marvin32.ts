/**
 * Marvin32, the keyed checksum Microsoft uses in identifiable keys and Entra client secrets
 * (design.md §3.1). All arithmetic is uint32 (`>>> 0`, `Math.imul` not needed: only add/xor/rotate).
 */

function rotl(x: number, n: number): number {
  return ((x << n) | (x >>> (32 - n))) >>> 0;
}

/** The 8 ASCII characters of a seed name read as a big-endian 64-bit number, as [low32, high32]. */
export function seedFromAscii(name: string): readonly [number, number] {
  if (name.length !== 8) throw new Error(`Marvin32 seed must be 8 ASCII characters: "${name}"`);
  let high = 0;
  let low = 0;
  for (let i = 0; i < 4; i++) high = ((high << 8) | (name.charCodeAt(i) & 0xff)) >>> 0;
  for (let i = 4; i < 8; i++) low = ((low << 8) | (name.charCodeAt(i) & 0xff)) >>> 0;
  return [low, high];
}

/** Marvin32 of `data` with a 64-bit seed given as [low32, high32]; returns a uint32. */
export function marvin32(data: Uint8Array, seed: readonly [number, number]): number {
  let p0 = seed[0] >>> 0;
  let p1 = seed[1] >>> 0;
  const mix = (): void => {
    p1 = (p1 ^ p0) >>> 0;
    p0 = rotl(p0, 20);
    p0 = (p0 + p1) >>> 0;
    p1 = rotl(p1, 9);
    p1 = (p1 ^ p0) >>> 0;
    p0 = rotl(p0, 27);
    p0 = (p0 + p1) >>> 0;
    p1 = rotl(p1, 19);
  };
  const full = data.length - (data.length % 4);
  for (let i = 0; i < full; i += 4) {
    const w = ((data[i] ?? 0) | ((data[i + 1] ?? 0) << 8) | ((data[i + 2] ?? 0) << 16) | ((data[i + 3] ?? 0) << 24)) >>> 0;
    p0 = (p0 + w) >>> 0;
    mix();
  }
  const b0 = data[full] ?? 0;
  const b1 = data[full + 1] ?? 0;
  const b2 = data[full + 2] ?? 0;
  let final: number;
  switch (data.length % 4) {
    case 0:
      final = 0x80;
      break;
    case 1:
      final = 0x8000 | b0;
      break;
    case 2:
      final = 0x800000 | b0 | (b1 << 8);
      break;
    default:
      final = (0x80000000 | b0 | (b1 << 8) | (b2 << 16)) >>> 0;
  }
  p0 = (p0 + final) >>> 0;
  mix();
  mix();
  return (p0 ^ p1) >>> 0;
}

/** Marvin32 with a seed named by 8 ASCII characters (`"Default0"`). */
export function marvin32Ascii(data: Uint8Array, seedName: string): number {
  return marvin32(data, seedFromAscii(seedName));
}
