/**
 * Exact-duplicate texts removed before splitting: mailing lists and spam runs send the same
 * body many times, and a copy on each side of the split would make test accuracy a memory
 * test. The first e-mail (in the order given) of each text is kept.
 */
export function dropDuplicateTexts<T extends { text: string }>(items: readonly T[]): { kept: T[]; removed: number } {
  const seen = new Set<string>();
  const kept = items.filter((e) => {
    if (seen.has(e.text)) return false;
    seen.add(e.text);
    return true;
  });
  return { kept, removed: items.length - kept.length };
}
