import MarkdownIt from 'markdown-it';
import PDFDocument from 'pdfkit';
import type { FastifyReply } from 'fastify';
import { Lang } from '../i18n';
import type { Rendered } from '../platform/templates/template-renderer';
import { escapeHtml } from '../platform/html/escape-html';

// Markdown drafts as a printable HTML page or a PDF. Raw HTML in the Markdown (and so in any user
// input inside it) is not interpreted: markdown-it escapes it, and the page carries no script and a
// Content-Security-Policy that forbids any.

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: true });

// An image in user text (![alt](https://…)) is drawn as its alt text: a draft is text, and an <img>
// would load a third party's address when the page is opened, printed or pasted into a mail.
md.renderer.rules.image = (tokens, idx) => escapeHtml(tokens[idx].children?.map((c) => c.content).join('') ?? tokens[idx].content);

export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'";
// As a header it also forbids framing (frame-ancestors is ignored in a <meta> policy).
export const HTML_CSP_HEADER = `${HTML_CSP}; frame-ancestors 'none'`;

export function markdownToHtml(markdown: string, title: string, lang: Lang): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 11pt/1.5 system-ui, sans-serif; color: #111; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 1.6rem; border-bottom: 1px solid #ccc; }
  @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
</style>
</head>
<body>
${md.render(markdown)}</body>
</html>
`;
}

// The standard PDF fonts cover Windows-1252 (all of German and English); anything else is replaced.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const printable = (s: string) => [...s].map((c) => (c.charCodeAt(0) < 256 || WIN_ANSI_EXTRA.has(c) ? c : '?')).join('');

// A small Markdown-to-PDF writer for the drafts' shapes: headings, paragraphs, bullet lists, bold.
export function markdownToPdf(markdown: string, title: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: printable(title), Producer: 'breachclock' }, compress: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const tokens = md.parse(markdown, {});
  let listDepth = 0;
  let heading = 0;
  for (const t of tokens) {
    if (t.type === 'heading_open') heading = Number(t.tag.slice(1));
    else if (t.type === 'heading_close') heading = 0;
    else if (t.type === 'bullet_list_open') listDepth += 1;
    else if (t.type === 'bullet_list_close') {
      listDepth -= 1;
      doc.moveDown(0.3);
    } else if (t.type === 'paragraph_close' && listDepth === 0) doc.moveDown(0.5);
    else if (t.type === 'inline') {
      const size = heading === 1 ? 16 : heading === 2 ? 12.5 : 10.5;
      if (heading) doc.moveDown(heading === 1 ? 0 : 0.4);
      doc.fontSize(size);
      const parts = (t.children ?? []).flatMap((c) => {
        if (c.type === 'text' || c.type === 'code_inline' || c.type === 'image') return [{ text: c.content, bold: false }];
        if (c.type === 'softbreak' || c.type === 'hardbreak') return [{ text: '\n', bold: false }];
        return [{ text: '', bold: c.type === 'strong_open' ? true : c.type === 'strong_close' ? false : undefined }];
      });
      let bold = heading > 0;
      const prefix = listDepth > 0 ? '•  ' : '';
      const runs: { text: string; bold: boolean }[] = prefix ? [{ text: prefix, bold: false }] : [];
      for (const p of parts) {
        if (p.bold !== undefined && p.text === '') bold = p.bold || heading > 0;
        else runs.push({ text: p.text, bold });
      }
      runs.forEach((r, index) =>
        doc
          .font(r.bold ? 'Helvetica-Bold' : 'Helvetica')
          .text(printable(r.text), { continued: index < runs.length - 1, indent: listDepth > 0 ? 12 : 0 }),
      );
      if (heading) doc.moveDown(0.2);
    }
  }
  doc.end();
  return done;
}

// Markdown unless the caller asks for HTML (printable page) or PDF.
export async function sendDraft(
  reply: FastifyReply,
  accept: string | undefined,
  draft: Rendered & { lang: Lang; title: string },
  filename: string,
) {
  reply
    .header('x-template', `${draft.templateId}@${draft.templateVersion}`)
    .header('content-language', draft.lang)
    .header('vary', 'Accept');
  if (/application\/pdf/.test(accept ?? '')) {
    reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${filename}.pdf"`);
    return markdownToPdf(draft.text, draft.title);
  }
  if (/text\/html/.test(accept ?? '')) {
    reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', HTML_CSP_HEADER);
    return markdownToHtml(draft.text, draft.title, draft.lang);
  }
  reply.header('content-type', 'text/markdown; charset=utf-8');
  return draft.text;
}
