import { StepError, StepErrorCode } from './errors';

/**
 * Scenario variables. `${name}` is replaced by a remembered value, `${env:NAME}` by an environment
 * variable (so secrets need not be written in feature files). `$${` writes a literal `${`.
 */
export class Variables {
  private readonly values = new Map<string, string>();

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  /** Remember a value; JSON values other than strings are stored as their JSON text. */
  set(name: string, value: unknown): void {
    if (!/^[A-Za-z_][\w.-]*$/.test(name)) {
      throw new StepError(StepErrorCode.BadArgument, `"${name}" is not a valid variable name (letters, digits, _ . -)`);
    }
    this.values.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  names(): string[] {
    return [...this.values.keys()];
  }

  interpolate(text: string): string {
    if (!text.includes('${')) return text;
    return text.replace(/\$\$\{|\$\{([^}]*)\}/g, (whole, name: string | undefined) => {
      if (whole === '$${') return '${';
      return this.resolve(name!.trim());
    });
  }

  private resolve(name: string): string {
    if (name.startsWith('env:')) {
      const envName = name.slice(4);
      // Own keys only: ${env:constructor} or ${env:toString} must not read what every object inherits.
      const value = Object.prototype.hasOwnProperty.call(this.env, envName) ? this.env[envName] : undefined;
      if (typeof value !== 'string') {
        throw new StepError(StepErrorCode.UnknownVariable, `environment variable ${envName} is not set (used as \${${name}})`);
      }
      return value;
    }
    const value = this.values.get(name);
    if (value === undefined) {
      const known = this.names();
      const hint = known.length > 0 ? `known variables: ${known.join(', ')}` : 'no variable has been remembered yet';
      throw new StepError(StepErrorCode.UnknownVariable, `unknown variable \${${name}} (${hint})`);
    }
    return value;
  }
}
