/** Where and why an actual JSON value differs from the expected one. */
export interface JsonMismatch {
  /** JSONPath of the first difference, e.g. "$.user.name". */
  path: string;
  reason: string;
}

/**
 * Subset match: every member of an expected object must be present and match (extra members in the
 * actual value are fine); arrays match element by element and must have the same length; everything
 * else must be equal (same JSON type and value). Returns the first difference, or undefined.
 */
export function matchJsonSubset(expected: unknown, actual: unknown, path = '$'): JsonMismatch | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return { path, reason: `expected an array, got ${describeJson(actual)}` };
    if (actual.length !== expected.length) {
      return { path, reason: `expected an array of ${expected.length} elements, got ${actual.length}` };
    }
    for (let i = 0; i < expected.length; i++) {
      const mismatch = matchJsonSubset(expected[i], actual[i], `${path}[${i}]`);
      if (mismatch) return mismatch;
    }
    return undefined;
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return { path, reason: `expected an object, got ${describeJson(actual)}` };
    for (const [key, value] of Object.entries(expected)) {
      const childPath = `${path}${memberSuffix(key)}`;
      if (!Object.prototype.hasOwnProperty.call(actual, key)) return { path: childPath, reason: 'missing' };
      const mismatch = matchJsonSubset(value, actual[key], childPath);
      if (mismatch) return mismatch;
    }
    return undefined;
  }
  if (expected === actual) return undefined;
  return { path, reason: `expected ${JSON.stringify(expected)}, got ${describeJson(actual)}` };
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
