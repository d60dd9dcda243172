import { Navigate, Outlet, useLocation } from 'react-router';
import { useNow } from '../layout/use-now';
import { useSession } from '../session/use-session';

/** Every page but sign-in needs a session; without one (or once it expired), go to sign-in and back. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  const now = useNow(10_000);
  if (!session || session.expiresAt <= now) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?from=${encodeURIComponent(from)}`} replace />;
  }
  return <Outlet />;
}
