import { RELAY_ENV, freshRelayPath, watchRelay, writeRelay } from './interrupt-relay';

/** What the interrupt handling needs from a running scenario's World. */
export interface Abortable {
  abort?(reason: string): void;
}

export interface InterruptOptions {
  exit?: (code: number) => void;
  /** Where the one-line notices go; they are a log of what happened, so stderr. */
  notify?: (line: string) => void;
  /** Only one process of a parallel run should print notices: the coordinator. */
  quiet?: boolean;
  /** Told each time the interrupt escalates (1: stop the scenario, 2: exit), before acting on it. */
  onEscalate?: (level: number, name: string) => void;
}

/** Where signals come from: the process, or a stand-in in tests. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

export const INTERRUPT_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
/** Exit status of a process ended by SIGINT, by shell convention (128 + 2). */
export const INTERRUPTED_EXIT_CODE = 130;

/**
 * Turns Ctrl-C into an orderly stop: the first signal aborts the running scenario's wait and makes
 * every later scenario report itself as not run, so that cucumber finishes normally and every formatter
 * writes complete, valid files. A second signal exits at once. SIGTERM (what CI systems send on cancel)
 * is treated the same way.
 */
export class InterruptController {
  private own = 0;
  private relayed = 0;
  private level = 0;
  private current: Abortable | undefined;
  private uninstallers: Array<() => void> = [];
  private readonly exit: (code: number) => void;
  private readonly notify: (line: string) => void;
  /** In the main process: the file its workers watch for signals it was sent (see interrupt-relay.ts). */
  relayFile: string | undefined;
  /** No scenario can have started yet (the wsbdd command is still loading): the notice must not say one stops. */
  beforeRun = false;

  constructor(private readonly options: InterruptOptions = {}) {
    this.exit = options.exit ?? ((code) => process.exit(code));
    this.notify = options.notify ?? ((line) => process.stderr.write(`${line}\n`));
  }

  get interrupted(): boolean {
    return this.level > 0;
  }

  install(target: SignalSource = process): void {
    if (this.uninstallers.length > 0) return;
    for (const signal of INTERRUPT_SIGNALS) {
      const handler = (): void => this.signal(signal);
      target.on(signal, handler);
      this.uninstallers.push(() => target.off(signal, handler));
    }
  }

  uninstall(): void {
    for (const uninstall of this.uninstallers.splice(0)) uninstall();
  }

  signal(name: string = 'SIGINT'): void {
    this.own++;
    this.escalate(name);
  }

  /**
   * The main process's signal count, as a worker learns it. A Ctrl-C reaches a worker twice, directly and
   * through the main process, so the two counts are not added: one Ctrl-C must not count as a second.
   */
  relay(signals: number, name: string = 'SIGINT'): void {
    if (signals <= this.relayed) return;
    this.relayed = signals;
    this.escalate(name);
  }

  private escalate(name: string): void {
    const level = Math.max(this.own, this.relayed);
    if (level <= this.level) return;
    this.level = level;
    this.options.onEscalate?.(level, name);
    if (level > 1) {
      if (!this.options.quiet) this.notify(`wsbdd: second ${name}: exiting now; reports may be incomplete`);
      this.exit(INTERRUPTED_EXIT_CODE);
      return;
    }
    if (!this.options.quiet) {
      this.notify(
        this.beforeRun
          ? `wsbdd: ${name}: stopping before any scenario runs (again to exit at once)`
          : `wsbdd: ${name}: stopping the running scenario and reporting the rest as not run (again to exit at once)`,
      );
    }
    this.current?.abort?.(`${name} received`);
  }

  scenarioStarted(world: Abortable): void {
    this.current = world;
  }

  scenarioFinished(world: Abortable): void {
    if (this.current === world) this.current = undefined;
  }
}

const GLOBAL_KEY = Symbol.for('wsbdd.interruptController');

/**
 * The process's one controller, installed on first use. Kept on globalThis so that the hooks loaded
 * twice (from TypeScript sources and compiled files) still share one signal handler.
 */
export function processInterruptController(): InterruptController {
  const holder = globalThis as unknown as Record<symbol, InterruptController | undefined>;
  let controller = holder[GLOBAL_KEY];
  if (!controller) {
    controller = process.env.CUCUMBER_WORKER_ID === undefined ? mainController() : workerController();
    controller.install();
    holder[GLOBAL_KEY] = controller;
  }
  return controller;
}

/**
 * Set up before cucumber forks its workers, which inherit process.env (the wsbdd command passes the path
 * on in the environment it gives cucumber). A fresh path per main process: an inherited one could be stale.
 */
function mainController(): InterruptController {
  const relayFile = freshRelayPath();
  process.env[RELAY_ENV] = relayFile;
  const controller = new InterruptController({ onEscalate: (level) => writeRelay(relayFile, level) });
  controller.relayFile = relayFile;
  return controller;
}

/** Workers get Ctrl-C from the terminal too, so only the main process prints notices. */
function workerController(): InterruptController {
  const controller = new InterruptController({ quiet: true });
  const relayFile = process.env[RELAY_ENV];
  if (relayFile) watchRelay(relayFile, (signals) => controller.relay(signals));
  // A second signal ends the main process at once, and its relay file with it: a worker still busy in a
  // step that ignores the abort would outlive it. Losing the parent after an interrupt is that signal.
  process.once('disconnect', () => {
    if (controller.interrupted) process.exit(INTERRUPTED_EXIT_CODE);
  });
  return controller;
}
