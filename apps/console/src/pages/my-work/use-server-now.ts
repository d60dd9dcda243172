import { useNow } from '../../layout/use-now';

/**
 * The server's clock, moving on with the browser's: countdowns count from the time the server decided
 * at (which a training system moves forward), not from the browser's own idea of now.
 */
export function useServerNow(serverNow: string | undefined, receivedAt: number): number {
  const browserNow = useNow();
  if (serverNow === undefined) return browserNow;
  return Date.parse(serverNow) + (browserNow - receivedAt);
}
