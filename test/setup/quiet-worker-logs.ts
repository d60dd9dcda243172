import { DefaultLogger, Runtime } from '@temporalio/worker';

// Worker state changes are logged at INFO; in tests only warnings and errors are worth reading.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed in this process by an earlier test file: its logger is the same.
}
