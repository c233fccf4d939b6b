import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../../platform/clock/clock';
import { AppSettings } from '../../platform/database/app-settings';
import { SSO_FLOW_COOKIE, SsoFlow, flowCookie, openFlow, sealFlow } from './sso-flow-cookie';

const FLOW_KEY_SETTING = 'sso_flow_key';

// The single sign-on flow's cookie for the login pages (sso-flow-cookie.ts): sealed under a key all
// instances share (app_setting), read back from the request, ended after one answer.
@Injectable()
export class SsoFlowsService {
  constructor(
    private readonly settings: AppSettings,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  private get secure(): boolean {
    return this.config.publicUrl.startsWith('https://');
  }

  // The Set-Cookie header that hands the flow to the browser.
  async begin(flow: SsoFlow): Promise<string> {
    return flowCookie(sealFlow(flow, await this.settings.secret(FLOW_KEY_SETTING), this.clock.now()), this.secure);
  }

  // The request's flow, if this app sealed it and it has not expired.
  async of(request: FastifyRequest): Promise<SsoFlow | null> {
    const header = request.headers.cookie;
    const sealed = header ? request.server.parseCookie(header)[SSO_FLOW_COOKIE] : undefined;
    return openFlow(sealed, await this.settings.secret(FLOW_KEY_SETTING), this.clock.now());
  }

  // The Set-Cookie header that ends the flow.
  get ended(): string {
    return flowCookie('', this.secure, 0);
  }
}
