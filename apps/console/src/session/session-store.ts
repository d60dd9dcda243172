/**
 * The signed-in session: the bearer token, kept for this browser tab only (sessionStorage), and what its
 * claims say. The console never verifies the token (the API does); it reads the claims to show them.
 */
const tokenKey = 'towns.token';
const returnToKey = 'towns.returnTo';

export interface Session {
  readonly token: string;
  readonly userId: string;
  readonly seat: string;
  readonly county: string | null;
  /** A member-unit inspector's own unit (its code, as the token names it). */
  readonly unit: string | null;
  readonly name: string | null;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
}

type Listener = () => void;
const listeners = new Set<Listener>();
let current: Session | null = read();

function read(): Session | null {
  const token = sessionStorage.getItem(tokenKey);
  return token === null ? null : sessionOf(token);
}

function decodeSegment(segment: string): unknown {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
}

/** The session a token describes, or null when it is no JWT with our claims. */
export function sessionOf(token: string): Session | null {
  const payload = token.trim().split('.')[1];
  if (payload === undefined) return null;
  try {
    const claims = decodeSegment(payload) as Record<string, unknown>;
    const { sub, seat, county, unit, name, exp } = claims;
    if (typeof sub !== 'string' || typeof seat !== 'string' || typeof exp !== 'number') return null;
    return {
      token: token.trim(),
      userId: sub,
      seat,
      county: typeof county === 'string' ? county : null,
      unit: typeof unit === 'string' ? unit : null,
      name: typeof name === 'string' ? name : null,
      expiresAt: exp * 1000,
    };
  } catch {
    return null;
  }
}

function emit(): void {
  listeners.forEach((listener) => listener());
}

export const sessionStore = {
  subscribe: (listener: Listener): (() => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  get: (): Session | null => {
    return current;
  },
  signIn: (session: Session): void => {
    sessionStorage.setItem(tokenKey, session.token);
    current = session;
    emit();
  },
  signOut: (): void => {
    sessionStorage.removeItem(tokenKey);
    sessionStorage.removeItem(returnToKey);
    current = null;
    emit();
  },
  /** The API refused the token (401): forget it, and remember where the user was. */
  expire: (returnTo: string): void => {
    sessionStorage.removeItem(tokenKey);
    sessionStorage.setItem(returnToKey, returnTo);
    current = null;
    emit();
  },
  /** True when a 401 ended the session (sign-in says so, and returns to the page). */
  ended: (): boolean => sessionStorage.getItem(returnToKey) !== null,
  /** Where to go after signing in: the page a 401 interrupted, once. */
  takeReturnTo: (): string | null => {
    const returnTo = sessionStorage.getItem(returnToKey);
    sessionStorage.removeItem(returnToKey);
    return returnTo;
  },
};
