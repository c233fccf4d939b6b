// The one HTML escaper for text written into markup by hand (SVG charts, the draft page's title and
// image text, the acknowledgement page). Handlebars pages escape with Handlebars' own escaper.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
