/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The API's origin when the console is hosted elsewhere (build time); empty: the same origin. */
  readonly CONSOLE_API_URL?: string;
}
