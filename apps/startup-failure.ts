/**
 * What a person sees when the system cannot start. Failures we anticipated (bad configuration, a
 * locked store, an invalid policy pack) carry a code or a name of their own and a message that says
 * what to do: print just that. Anything else is a bug: print the stack.
 */
export function describeStartupFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const anticipated = typeof code === 'string' || error.name === 'ConfigError';
  return anticipated ? `${error.name}: ${error.message}` : (error.stack ?? error.message);
}
