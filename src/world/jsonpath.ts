import { badArgument } from './errors';

/** One step of a path: an object member, an array index (negative counts from the end), or every child. */
export type PathSegment = { kind: 'member'; name: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

export interface JsonPath {
  text: string;
  segments: PathSegment[];
  /** True when the path can select at most one value (no wildcard). */
  definite: boolean;
}

const MEMBER_NAME = /^[^.[\]\s]+/;

/**
 * Parse the JSONPath subset wsbdd supports: `$`, `$.a.b`, `$.a[0]`, `$.a[-1]`, `$['x y']`, `$["x"]`,
 * `$.a[*]`, `$.a.*`. A path may leave out the leading `$.` ("user.name" means "$.user.name").
 */
export function parseJsonPath(text: string): JsonPath {
  let rest = text.trim();
  if (rest.startsWith('$')) rest = rest.slice(1);
  else if (rest !== '' && !rest.startsWith('[') && !rest.startsWith('.')) rest = `.${rest}`;
  const segments: PathSegment[] = [];
  const fail = (why: string): never => {
    throw badArgument(`bad JSONPath "${text}": ${why} at "${rest}"`);
  };
  while (rest !== '') {
    if (rest.startsWith('..')) fail('recursive descent (..) is not supported');
    if (rest.startsWith('.*')) {
      segments.push({ kind: 'wildcard' });
      rest = rest.slice(2);
    } else if (rest.startsWith('.')) {
      const name = MEMBER_NAME.exec(rest.slice(1))?.[0];
      if (name === undefined) fail('expected a member name after "."');
      segments.push({ kind: 'member', name: name! });
      rest = rest.slice(1 + name!.length);
    } else if (rest.startsWith('[')) {
      rest = parseBracket(rest, segments, fail);
    } else {
      fail('expected "." or "["');
    }
  }
  return { text, segments, definite: segments.every((s) => s.kind !== 'wildcard') };
}

function parseBracket(rest: string, segments: PathSegment[], fail: (why: string) => never): string {
  const wildcard = /^\[\s*\*\s*\]/.exec(rest);
  if (wildcard) {
    segments.push({ kind: 'wildcard' });
    return rest.slice(wildcard[0].length);
  }
  const index = /^\[\s*(-?\d+)\s*\]/.exec(rest);
  if (index) {
    segments.push({ kind: 'index', index: Number(index[1]) });
    return rest.slice(index[0].length);
  }
  const quoted = /^\[\s*(['"])((?:\\.|(?!\1)[^\\])*)\1\s*\]/.exec(rest);
  if (quoted) {
    segments.push({ kind: 'member', name: quoted[2]!.replace(/\\(.)/g, '$1') });
    return rest.slice(quoted[0].length);
  }
  return fail('expected [number], [*] or [\'name\']');
}

/** Every value the path selects, in document order. A missing member or index selects nothing. */
export function selectJsonPath(root: unknown, path: JsonPath): unknown[] {
  let current: unknown[] = [root];
  for (const segment of path.segments) {
    const next: unknown[] = [];
    for (const value of current) next.push(...children(value, segment));
    current = next;
  }
  return current;
}

function children(value: unknown, segment: PathSegment): unknown[] {
  if (segment.kind === 'wildcard') {
    if (Array.isArray(value)) return value;
    if (isObject(value)) return Object.values(value);
    return [];
  }
  if (segment.kind === 'index') {
    if (!Array.isArray(value)) return [];
    const at = segment.index < 0 ? value.length + segment.index : segment.index;
    return at >= 0 && at < value.length ? [value[at]] : [];
  }
  if (isObject(value) && Object.prototype.hasOwnProperty.call(value, segment.name)) return [value[segment.name]];
  return [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
