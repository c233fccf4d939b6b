import { Lang, t, words } from '../../i18n';

// The facts the authorities' forms ask beyond Art. 33(3) (issue 15 item 10; shared/regulatory/
// authority-forms.md sections C, E, H, J, K), in words for the drafts. Each is null while it is not
// known: none of them is an Art. 33(3) item, so a draft leaves its line out rather than promising it
// ("to follow"), and reads as it did before they existed (docs/decisions.md). Pure.

export interface FormFactsInput {
  reporterName?: string | null;
  reporterRole?: string | null;
  discoveryMethod?: string | null;
  ongoing?: boolean | null;
  containedAt?: Date | null;
  securityEncryption?: string | null;
  securityDescription?: string | null;
  consequencesMaterialised?: string | null;
  vulnerableSubjects?: boolean | null;
  otherAuthoritiesInformed?: { name: string; at: string; reference: string | null }[] | null;
}

export function formFactsText(i: FormFactsInput, at: (d: Date) => string, lang: Lang) {
  const say = words(lang).formFacts;
  const bool = (v: boolean | null | undefined, table: { true: string; false: string }) =>
    v === true ? table.true : v === false ? table.false : null;
  const encryption = i.securityEncryption ? say.encryption[i.securityEncryption as keyof typeof say.encryption] : null;
  const security = [encryption, i.securityDescription].filter(Boolean).join('; ');
  const others = i.otherAuthoritiesInformed ?? null;
  const contained = i.containedAt ? at(i.containedAt) : null;
  return {
    reporter: i.reporterName ? (i.reporterRole ? `${i.reporterName} (${i.reporterRole})` : i.reporterName) : null,
    discoveryMethod: i.discoveryMethod ?? null,
    ongoing: bool(i.ongoing, say.ongoing),
    contained,
    security: security || null,
    consequencesMaterialised: i.consequencesMaterialised ?? null,
    vulnerable: bool(i.vulnerableSubjects, say.yesNo),
    otherAuthorities:
      others === null
        ? null
        : others.length === 0
          ? say.noneInformed
          : others
              .map((o) =>
                o.reference
                  ? t(lang, 'formFacts.informedReference', { name: o.name, at: at(new Date(o.at)), reference: o.reference })
                  : t(lang, 'formFacts.informed', { name: o.name, at: at(new Date(o.at)) }),
              )
              .join('; '),
    // For the people: whether it is over (Art. 34(2) with 33(3)(a), the nature of the breach).
    forPeople: contained
      ? t(lang, 'formFacts.peopleContained', { at: contained })
      : i.ongoing === true
        ? say.peopleOngoing
        : i.ongoing === false
          ? say.peopleEnded
          : null,
  };
}
