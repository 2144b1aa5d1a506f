import { DataTable, defineParameterType, Given, Then, When } from '@cucumber/cucumber';
import type { WsWorld } from '../world';
import { DURATION_PATTERN, parseDuration } from './duration';
import { StepArgs, tableRows } from './step-args';
import { firstTimeInThisLibrary } from '../support-library';

export type Keyword = 'Given' | 'When' | 'Then';

/** One phrase of the step library: what it looks like, an example, and what it does. */
export interface StepSpec {
  keyword: Keyword;
  /** A cucumber expression: {string} is a quoted string, {int} a number, {duration} like "500 ms". */
  pattern: string;
  /** The step as a user writes it (without its table or doc string). */
  example: string;
  /** The table or doc string the step takes, with an example of it. */
  argument?: { kind: 'table' | 'doc'; example: string };
  /** The step waits, and also accepts a trailing "within <duration>". */
  waits?: boolean;
  summary: string;
  run(world: WsWorld, args: StepArgs): unknown;
}

export interface StepGroup {
  id: string;
  title: string;
  steps: StepSpec[];
}

/** A safety net only: every wait of a step is bounded by its own timeout, far below this. */
const STEP_TIMEOUT_MS = 10 * 60 * 1000;
const DEFINE: Record<Keyword, typeof Given> = { Given, When, Then };

/** The cucumber expressions a spec is registered under: itself, plus the "within" variant for waits. */
export function expressionsOf(spec: StepSpec): string[] {
  if (!spec.waits) return [spec.pattern];
  // A step that takes a doc string or table ends with ":"; the duration goes before it.
  const within = spec.pattern.endsWith(':') ? `${spec.pattern.slice(0, -1)} within {duration}:` : `${spec.pattern} within {duration}`;
  return [spec.pattern, within];
}

function parameterCount(expression: string): number {
  return expression.match(/\{[^}]*\}/g)?.length ?? 0;
}

export function registerParameterTypes(): void {
  if (!firstTimeInThisLibrary('parameter-types')) return;
  defineParameterType({
    name: 'duration',
    regexp: DURATION_PATTERN,
    transformer: (text: string) => parseDuration(text),
    useForSnippets: false,
  });
}

/** Every group registered in this process, by id: what the step catalog lists. */
const registered = new Map<string, StepGroup>();

export function registeredGroups(): StepGroup[] {
  return [...registered.values()];
}

/** Register a group of specs as cucumber step definitions (once per support code library). */
export function registerStepGroup(group: StepGroup): void {
  if (!registered.has(group.id)) registered.set(group.id, group);
  registerParameterTypes();
  if (!firstTimeInThisLibrary(`steps-${group.id}`)) return;
  withShortStackTraces(() => {
    for (const spec of group.steps) {
      for (const expression of expressionsOf(spec)) {
        const withinVariant = expression !== spec.pattern;
        const arity = parameterCount(expression) + (spec.argument ? 1 : 0);
        DEFINE[spec.keyword](expression, { timeout: STEP_TIMEOUT_MS }, stepFunction(spec, withinVariant, arity));
      }
    }
  });
}

/**
 * Cucumber records where each step was defined from a stack trace it captures and parses per definition.
 * The frame it keeps (the first outside cucumber: this file) is the third, so a few frames give the same
 * answer; capturing and parsing the usual ten made up about half of registering the library's 200-odd
 * definitions at start-up.
 */
const DEFINITION_STACK_FRAMES = 6;

function withShortStackTraces(register: () => void): void {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = Math.min(limit, DEFINITION_STACK_FRAMES);
  try {
    register();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function stepFunction(spec: StepSpec, withinVariant: boolean, arity: number): (...args: unknown[]) => unknown {
  const fn = function (this: WsWorld, ...given: unknown[]): unknown {
    // Cucumber appends a callback after the step's own arguments; the step code returns a promise instead.
    const raw = given.slice(0, arity);
    const interpolate = (text: string) => this.interpolate(text);
    let argument: unknown;
    if (spec.argument) argument = raw.pop();
    const within = withinVariant ? (raw.pop() as number) : undefined;
    const values = raw.map((value) => (typeof value === 'string' ? interpolate(value) : value));
    const table = argument instanceof DataTable ? tableRows(argument, interpolate) : undefined;
    const doc = typeof argument === 'string' ? interpolate(argument) : undefined;
    return spec.run(this, new StepArgs(values, within, table, doc));
  };
  // Cucumber checks a step function's declared parameter count against the step's arguments.
  Object.defineProperty(fn, 'length', { value: arity });
  return fn;
}
