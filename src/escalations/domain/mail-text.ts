// User text (an incident title, a contact's name, an organization's name) on its way into a
// plain-text mail or its subject. Every line break and control character — CR, LF, CRLF, NEL,
// U+2028, U+2029, tab, vertical tab, form feed, the other C0 and C1 controls — becomes one space,
// so the text stays on the line it was put on: a processor cannot start a line of its own in the
// DPO's mail that looks like the mail's ("Open the incident: https://…").
export function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ');
}

// A display name for an address header: one line, without the quote and backslash that would end
// or escape the quoted string around it.
export function displayName(name: string): string {
  return oneLine(name).replace(/["\\]/g, '').trim();
}
