/**
 * The AsyncAPI parser resolves every $ref of a document, those of a recursive schema too (a tree node
 * whose children are nodes): that schema becomes an object that contains itself, which ajv cannot compile
 * (it recurses until the stack runs out). This copies a schema with each way back to an enclosing schema
 * turned into a $ref to where that schema sits, as a JSON pointer from the root. Objects shared without a
 * cycle are copied at each place they appear.
 */
export function acyclicSchema(schema: object): object {
  const enclosing = new Map<object, string>();
  const walk = (value: unknown, pointer: string): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const back = enclosing.get(value);
    if (back !== undefined) return { $ref: `#${back}` };
    enclosing.set(value, pointer);
    try {
      if (Array.isArray(value)) return value.map((item, i) => walk(item, `${pointer}/${i}`));
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) copy[key] = walk(item, `${pointer}/${pointerSegment(key)}`);
      return copy;
    } finally {
      enclosing.delete(value);
    }
  };
  return walk(schema, '') as object;
}

/** A key as a segment of a JSON pointer inside a URI fragment (RFC 6901 sections 4 and 6). */
function pointerSegment(key: string): string {
  return encodeURIComponent(key.replace(/~/g, '~0').replace(/\//g, '~1'));
}
