/** FNV-1a, 32 bits: hashes a feature name to an index of a fixed-size model (the hashing trick). */
export function featureHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
