/**
 * The API's OpenAPI document built without any server — a lazy Temporal client that never connects, an
 * in-memory store, throw-away keys — and what is read from it: the schemas of request bodies and those
 * they refer to. The console's generated files come from it (console-api-types.ts), and the tests that
 * hold the server's validation to the document read it (test/unit/api/required-fields.spec.ts).
 */
import { generateKeyPairSync } from 'node:crypto';
import { Client } from '@temporalio/client';
import type { OpenAPI3, SchemaObject } from 'openapi-typescript';
import { createApi } from '../apps/api/create-api';
import { openApiDocument } from '../apps/api/openapi-document';
import { pingxiang2017 } from '../domain/policy/packs/pingxiang-2017';
import { createEventStore } from '../infra/event-store/create-event-store';
import { createTokenVerifier } from '../infra/auth/token-verifier';

/** The pack the offline document is built for. */
export const offlineDocumentPolicy = pingxiang2017;

/**
 * The OpenAPI document exactly as `/api/docs-json` serves it, with the development sign-in routes and
 * training mode's clock routes (the console uses them only where they answer).
 */
export async function buildOpenApiDocument(): Promise<OpenAPI3> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const policy = offlineDocumentPolicy;
  const store = await createEventStore({ kind: 'pglite' });
  const issuer = 'openapi';
  const audience = 'openapi';
  const app = await createApi(
    {
      client: new Client(),
      store,
      verifier: createTokenVerifier({ publicKey, algorithm: 'EdDSA', issuer, audience, policy }),
      settings: { taskQueue: 'openapi', policy },
      devSignIn: { privateKey, algorithm: 'EdDSA', issuer, audience, ttlSeconds: 60 },
      // Only declares the routes: building the document never reads or moves a clock.
      trainingClock: {
        now: () => new Date(0).toISOString(),
        advanceTo: (instant) => Promise.resolve(instant),
      },
    },
    { logger: false, requestLog: false },
  );
  try {
    return JSON.parse(JSON.stringify(openApiDocument(app, policy))) as OpenAPI3;
  } finally {
    await app.close();
    await store.close();
  }
}

/** `post /api/towns` → the name of its JSON body's schema, for every operation that takes one. */
export function requestBodySchemas(document: OpenAPI3): Record<string, string> {
  const bodies: Record<string, string> = {};
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    if ('$ref' in item) continue;
    for (const method of ['post', 'put', 'patch'] as const) {
      const operation = item[method];
      const body = operation && 'requestBody' in operation ? operation.requestBody : undefined;
      const media = body && 'content' in body ? body.content['application/json'] : undefined;
      const schema = media && 'schema' in media ? media.schema : undefined;
      const ref = schema && '$ref' in schema ? schema.$ref : undefined;
      if (ref?.startsWith('#/components/schemas/')) {
        bodies[`${method} ${path}`] = ref.slice('#/components/schemas/'.length);
      }
    }
  }
  return bodies;
}

/** The named schemas and every schema they refer to, so the console can render nested fields. */
export function referencedSchemas(
  document: OpenAPI3,
  names: readonly string[],
): Record<string, SchemaObject> {
  const all = document.components?.schemas ?? {};
  const found: Record<string, SchemaObject> = {};
  const visit = (name: string): void => {
    const schema = all[name];
    if (found[name] !== undefined || schema === undefined || '$ref' in schema) return;
    found[name] = schema;
    for (const match of JSON.stringify(schema).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (match[1] !== undefined) visit(match[1]);
    }
  };
  names.forEach(visit);
  return Object.fromEntries(
    Object.keys(found)
      .sort()
      .map((name) => [name, found[name] as SchemaObject]),
  );
}
