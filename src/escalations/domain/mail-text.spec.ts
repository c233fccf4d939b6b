import { displayName, oneLine } from './mail-text';

describe('user text in plain-text mails', () => {
  it('folds every kind of line break into a space, so no text starts a line of its own', () => {
    expect(oneLine('Invoice\r\nOpen the incident: https://evil.example/')).toBe('Invoice Open the incident: https://evil.example/');
    for (const brk of ['\n', '\r', '\r\n', '\u0085', '\u2028', '\u2029', '\u000b', '\u000c']) {
      expect(oneLine(`a${brk}b`)).toBe('a b');
    }
  });

  it('folds the other control characters too (tab, NUL, ESC, DEL, C1), and keeps everything else', () => {
    expect(oneLine('a\tb\u0000c\u001b[31md\u007fe\u009bf')).toBe('a b c [31md e f');
    expect(oneLine('Kundenliste: Müller & Söhne – 東京 🙂 « » ‏עברית')).toBe('Kundenliste: Müller & Söhne – 東京 🙂 « » ‏עברית');
  });

  it('makes one space of a run of breaks', () => {
    expect(oneLine('a\r\n\r\n\u2028b')).toBe('a b');
  });

  it('gives display names without line breaks, quotes or backslashes', () => {
    expect(displayName('Iris "Security"\\\r\nBcc: x@evil.example')).toBe('Iris Security Bcc: x@evil.example');
  });
});
