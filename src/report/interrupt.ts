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
  private signals = 0;
  private current: Abortable | undefined;
  private uninstallers: Array<() => void> = [];
  private readonly exit: (code: number) => void;
  private readonly notify: (line: string) => void;

  constructor(private readonly options: InterruptOptions = {}) {
    this.exit = options.exit ?? ((code) => process.exit(code));
    this.notify = options.notify ?? ((line) => process.stderr.write(`${line}\n`));
  }

  get interrupted(): boolean {
    return this.signals > 0;
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
    this.signals++;
    if (this.signals > 1) {
      if (!this.options.quiet) this.notify(`wsbdd: second ${name}: exiting now; reports may be incomplete`);
      this.exit(INTERRUPTED_EXIT_CODE);
      return;
    }
    if (!this.options.quiet) {
      this.notify(`wsbdd: ${name}: stopping the running scenario and reporting the rest as not run (again to exit at once)`);
    }
    this.current?.abort?.('interrupted');
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
    // In a parallel run every worker gets the signal too; only the main process prints notices.
    controller = new InterruptController({ quiet: process.env.CUCUMBER_WORKER_ID !== undefined });
    controller.install();
    holder[GLOBAL_KEY] = controller;
  }
  return controller;
}
