import { Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { AppConfig } from '../../config/app-config';
import type { OidcSettings } from '../../config/sign-in-config';
import type { SsoFlow } from '../shared/sso-flow-cookie';

// A failure of the sign-in with the provider: `unreachable` when the provider could not be asked
// (down, timed out, not an OpenID provider: a 502 page), `rejected` when what came back does not hold
// (a wrong state, an expired code, a bad ID token, an error from the provider: a 400 page).
export class SsoFailed extends Error {
  constructor(
    readonly kind: 'unreachable' | 'rejected',
    readonly reason: string,
  ) {
    super(`single sign-on ${kind}: ${reason}`);
  }
}

// The OpenID Connect relying party, through openid-client: the provider's metadata from discovery
// (fetched on first use and kept; a failure is tried again on the next sign-in), the authorization
// code flow with PKCE (S256), state and nonce, the client authenticated with its secret (HTTP Basic).
// The ID token is checked by openid-client (signature, issuer, audience, expiry, nonce) against the
// provider's clock; the claims are the ID token's, completed by the userinfo endpoint's.
@Injectable()
export class OidcClientService {
  private readonly logger = new Logger('sso');
  private server?: Promise<oidc.Configuration>;

  constructor(private readonly config: AppConfig) {}

  get settings(): OidcSettings | null {
    return this.config.signIn.oidc;
  }

  // The provider's authorization URL for a new sign-in, and the flow the browser keeps meanwhile.
  async start(): Promise<{ url: string; flow: SsoFlow }> {
    const settings = this.required();
    const server = await this.discovered(settings);
    const flow: SsoFlow = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
    const url = oidc.buildAuthorizationUrl(server, {
      redirect_uri: settings.redirectUri,
      scope: settings.scopes,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    return { url: url.href, flow };
  }

  // The provider's answer (the callback's query) checked against the flow, the code exchanged, and
  // the person's claims.
  async finish(query: string, flow: SsoFlow): Promise<Record<string, unknown>> {
    const settings = this.required();
    const server = await this.discovered(settings);
    // The exact redirect URI of the start, with the parameters the provider added.
    const current = new URL(settings.redirectUri);
    current.search = query;
    try {
      const tokens = await oidc.authorizationCodeGrant(server, current, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      const userinfo = server.serverMetadata().userinfo_endpoint ? await oidc.fetchUserInfo(server, tokens.access_token, claims.sub) : {};
      return { ...userinfo, ...claims };
    } catch (error) {
      throw this.failure(error);
    }
  }

  private required(): OidcSettings {
    if (!this.settings) throw new Error('single sign-on is not configured');
    return this.settings;
  }

  private discovered(settings: OidcSettings): Promise<oidc.Configuration> {
    this.server ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        { redirect_uris: [settings.redirectUri], response_types: ['code'] },
        oidc.ClientSecretBasic(settings.clientSecret),
        settings.insecureLoopback ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.server = undefined;
        throw this.failure(error);
      });
    return this.server;
  }

  // What went wrong, by kind and a short reason for the log: never a token, a code or a claim.
  private failure(error: unknown): SsoFailed {
    if (error instanceof SsoFailed) return error;
    const answered = error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError;
    const code = error instanceof oidc.ClientError || error instanceof TypeError ? (error as { code?: string }).code : undefined;
    const reason = answered ? `provider answered ${error.error}` : (code ?? (error instanceof Error ? error.name : 'unknown'));
    // Not asked at all: a network error (a TypeError without a code, or, inside Jest, a ClientError
    // without a code wrapping one), a time-out; or an answer that is no OAuth answer (a 5xx page).
    // Anything else (a TypeError with a code is a refused argument) is the answer's fault: rejected.
    const unreachable =
      !answered &&
      (error instanceof oidc.ClientError
        ? code === undefined || PROVIDER_BROKEN.includes(code)
        : !(error instanceof TypeError) || code === undefined);
    this.logger.warn({ event: unreachable ? 'sso.provider_unreachable' : 'sso.rejected', reason });
    return new SsoFailed(unreachable ? 'unreachable' : 'rejected', reason);
  }
}

const PROVIDER_BROKEN = ['OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_RESPONSE_IS_NOT_JSON', 'OAUTH_TIMEOUT', 'OAUTH_ABORT'];
