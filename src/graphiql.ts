import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { signToken } from './auth/tokens.js';
import { DEVELOPMENT_JWT_SECRET, type Config } from './config.js';
import { demoUsers } from './demo/users.js';

const DAY_MS = 86_400_000;
/** A demo token in the page lives this long; the page is made again well before it expires. */
const DEMO_TOKEN_TTL_SECONDS = 7 * 86_400;

/** What the editor opens with: how to authenticate, then a query that answers on the demo data. */
const DEFAULT_QUERY = `# Supply-chain collaboration API
#
# Every operation needs a bearer token. Put it in the Headers tab below:
#   { "Authorization": "Bearer <token>" }
# Mint one with: npm run token -- buyer   (other demo users: admin, quality, viewer,
# supplier-suzhou, supplier-rheinland, customer-nordwind; see the README)
# Subscriptions over WebSocket use the same header: the page sends it as connectionParams.

query Suppliers {
  viewer { name roles }
  suppliers(first: 5, orderBy: { field: NAME }) {
    totalCount
    nodes { id code name status importanceClass grade }
  }
}
`;

/**
 * Subscriptions authenticate with the token of the Headers tab: the page's WebSocket client asks
 * for connectionParams at each connection, and gets the Authorization header of the active tab,
 * which GraphiQL keeps in localStorage (headers are persisted for this), else the page's default.
 */
const connectionParams = (defaultHeaders: string) => `function graphiqlConnectionParams() {
  var candidates = [];
  try {
    var state = JSON.parse(window.localStorage.getItem('graphiql:tabState') || 'null');
    var tab = state && state.tabs ? state.tabs[state.activeTabIndex || 0] : null;
    if (tab && tab.headers) candidates.push(tab.headers);
    candidates.push(window.localStorage.getItem('graphiql:headers'));
  } catch (error) {}
  candidates.push(${JSON.stringify(defaultHeaders)});
  for (var i = 0; i < candidates.length; i++) {
    try {
      var headers = JSON.parse(candidates[i] || '{}');
      for (var name in headers) if (name.toLowerCase() === 'authorization') return { authorization: headers[name] };
    } catch (error) {}
  }
  return {};
}`;

interface Page {
  etag: string;
  identity: Buffer;
  gzip: Buffer;
  brotli: Buffer;
  madeAt: number;
}

/**
 * GraphiQL (GraphQL Yoga's self-contained build, about 9 MB: it works offline), served compressed
 * with an ETag. With the built-in development secret the page opens signed in as the demo buyer, so
 * that a newcomer's first query answers; with a real secret it opens with instructions only.
 */
export class GraphiQL {
  private page: Promise<Page> | undefined;

  constructor(
    private readonly config: Pick<Config, 'jwt'>,
    private readonly endpoint: string,
  ) {}

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.page ??= this.make();
    let page = await this.page;
    if (Date.now() - page.madeAt > DAY_MS) {
      this.page = this.make();
      page = await this.page;
    }
    const headers = { 'content-type': 'text/html; charset=utf-8', etag: page.etag, 'cache-control': 'no-cache', vary: 'Accept-Encoding' };
    if (req.headers['if-none-match'] === page.etag) {
      res.writeHead(304, headers).end();
      return;
    }
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const [body, encoding] = /\bbr\b/.test(accepted) ? [page.brotli, 'br'] : /\bgzip\b/.test(accepted) ? [page.gzip, 'gzip'] : [page.identity, undefined];
    res.writeHead(200, { ...headers, 'content-length': body.length, ...(encoding === undefined ? {} : { 'content-encoding': encoding }) });
    res.end(body);
  }

  private async make(): Promise<Page> {
    // Loaded on first use: the bundled page costs about 40 MiB of memory.
    const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
    const demo = this.config.jwt.kind === 'secret' && this.config.jwt.secret === DEVELOPMENT_JWT_SECRET;
    const token = demo ? await signToken(this.config.jwt, { ...demoUsers.buyer!, ttlSeconds: DEMO_TOKEN_TTL_SECONDS }) : null;
    const options = {
      endpoint: this.endpoint,
      subscriptionsProtocol: 'WS' as const,
      title: 'Supply-chain collaboration API',
      defaultQuery: DEFAULT_QUERY,
      headers: JSON.stringify(token === null ? {} : { Authorization: `Bearer ${token}` }, null, 2),
      shouldPersistHeaders: true,
    };
    const json = JSON.stringify(options);
    const rendered = renderGraphiQL(options);
    if (!rendered.includes(json)) throw new Error('GraphiQL page: cannot find its options to add connectionParams');
    const html = rendered.replace('<script>', `<script>${connectionParams(options.headers)}</script><script>`).replace(json, `Object.assign(${json}, { connectionParams: graphiqlConnectionParams })`);
    const identity = Buffer.from(html);
    const [gzipped, brotli] = await Promise.all([
      promisify(gzip)(identity, { level: 6 }),
      promisify(brotliCompress)(identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
    ]);
    return { etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`, identity, gzip: gzipped, brotli, madeAt: Date.now() };
  }
}
