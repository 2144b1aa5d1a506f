import type { DataTable } from '@cucumber/cucumber';
import { badArgument } from './errors';

/**
 * The arguments of one step as the step code sees them: quoted strings, table cells and doc strings
 * already have their `${variables}` replaced; `within` is the trailing "within <duration>", if written.
 */
export class StepArgs {
  constructor(
    private readonly values: unknown[],
    readonly within: number | undefined,
    private readonly table?: string[][],
    private readonly docString?: string,
  ) {}

  string(index: number): string {
    return this.typed(index, 'string') as string;
  }

  int(index: number): number {
    return this.typed(index, 'number') as number;
  }

  /** A {duration} argument, in milliseconds. */
  duration(index: number): number {
    return this.typed(index, 'number') as number;
  }

  rows(): string[][] {
    if (!this.table) throw badArgument('this step needs a table under it');
    return this.table;
  }

  doc(): string {
    if (this.docString === undefined) throw badArgument('this step needs a doc string (""" ... """) under it');
    return this.docString;
  }

  private typed(index: number, type: 'string' | 'number'): unknown {
    const value = this.values[index];
    if (typeof value !== type) throw new Error(`step argument ${index} is ${typeof value}, not ${type}`);
    return value;
  }
}

/** Rows of a cucumber table, each cell passed through `interpolate`. */
export function tableRows(table: DataTable, interpolate: (text: string) => string): string[][] {
  return table.raw().map((row) => row.map(interpolate));
}

/**
 * A two-column table as name/value pairs. A first row reading "name | value" (or "field | value",
 * "header | value") is a heading and is skipped.
 */
export function namedRows(rows: string[][], what: string): Array<[string, string]> {
  for (const row of rows) {
    if (row.length !== 2) throw badArgument(`the ${what} table needs exactly two columns (name | value), found a row with ${row.length}`);
  }
  const first = rows[0];
  const heading = first && /^(name|field|header)$/i.test(first[0]!.trim()) && /^value$/i.test(first[1]!.trim());
  return (heading ? rows.slice(1) : rows).map(([name, value]) => [name!.trim(), value!] as [string, string]);
}
