/**
 * What a person sees when a process cannot start or a command fails. Failures we anticipated (a refused
 * setting, a taken port, a locked store, an invalid policy pack) carry a stable code and a message that
 * says what to do: printed as `[CODE] message`, the way a refused command line is (apps/cli-usage.ts).
 * Anything else is a bug: print the stack.
 */
export function describeStartupFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `[${code}] ${error.message}` : (error.stack ?? error.message);
}
