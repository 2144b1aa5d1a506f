import { expressionsOf, type StepSpec } from './registry';

/** At most this many suggestions; more would bury the snippet. */
const MAX_SUGGESTIONS = 3;
/** A phrase this far apart (changed words per word) is no longer a likely typo of it. */
const MAX_SCORE = 0.5;

/**
 * The words of a cucumber expression, for comparing phrases: lower case, every parameter as `{}`
 * (a quoted string and a number are both just "a value" to someone misremembering a phrase), optional
 * text like `(s)` left out, and a trailing ":" (a step taking a doc string or table) ignored.
 */
export function phraseWords(expression: string): string[] {
  return expression
    .toLowerCase()
    .replace(/\{[^}]*\}/g, ' {} ')
    .replace(/\([^)]*\)/g, '')
    .replace(/:\s*$/, '')
    .split(/\s+/)
    .filter((word) => word.length > 0);
}

/** Words people use for the same thing in a step: a pause is written "500 ms pass". */
const SAME_MEANING = [new Set(['wait', 'waits', 'sleep', 'sleeps', 'pause', 'pauses', 'pass'])];

/** Words alike enough to be a typo of one another ("messsage", "mesage"): half a change. */
function substitution(a: string, b: string): number {
  if (a === b || a.split('/').includes(b) || b.split('/').includes(a)) return 0;
  if (SAME_MEANING.some((words) => words.has(a) && words.has(b))) return 0;
  if (a.length >= 4 && b.length >= 4 && characterDistance(a, b) <= (Math.min(a.length, b.length) >= 7 ? 2 : 1)) return 0.5;
  return 1;
}

/** How far apart two phrases are: word edits (insert, delete, replace) per word of the longer one. */
export function phraseScore(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + substitution(a[i - 1]!, b[j - 1]!));
    }
    previous = current;
  }
  return previous[b.length]! / Math.max(1, a.length, b.length);
}

/** The library's phrases closest to an expression generated from an undefined step, closest first. */
export function closestPhrases(expression: string, specs: readonly StepSpec[]): StepSpec[] {
  const words = phraseWords(expression);
  if (words.length === 0) return [];
  return specs
    .map((spec, order) => ({ spec, order, score: Math.min(...expressionsOf(spec).map((variant) => phraseScore(words, phraseWords(variant)))) }))
    // Parameters alone make no likeness: a suggestion shares a word with the step, or a typo of one.
    .filter((candidate) => candidate.score <= MAX_SCORE && sharesAWord(words, candidate.spec))
    .sort((a, b) => a.score - b.score || a.order - b.order)
    .slice(0, MAX_SUGGESTIONS)
    .map((candidate) => candidate.spec);
}

function sharesAWord(words: readonly string[], spec: StepSpec): boolean {
  const literal = words.filter((word) => word !== '{}');
  return expressionsOf(spec).some((variant) =>
    phraseWords(variant).some((theirs) => theirs !== '{}' && literal.some((ours) => substitution(ours, theirs) < 1)),
  );
}

/** Edits between two words, a swap of neighbouring letters counting as one ("shuold"). */
function characterDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, index) => index)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}
