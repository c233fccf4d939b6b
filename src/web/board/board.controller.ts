import { Get, Query, UseGuards } from '@nestjs/common';
import { CalendarFeedService } from '../../deadlines/calendar-feed.service';
import { OpenDuties } from '../../obligations/open-duties.service';
import { IncidentBatchDrafts } from '../../incidents/batches/incident-batch-drafts.service';
import { IncidentBatches } from '../../incidents/batches/incident-batches.service';
import { formatNumber, t } from '../../i18n';
import { IncidentsService } from '../../incidents/incidents.service';
import { Clock } from '../../platform/clock/clock';
import { SessionGuard } from '../shared/session.guard';
import { SignedInUser } from '../shared/sessions.service';
import { SignedIn } from '../shared/signed-in.decorator';
import { ViewsService } from '../shared/views.service';
import { page } from '../shared/web-answer';
import { WebPages } from '../shared/web-pages.decorator';
import { BOARD_ROWS, boardModel, boardQuery } from './board.view-model';

@WebPages()
@UseGuards(SessionGuard)
export class BoardController {
  constructor(
    private readonly openDuties: OpenDuties,
    private readonly incidents: IncidentsService,
    private readonly batches: IncidentBatches,
    private readonly batchDrafts: IncidentBatchDrafts,
    private readonly calendarFeed: CalendarFeedService,
    private readonly views: ViewsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async board(@SignedIn() signedIn: SignedInUser, @Query('within') within: string | undefined, @Query('band') band: string | undefined) {
    const { actor } = signedIn;
    const now = this.clock.now();
    const { withinMs, fromMs } = boardQuery(within, band);
    const fetched = await this.openDuties.openFor(actor, { withinMs, fromMs, limit: BOARD_ROWS + 1 });
    const missing = await this.incidents.missingOf([...new Set(fetched.slice(0, BOARD_ROWS).map((c) => c.incidentId))]);
    const reports = actor.role === 'processor_staff' ? (await this.incidents.list(actor, { limit: 50 })).items : [];
    const feed = await this.calendarFeed.addressOf(actor);
    const batches = actor.role === 'controller_dpo' ? false : await this.batches.mayFile(actor);
    const model = boardModel({ actor, now, fetched, missing, reports, feed, within, band });
    // A draft batch is ONE draft of the processor, however many contracts it names.
    const draftBatches = (batches ? await this.batchDrafts.drafts(actor) : []).map((d) => ({
      href: `/incidents/batches/${d.id}`,
      label: t(actor.locale, 'batches.batchDraftLine', { title: d.title, count: formatNumber(d.total, actor.locale) }),
    }));
    return page(200, this.views.page('board', signedIn, { ...model, batches, draftBatches }));
  }
}
