/**
 * Installs the Ctrl-C handling as the first support module a parallel worker loads (the wsbdd command
 * puts it in requireModules). The hooks install it too, but only once the step library has compiled,
 * which can take seconds; a signal before that would kill the worker, and its scenarios would go unreported.
 */
import { processInterruptController } from './interrupt';

processInterruptController();
