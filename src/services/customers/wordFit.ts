/**
 * Whether every word someone typed stands for a word of a name: a prefix of it ("backstrom" of
 * "backstrom bygg", "fabri") or the same word with a slip (one edit, two in long words). Fuse's score
 * says "similar"; this says "not a different company", so a lone fuzzy hit like "Fabrikam Norge" for
 * "Fabrikam Nordic" is offered as a choice instead of being taken as the answer.
 */
export function wordsFit(query: string, name: string): boolean {
  const nameWords = name.split(' ').filter((word) => word.length > 0);
  return query
    .split(' ')
    .filter((word) => word.length > 0)
    .every((word) => nameWords.some((candidate) => wordFits(word, candidate)));
}

function wordFits(typed: string, word: string): boolean {
  if (word.startsWith(typed)) return true;
  const allowed = typed.length >= 8 ? 2 : typed.length >= 4 ? 1 : 0;
  if (allowed === 0) return false;
  // Compare with the word cut to about the typed length too, so a typo in a prefix ("fabrk") fits.
  const prefix = word.slice(0, typed.length);
  return editDistance(typed, word) <= allowed || editDistance(typed, prefix) <= allowed;
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number) => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return at(rows - 1, cols - 1);
}
