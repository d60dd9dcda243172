import createClient, { type Middleware } from 'openapi-fetch';
import { currentLanguage } from '../i18n/i18n';
import { sessionStore } from '../session/session-store';
import type { paths } from './generated/openapi';

/** The API's origin: the console's own unless built with CONSOLE_API_URL (README, "Console"). */
export const apiBaseUrl = (import.meta.env.CONSOLE_API_URL ?? '').replace(/\/$/, '');

/**
 * Every request carries the token and the chosen language (problems come back in it); a 401 on a
 * signed-in request ends the session and remembers the page, so sign-in returns to it.
 */
const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    const session = sessionStore.get();
    if (session) request.headers.set('Authorization', `Bearer ${session.token}`);
    request.headers.set('Accept-Language', currentLanguage() === 'zh-CN' ? 'zh-CN, zh' : 'en');
    return request;
  },
  onResponse({ request, response }) {
    const session = sessionStore.get();
    // Only the refusal of the session's own token ends it, once: the page's other requests refused with
    // the same token arrive after sign-in has taken over, and would make it the page to return to.
    if (
      response.status === 401 &&
      session &&
      request.headers.get('Authorization') === `Bearer ${session.token}`
    ) {
      sessionStore.expire(`${window.location.pathname}${window.location.search}`);
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: apiBaseUrl });
api.use(sessionMiddleware);

export type { paths };
