import { DRAFT_ADDRESSES, DocumentKind } from '../../notifications/domain/documents';
import { isLang, Lang, LANGS, t, term } from '../../i18n';

export type DraftFormat = 'html' | 'md' | 'pdf';

export interface DraftRequest {
  kind: DocumentKind;
  lang: Lang;
  format: DraftFormat;
  // The download's file name without extension: "<address>-<lang>".
  filename: string;
}

// A draft's address read: the document, the language asked for (else the user's) and the format.
export function draftRequest(address: string, lang: string | undefined, format: string | undefined, userLang: Lang): DraftRequest | null {
  const kind = Object.hasOwn(DRAFT_ADDRESSES, address) ? DRAFT_ADDRESSES[address] : undefined;
  if (!kind) return null;
  const language: Lang = isLang(lang) ? lang : userLang;
  return { kind, lang: language, format: format === 'md' || format === 'pdf' ? format : 'html', filename: `${address}-${language}` };
}

// The drafts the incident page offers: all of them to the controller's DPO, the processor's report to
// the processor that filed it, none to others; each previewed in every language (the link says its
// code: "Preview (de)") and downloaded as Markdown and PDF in the user's.
export function draftLinks(incidentId: string, lang: Lang, side: 'controller' | 'processor' | null) {
  const addresses = side === 'controller' ? Object.keys(DRAFT_ADDRESSES) : side === 'processor' ? ['processor-report'] : [];
  return addresses.map((doc) => {
    const at = `/incidents/${incidentId}/drafts/${doc}`;
    return {
      name: term(lang, 'draftLink', doc),
      previews: LANGS.map((code) => ({ lang: code, href: `${at}?lang=${code}` })),
      md: `${at}?lang=${lang}&format=md`,
      pdf: `${at}?lang=${lang}&format=pdf`,
    };
  });
}

// A draft refused: a conflict says why (e.g. a follow-up needs the initial notification), anything
// else is "not found", as the page never says whether an incident exists.
export function draftRefusal(kind: string, message: string, lang: Lang): { status: number; title: string; message: string } {
  const status = kind === 'conflict' ? 409 : 404;
  return { status, title: String(status), message: status === 409 ? message : t(lang, 'pages.notFound') };
}
