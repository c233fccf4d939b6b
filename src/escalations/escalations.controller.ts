import { Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { uuidParam as uuid } from '../platform/http/uuid.pipe';
import type { FastifyReply } from 'fastify';
import { Actor } from '../identity/domain/actor';
import { CurrentActor, Public, Roles } from '../identity/auth.guard';
import { AckOutcome, Acknowledgements } from './acknowledgements.service';
import { Escalation } from './escalation.entity';
import { EscalationsService } from './escalations.service';
import { EscalationsQuery } from './dto/escalations-query.dto';
import { escapeHtml as esc } from '../platform/html/escape-html';

function toEscalationResponse(e: Escalation, reference?: string) {
  return {
    id: e.id,
    incidentId: e.incidentId,
    reference: reference ?? null,
    obligationId: e.obligationId,
    deadlineKind: e.deadlineKind,
    milestone: e.milestone,
    recipient: e.recipientEmail,
    recipientRole: e.recipientRole,
    dueAt: e.dueAt.toISOString(),
    status: e.status,
    attempts: e.attempts,
    nextAttemptAt: e.nextAttemptAt.toISOString(),
    lastError: e.lastError,
    sentAt: e.sentAt?.toISOString() ?? null,
    acknowledgedAt: e.acknowledgedAt?.toISOString() ?? null,
    messageId: e.messageId,
  };
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action 'self'">
<title>${esc(title)} – breachclock</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}button{font-size:1.1rem;padding:.6rem 1.2rem}</style>
</head><body><h1>${esc(title)}</h1>${body}</body></html>`;
}

function ackPage(outcome: AckOutcome, token: string): { status: number; html: string } {
  switch (outcome.kind) {
    case 'invalid':
      return { status: 404, html: page('Link not valid', '<p>This link is not valid. / Dieser Link ist nicht gültig.</p>') };
    case 'ended':
      return {
        status: 410,
        html: page(
          'Clock ended',
          `<p>The clock of ${esc(outcome.reference)} has ended; there is nothing to acknowledge. / Die Frist ist beendet.</p>`,
        ),
      };
    case 'ready':
      return {
        status: 200,
        html: page(
          `${outcome.reference}: I have this`,
          `<p>${esc(outcome.title)}</p><p>${esc(outcome.duty)}</p><p>${
            outcome.dueAt
              ? `Deadline: <time datetime="${outcome.dueAt.toISOString()}">${outcome.dueAt.toISOString()}</time>`
              : 'No fixed deadline: as soon as possible.'
          }</p>
<p>${outcome.owner ? `Already acknowledged by ${esc(outcome.owner)}.` : 'Nobody has acknowledged this clock yet.'}</p>
<form method="post" action="/ack/${esc(token)}"><button type="submit">I have this / Ich übernehme</button></form>`,
        ),
      };
    case 'done':
      return {
        status: 200,
        html: page(
          `${outcome.reference}: acknowledged`,
          outcome.already
            ? `<p>You acknowledged this clock before. The owner is ${esc(outcome.owner)}.</p>`
            : outcome.first
              ? '<p>Thank you: you are now the owner of this clock.</p>'
              : `<p>Recorded. ${esc(outcome.owner)} acknowledged it first and remains the owner.</p>`,
        ),
      };
  }
}

@Controller()
export class EscalationsController {
  constructor(
    private readonly escalations: EscalationsService,
    private readonly acks: Acknowledgements,
  ) {}

  @Get('api/v1/escalations')
  @Roles('controller_dpo', 'org_admin')
  async list(@CurrentActor() actor: Actor, @Query() q: EscalationsQuery) {
    const items = await this.escalations.list(actor, q.status ?? null);
    return { items: items.map((i) => toEscalationResponse(i.escalation, i.reference)) };
  }

  @Post('api/v1/escalations/:id/retry')
  @HttpCode(200)
  @Roles('controller_dpo', 'org_admin')
  async retry(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return toEscalationResponse(await this.escalations.retry(actor, id));
  }

  // The one-click link of the mails shows a confirmation page (mail scanners follow GET links);
  // the button POSTs the acknowledgement. The signed link is the credential.
  @Get('ack/:token')
  @Public()
  @Header('cache-control', 'no-store')
  async showAck(@Param('token') token: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { status, html } = ackPage(await this.acks.inspect(token), token);
    reply.status(status).header('content-type', 'text/html; charset=utf-8');
    return html;
  }

  @Post('ack/:token')
  @Public()
  @Header('cache-control', 'no-store')
  async acknowledge(@Param('token') token: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { status, html } = ackPage(await this.acks.acknowledge(token), token);
    reply.status(status).header('content-type', 'text/html; charset=utf-8');
    return html;
  }
}
