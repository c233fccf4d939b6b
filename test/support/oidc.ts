import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { TestApp } from './test-app';

// A real OpenID Connect provider (oidc-provider) on a random loopback port, for the single sign-on
// tests: one confidential client (breachclock, redirect URI on the test app's PUBLIC_URL), accounts
// whose claims a test sets, and a sign-in page of its own at /interaction/:uid whose form takes the
// account's id (no password: the provider's own checks are not what is tested). The grant is given
// without a consent page (a first-party client).
export interface TestAccount {
  email?: unknown;
  email_verified?: unknown;
  breachclock_org?: unknown;
  breachclock_role?: unknown;
}

export class TestOidcProvider {
  readonly accounts = new Map<string, TestAccount>();
  readonly clientId = 'breachclock';
  readonly clientSecret = randomBytes(24).toString('base64url');
  private server!: http.Server;
  issuer!: string;

  async start(redirectUri: string): Promise<this> {
    const holder: { provider?: Provider } = {};
    this.server = http.createServer((req, res) => void this.handle(holder.provider!, req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    const configuration: Configuration = {
      clients: [
        {
          client_id: this.clientId,
          client_secret: this.clientSecret,
          redirect_uris: [redirectUri],
          response_types: ['code'],
          grant_types: ['authorization_code'],
        },
      ],
      jwks: { keys: [{ ...key, kid: 'test-key', alg: 'RS256', use: 'sig' } as never] },
      cookies: { keys: [randomBytes(32).toString('base64url')] },
      claims: { openid: ['sub', 'breachclock_org', 'breachclock_role'], email: ['email', 'email_verified'] },
      features: { devInteractions: { enabled: false } },
      ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
      interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
      findAccount: (_ctx: KoaContextWithOIDC, sub: string) => {
        const account = this.accounts.get(sub);
        return account ? { accountId: sub, claims: () => ({ sub, ...account }) as never } : undefined;
      },
      loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
        grant.addOIDCScope('openid email');
        await grant.save();
        return grant;
      },
    };
    holder.provider = new Provider(this.issuer, configuration);
    return this;
  }

  // The provider's own pages at /interaction/:uid: a form asking for the account, and its post.
  private async handle(provider: Provider, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url ?? '');
    if (!match) return provider.callback()(req, res);
    try {
      if (req.method === 'GET' && !match[2]) {
        const { uid } = await provider.interactionDetails(req, res);
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<form method="post" action="/interaction/${uid}/login"><input name="login"><button>Sign in</button></form>`);
        return;
      }
      const body = await new Promise<string>((resolve) => {
        let data = '';
        req.on('data', (chunk) => (data += chunk));
        req.on('end', () => resolve(data));
      });
      const accountId = new URLSearchParams(body).get('login') ?? '';
      await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  }

  // The app's environment for single sign-on with this provider.
  env(): Record<string, string> {
    return { OIDC_ISSUER: this.issuer, OIDC_CLIENT_ID: this.clientId, OIDC_CLIENT_SECRET: this.clientSecret };
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

// A loopback port nothing listens on now (taken, then given back): for an app whose PUBLIC_URL must be
// known before it starts, or a provider that cannot be reached.
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Cookie {
  name: string;
  value: string;
  path: string;
}

export interface Hop {
  method: string;
  url: string;
  status: number;
  location?: string;
  text: string;
}

// A browser without a browser: a cookie jar per origin, redirects followed, the test app reached
// through inject (its PUBLIC_URL's origin) and the provider over HTTP.
export class Browser {
  private readonly jar = new Map<string, Cookie[]>();
  readonly hops: Hop[] = [];

  constructor(private readonly app: TestApp) {}

  private get appOrigin(): string {
    return new URL(this.app.config.publicUrl).origin;
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.find((c) => c.name === name)?.value;
  }

  setCookie(origin: string, name: string, value: string, path = '/'): void {
    this.store(origin, [`${name}=${value}; Path=${path}`]);
  }

  private cookieHeader(url: URL): string {
    return (this.jar.get(url.origin) ?? [])
      .filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  private store(origin: string, setCookies: string[]): void {
    const cookies = this.jar.get(origin) ?? [];
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';').map((p) => p.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const path = attributes.find((a) => /^path=/i.test(a))?.slice(5) || '/';
      const gone = attributes.some((a) => /^max-age=0$/i.test(a) || /^expires=Thu, 01 Jan 1970/i.test(a));
      const kept = cookies.filter((c) => !(c.name === name && c.path === path));
      if (!gone) kept.push({ name, value, path });
      cookies.splice(0, cookies.length, ...kept);
    }
    this.jar.set(origin, cookies);
  }

  // One request; a redirect is followed (as GET) until an answer that is not one, at most 20 hops.
  // `stopBefore`: a redirect to such an address is not followed; the hop says where it would go.
  async go(
    address: string,
    init: { method?: string; form?: Record<string, string>; stopBefore?: (url: URL) => boolean } = {},
  ): Promise<Hop> {
    let url = new URL(address, this.appOrigin);
    let method = init.method ?? 'GET';
    let form: string | undefined = init.form ? new URLSearchParams(init.form).toString() : undefined;
    for (let hop = 0; hop < 20; hop++) {
      const headers: Record<string, string> = { 'accept-language': 'en' };
      const cookie = this.cookieHeader(url);
      if (cookie) headers.cookie = cookie;
      if (form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
      let status: number;
      let location: string | undefined;
      let text: string;
      let setCookies: string[];
      if (url.origin === this.appOrigin) {
        const res = await this.app.app.inject({ method: method as 'GET', url: url.pathname + url.search, headers, payload: form });
        status = res.statusCode;
        location = res.headers.location as string | undefined;
        text = res.body;
        const raw = res.headers['set-cookie'];
        setCookies = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      } else {
        const res = await fetch(url, { method, headers, body: form, redirect: 'manual' });
        status = res.status;
        location = res.headers.get('location') ?? undefined;
        text = await res.text();
        setCookies = res.headers.getSetCookie();
      }
      this.store(url.origin, setCookies);
      this.hops.push({ method, url: url.href, status, location, text });
      if (![301, 302, 303, 307, 308].includes(status) || !location) return { method, url: url.href, status, location, text };
      const next = new URL(location, url);
      if (init.stopBefore?.(next)) return { method, url: url.href, status, location, text };
      url = next;
      if (status !== 307 && status !== 308) {
        method = 'GET';
        form = undefined;
      }
    }
    throw new Error('too many redirects');
  }
}

// From the app's "Sign in with SSO" to the provider's sign-in form, signing in there as `account`,
// up to the provider's redirect back to the app: the callback address (not yet requested, so a test
// can bring it as it is, or tampered with, or not at all).
export async function ssoUpToCallback(browser: Browser, account: string): Promise<URL> {
  const atCallback = (url: URL) => url.pathname === '/login/oidc/callback';
  const form = await browser.go('/login/oidc', { stopBefore: atCallback });
  if (form.status !== 200 || !form.text.includes('name="login"')) throw new Error(`no provider sign-in form: ${form.status} ${form.url}`);
  const action = /action="([^"]+)"/.exec(form.text)![1];
  const back = await browser.go(new URL(action, form.url).href, { method: 'POST', form: { login: account }, stopBefore: atCallback });
  if (!back.location || !atCallback(new URL(back.location, back.url)))
    throw new Error(`the provider did not send the browser back: ${back.status} ${back.url} ${back.text.slice(0, 300)}`);
  return new URL(back.location, back.url);
}

// The whole sign-in: the app's answer to the callback (a 303 to "/" when signed in).
export async function signInWithSso(browser: Browser, account: string): Promise<Hop> {
  return browser.go((await ssoUpToCallback(browser, account)).href, { stopBefore: () => true });
}
