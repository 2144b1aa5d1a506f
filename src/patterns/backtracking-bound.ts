/**
 * How much work a backtracking engine (V8's irregexp) may do for a pattern, read from the pattern alone.
 *
 * Catastrophic backtracking needs a repeated group (`(a+)+`, `(a|a)*`) or a back-reference. With
 * neither, every quantifier applies to one atom and is tried at most once per path, so a path is a start
 * position and where each of the q quantifiers stops: at most C(n + q + 1, q + 1) of them on a text of n
 * characters. Each alternation multiplies the paths by its branches, and each path costs at most the
 * pattern's length beyond what its quantifiers consumed (counted in their choices). The product bounds the
 * steps: `.*x` on 4 KiB of text is 2^25 of them and takes V8 about 50 ms here. Patterns and texts whose
 * bound stays small run on the spot; the rest is worth the trip to a thread that can be stopped.
 */
export interface BacktrackingShape {
  /** Quantifiers on single atoms, each a factor of (n + 1) in the bound. */
  quantifiers: number;
  /** log2 of the product of the branch counts of every alternation. */
  branchBits: number;
  /** A repeated group or a back-reference: no polynomial bound. */
  unbounded: boolean;
  length: number;
}

const BRACED_QUANTIFIER = /^\{(\d+)(,(\d*))?\}/;

/** Reads the pattern's structure. Meant for sources that `new RegExp` accepted. */
export function backtrackingShape(source: string): BacktrackingShape {
  let quantifiers = 0;
  let branchBits = 0;
  let unbounded = false;
  // Branch counts of the groups being read; the outermost is the whole pattern.
  const branches: number[] = [1];
  // What a quantifier here would repeat.
  let last: 'nothing' | 'atom' | 'group' = 'nothing';
  let i = 0;
  const quantify = (atMostOnce: boolean) => {
    if (last === 'group' && !atMostOnce) unbounded = true;
    else if (last !== 'nothing') quantifiers++;
    last = 'nothing';
    if (source[i] === '?') i++; // lazy: the same paths, tried in another order
  };
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9k]/.test(next)) unbounded = true;
      const braced = /[upP]/.test(next) && source[i + 2] === '{' ? source.indexOf('}', i + 3) : -1;
      i = braced === -1 ? i + 2 : braced + 1;
      last = 'atom';
    } else if (c === '[') {
      i = classEnd(source, i);
      last = 'atom';
    } else if (c === '(') {
      i = groupBodyStart(source, i);
      branches.push(1);
      last = 'nothing';
    } else if (c === ')') {
      branchBits += Math.log2(branches.pop() ?? 1);
      i++;
      last = 'group';
    } else if (c === '|') {
      branches[branches.length - 1]!++;
      i++;
      last = 'nothing';
    } else if (c === '*' || c === '+') {
      i++;
      quantify(false);
    } else if (c === '?') {
      i++;
      quantify(true);
    } else if (c === '{' && BRACED_QUANTIFIER.test(source.slice(i))) {
      const [whole, , comma, max] = BRACED_QUANTIFIER.exec(source.slice(i))!;
      i += whole.length;
      quantify(comma === undefined ? Number(whole.slice(1, -1)) <= 1 : max !== '' && Number(max) <= 1);
    } else {
      i++;
      last = 'atom';
    }
  }
  for (const count of branches) branchBits += Math.log2(count);
  return { quantifiers, branchBits, unbounded, length: source.length };
}

/** The index just past the character class starting at `start` (`[]` is an empty class in JavaScript). */
function classEnd(source: string, start: number): number {
  let i = start + 1;
  if (source[i] === '^') i++;
  while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** The index of the first character inside the group opening at `start`, past (?:, (?=, (?<name> and the like. */
function groupBodyStart(source: string, start: number): number {
  if (source[start + 1] !== '?') return start + 1;
  if (source[start + 2] === '<' && source[start + 3] !== '=' && source[start + 3] !== '!') return source.indexOf('>', start) + 1;
  return source[start + 2] === '<' ? start + 4 : start + 3;
}

/** log2 of the bound on the steps of matching a text of `length` characters, or Infinity. */
export function backtrackingBits(shape: BacktrackingShape, length: number): number {
  if (shape.unbounded) return Infinity;
  // log2 C(length + q + 1, q + 1), a product of q + 1 ratios.
  let paths = 0;
  for (let i = 1; i <= shape.quantifiers + 1; i++) paths += Math.log2((length + i) / i);
  return paths + shape.branchBits + Math.log2(shape.length + 1);
}
