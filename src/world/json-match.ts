/** Where and why an actual JSON value differs from the expected one. */
export interface JsonMismatch {
  /** JSONPath of the first difference, e.g. "$.user.name". */
  path: string;
  reason: string;
}

/**
 * How an expected array matches: 'exact' element by element with the same length (what "containing"
 * has always meant), or 'include': every expected element matches a different element of the actual
 * array, in any order, and extra elements are fine.
 */
export type ArrayRule = 'exact' | 'include';

/**
 * Subset match: every member of an expected object must be present and match (extra members in the
 * actual value are fine); arrays follow `arrays`; everything else must be equal (same JSON type and
 * value). Returns the first difference, or undefined.
 */
export function matchJsonSubset(expected: unknown, actual: unknown, path = '$', arrays: ArrayRule = 'exact'): JsonMismatch | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return { path, reason: `expected an array, got ${describeJson(actual)}` };
    if (arrays === 'include') return matchArrayIncluding(expected, actual, path);
    if (actual.length !== expected.length) {
      return { path, reason: `expected an array of ${expected.length} elements, got ${actual.length}` };
    }
    for (let i = 0; i < expected.length; i++) {
      const mismatch = matchJsonSubset(expected[i], actual[i], `${path}[${i}]`, arrays);
      if (mismatch) return mismatch;
    }
    return undefined;
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return { path, reason: `expected an object, got ${describeJson(actual)}` };
    for (const [key, value] of Object.entries(expected)) {
      const childPath = `${path}${memberSuffix(key)}`;
      if (!Object.prototype.hasOwnProperty.call(actual, key)) return { path: childPath, reason: 'missing' };
      const mismatch = matchJsonSubset(value, actual[key], childPath, arrays);
      if (mismatch) return mismatch;
    }
    return undefined;
  }
  if (expected === actual) return undefined;
  return { path, reason: `expected ${JSON.stringify(expected)}, got ${describeJson(actual)}` };
}

/**
 * Each expected element needs its own actual element: [1, 1] does not match [1]. Elements that match
 * several candidates are assigned by augmenting paths (bipartite matching), so the order in which the
 * expected elements are written never decides the outcome.
 */
function matchArrayIncluding(expected: unknown[], actual: unknown[], path: string): JsonMismatch | undefined {
  const fits = expected.map((e) => actual.map((a) => matchJsonSubset(e, a, path, 'include') === undefined));
  const owner: Array<number | undefined> = actual.map(() => undefined);
  const assign = (e: number, seen: boolean[]): boolean => {
    for (let a = 0; a < actual.length; a++) {
      if (!fits[e]![a] || seen[a]) continue;
      seen[a] = true;
      if (owner[a] === undefined || assign(owner[a]!, seen)) {
        owner[a] = e;
        return true;
      }
    }
    return false;
  };
  for (let e = 0; e < expected.length; e++) {
    if (assign(e, actual.map(() => false))) continue;
    const candidates = fits[e]!.filter(Boolean).length;
    const why = candidates === 0 ? 'no element matches it' : `the ${candidates === 1 ? 'element that matches it is' : `${candidates} elements that match it are`} taken by other expected elements`;
    return { path, reason: `expected the array to include ${describeJson(expected[e])}, ${why} (got ${describeJson(actual)})` };
  }
  return undefined;
}

/** Exact JSON equality (same types, same members, same order of array elements). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
  }
  return a === b;
}

/** A JSON value for a message, shortened. */
export function describeJson(value: unknown, max = 80): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

function memberSuffix(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
