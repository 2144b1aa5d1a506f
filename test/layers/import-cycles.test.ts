import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT as ROOT } from '../repo-root';

const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative module specifiers of a file: static imports and re-exports, import() and require(). */
function relativeImports(text: string): string[] {
  const specifiers = [
    ...text.matchAll(/\bfrom\s+['"](\.[^'"]*)['"]/g),
    ...text.matchAll(/\bimport\s*\(\s*['"](\.[^'"]*)['"]\s*\)/g),
    ...text.matchAll(/\brequire\s*\(\s*['"](\.[^'"]*)['"]\s*\)/g),
    ...text.matchAll(/^\s*import\s+['"](\.[^'"]*)['"]/gm),
  ];
  return specifiers.map((match) => match[1] ?? '');
}

/** The layer of a source file: its folder under src/ (src/world.ts, the World itself, belongs to world). */
function layerOf(file: string): string {
  const inside = relative(SRC, file).split(sep);
  if (inside.length === 1) return (inside[0] ?? '').replace(/\.ts$/, '');
  return inside[0] ?? '';
}

/** Which layer imports which, each edge with one file that makes it, to name in a failure. */
export function layerGraph(files: readonly string[]): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of files) {
    const from = layerOf(file);
    for (const specifier of relativeImports(readFileSync(file, 'utf8'))) {
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(SRC + sep)) continue;
      const to = layerOf(existsSync(target) && statSync(target).isDirectory() ? join(target, 'index.ts') : `${target}.ts`);
      if (to === from) continue;
      let edges = graph.get(from);
      if (!edges) graph.set(from, (edges = new Map()));
      if (!edges.has(to)) edges.set(to, `${relative(ROOT, file)} imports ${specifier}`);
    }
  }
  return graph;
}

/** Every cycle between layers, each as its path of layers and the imports that close it. */
export function layerCycles(graph: Map<string, Map<string, string>>): string[] {
  const cycles: string[] = [];
  const seen = new Set<string>();
  const visit = (layer: string, path: string[]): void => {
    // A cycle is reported once, from its alphabetically first layer.
    for (const next of graph.get(layer)?.keys() ?? []) {
      const at = path.indexOf(next);
      if (next === path[0]) {
        const key = [...path].sort().join('>');
        if (!seen.has(key)) {
          seen.add(key);
          const steps = path.map((from, index) => graph.get(from)?.get(path[index + 1] ?? path[0] ?? '') ?? '');
          cycles.push(`${[...path, next].join(' -> ')}\n    ${steps.join('\n    ')}`);
        }
      } else if (at < 0 && next > (path[0] ?? '')) visit(next, [...path, next]);
    }
  };
  for (const layer of [...graph.keys()].sort()) visit(layer, [layer]);
  return cycles;
}

describe('layers', () => {
  it('no two layers of src/ import each other, directly or through others', () => {
    const cycles = layerCycles(layerGraph(sourceFiles(SRC)));
    assert.deepEqual(cycles, [], `import cycles between layers:\n${cycles.join('\n')}`);
  });

  it('the check sees a cycle when there is one', () => {
    const graph = new Map([
      ['a', new Map([['b', 'a.ts imports ./b']])],
      ['b', new Map([['c', 'b.ts imports ./c']])],
      ['c', new Map([['a', 'c.ts imports ./a']])],
    ]);
    assert.deepEqual(layerCycles(graph), ['a -> b -> c -> a\n    a.ts imports ./b\n    b.ts imports ./c\n    c.ts imports ./a']);
    assert.deepEqual(layerCycles(new Map([['a', new Map([['b', 'x']])], ['b', new Map([['c', 'y']])]])), []);
  });
});
