/**
 * A TLS front for the test run's Temporal dev server, which serves plain gRPC only: it terminates TLS
 * (optionally requiring a client certificate from a given CA, as an mTLS cluster does), checks an API key
 * in `Authorization: Bearer …` (as Temporal Cloud does), and relays every gRPC call to the dev server
 * unchanged. So the system's own connections — the API's client and the worker's Rust core — are tested
 * through a real handshake against a real server, not by inspecting options.
 */
import {
  connect,
  constants,
  createSecureServer,
  type ClientHttp2Session,
  type Http2Session,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
  type ServerHttp2Stream,
} from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';

export interface TlsGatewayOptions {
  /** `host:port` of the plain-gRPC server behind. */
  readonly upstream: string;
  readonly cert: Buffer;
  readonly key: Buffer;
  /** Require a client certificate signed by this CA (mTLS). */
  readonly clientCa?: Buffer;
  /** Refuse calls without `Authorization: Bearer <apiKey>` (gRPC status 16, UNAUTHENTICATED). */
  readonly apiKey?: string;
}

export interface TlsGateway {
  /** `127.0.0.1:<port>`. */
  readonly address: string;
  /** Server names (SNI) clients asked for, in order. */
  readonly serverNames: readonly string[];
  /** Calls relayed and calls refused for their API key. */
  readonly counts: { relayed: number; refusedApiKey: number };
  close(): Promise<void>;
}

const { HTTP2_HEADER_AUTHORITY, HTTP2_HEADER_SCHEME, NGHTTP2_CANCEL } = constants;

export async function startTlsGateway(options: TlsGatewayOptions): Promise<TlsGateway> {
  const serverNames: string[] = [];
  const counts = { relayed: 0, refusedApiKey: 0 };
  let session: ClientHttp2Session | undefined;
  const upstream = (): ClientHttp2Session => {
    if (session === undefined || session.closed || session.destroyed) {
      session = connect(`http://${options.upstream}`);
      session.on('error', () => undefined);
    }
    return session;
  };
  const server = createSecureServer({
    cert: options.cert,
    key: options.key,
    ...(options.clientCa ? { ca: options.clientCa, requestCert: true, rejectUnauthorized: true } : {}),
  });
  const sessions = new Set<Http2Session>();
  server.on('session', (opened: Http2Session) => {
    sessions.add(opened);
    opened.once('close', () => sessions.delete(opened));
  });
  server.on('secureConnection', (socket: TLSSocket) => {
    const name = (socket as TLSSocket & { servername?: string | false }).servername;
    serverNames.push(typeof name === 'string' ? name : '');
  });
  // A refused handshake (no or a stranger's client certificate) is the point of some tests: not an error.
  server.on('tlsClientError', () => undefined);
  server.on('stream', (stream, headers) => {
    if (options.apiKey !== undefined && headers.authorization !== `Bearer ${options.apiKey}`) {
      counts.refusedApiKey += 1;
      stream.respond(
        {
          ':status': 200,
          'content-type': 'application/grpc',
          'grpc-status': '16',
          'grpc-message': 'API key missing or wrong',
        },
        { endStream: true },
      );
      return;
    }
    counts.relayed += 1;
    relay(stream, headers, upstream());
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    serverNames,
    counts,
    close: async () => {
      // Clients keep their sessions open for reuse: the gateway going away ends them.
      for (const open of sessions) open.destroy();
      session?.destroy();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}

/** One gRPC call: request headers and body up, response headers, body and trailers down. */
function relay(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, session: ClientHttp2Session): void {
  const {
    [HTTP2_HEADER_SCHEME]: _scheme,
    [HTTP2_HEADER_AUTHORITY]: _authority,
    authorization: _key,
    ...forwarded
  } = headers;
  const call = session.request(forwarded);
  let trailers: OutgoingHttpHeaders = { 'grpc-status': '0' };
  call.on('response', (responseHeaders, flags) => {
    // A trailers-only answer (a gRPC error) ends the stream with its headers.
    const endStream = (flags & constants.NGHTTP2_FLAG_END_STREAM) !== 0;
    if (stream.closed) return;
    stream.respond(responseHeaders, endStream ? { endStream } : { waitForTrailers: true });
    if (!endStream) call.pipe(stream);
  });
  call.on('trailers', (received) => {
    trailers = received as OutgoingHttpHeaders;
  });
  stream.on('wantTrailers', () => stream.sendTrailers(trailers));
  stream.pipe(call);
  call.on('error', () => {
    if (!stream.closed) stream.close(NGHTTP2_CANCEL);
  });
  stream.on('error', () => call.close(NGHTTP2_CANCEL));
  stream.on('close', () => {
    if (!call.closed) call.close(NGHTTP2_CANCEL);
  });
}
