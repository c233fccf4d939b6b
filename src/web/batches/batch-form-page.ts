import { Injectable } from '@nestjs/common';
import { IncidentBatches } from '../../incidents/batches/incident-batches.service';
import type { FieldError } from '../../platform/http/domain-error';
import { SignedInUser } from '../shared/sessions.service';
import { ViewsService } from '../shared/views.service';
import { Page, page } from '../shared/web-answer';
import { batchFormModel, BatchFormTarget, CHOICES_PER_PAGE } from './incident-batch.view-model';

// Where the form's list stands: the filter, the first contract shown, and the form as typed (ticks
// from other pages of the list included).
export interface BatchFormAt {
  q: unknown;
  from: unknown;
  values: Record<string, unknown>;
}

// The batch form (a new batch or a draft's edit) with one page of the processor's contracts.
@Injectable()
export class BatchFormPage {
  constructor(
    private readonly batches: IncidentBatches,
    private readonly views: ViewsService,
  ) {}

  async render(
    signedIn: SignedInUser,
    at: BatchFormAt,
    errors: FieldError[],
    status: number,
    target: BatchFormTarget,
    title?: string,
  ): Promise<Page> {
    const { actor } = signedIn;
    const offset = typeof at.from === 'string' && /^\d{1,7}$/.test(at.from) ? Number(at.from) : 0;
    const filter = (typeof at.q === 'string' ? at.q : '').slice(0, 200);
    const [all, shown, subProcessors] = await Promise.all([
      this.batches.choices(actor, '', 0, 0),
      this.batches.choices(actor, filter, offset, CHOICES_PER_PAGE),
      this.batches.subProcessorNames(actor),
    ]);
    const choices = { all: all.total, items: shown.items, total: shown.total, offset, filter, subProcessors };
    const model = batchFormModel(actor, choices, at.values, errors, target);
    return page(status, this.views.page('new-incident-batch', signedIn, title ? { ...model, title } : model));
  }
}
