import { urgencyOf } from '../../deadlines/domain/urgency';
import { spanText } from '../../escalations/domain/milestones';
import type { ObligationDetail } from '../../obligations/obligations.service';
import { Lang, term, wordsFor } from '../../i18n';

// The incident page's obligations: every duty the caller's side may see, with its recipient, legal
// basis, due rule, deadline or "open since", its state in words, and how it ended (met or late with
// the reasons for the delay, or waived with the reason). `mayAct`: the controller's DPO, who records
// filings and waives duties (through the same services as the API).
export function obligationsModel(duties: ObligationDetail[], lang: Lang, now: Date, local: (d: Date) => string, mayAct: boolean) {
  const t = wordsFor(lang);
  return duties.map(({ obligation: o, view }) => {
    const live = view.state === 'running' || view.state === 'overdue' || view.state === 'open' || view.state === 'pending';
    const left = view.dueAt && (view.state === 'running' || view.state === 'overdue') ? view.dueAt.getTime() - now.getTime() : null;
    return {
      id: o.id,
      key: o.key,
      name: o.title[lang],
      recipient: o.recipient.name,
      legalBasis: o.legalBasis,
      dueRule: o.dueRule[lang],
      dueAt: view.dueAt && view.dueAt.toISOString(),
      dueLocal: view.dueAt && local(view.dueAt),
      openSince: view.openSince && view.openSince.toISOString(),
      openSinceLocal: view.openSince && local(view.openSince),
      state: term(lang, 'obligationState', view.state),
      running: left !== null,
      left: left === null ? null : spanText(left, lang),
      band: left === null ? 'ok' : urgencyOf(left),
      fulfilledAt: view.fulfilledAt && view.fulfilledAt.toISOString(),
      fulfilledLocal: view.fulfilledAt && local(view.fulfilledAt),
      reasonsForDelay: o.reasonsForDelay,
      waived: o.phase === 'waived' ? { reason: o.waiveReason ?? '', at: o.waivedAt!.toISOString(), local: local(o.waivedAt!) } : null,
      note: o.unresolved ?? o.provisional,
      // Only a started or waiting duty can be filed or waived; the notification form records the filing.
      mayRecord: mayAct && live && view.state !== 'pending' && o.regime !== 'contract',
      mayWaive: mayAct && live && o.regime !== 'contract',
      waiveLabel: `${t.waive}: ${o.title[lang]} – ${o.recipient.name}`,
    };
  });
}
