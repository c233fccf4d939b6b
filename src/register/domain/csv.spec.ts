import { UTF8_BOM, csvCell, toCsv } from './csv';

describe('register CSV', () => {
  it('starts with a UTF-8 byte-order mark and ends lines with CRLF', () => {
    const csv = toCsv(['a', 'b'], [['Müller', 'Größe']]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toBe(`${UTF8_BOM}"a","b"\r\n"Müller","Größe"\r\n`);
  });

  it.each(['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'neutralises a cell starting like a formula: %p',
    (value) => {
      expect(csvCell(value)).toMatch(/^"'/);
    },
  );

  it('quotes quotes, keeps commas and newlines inside the cell, joins lists, and leaves plain text alone', () => {
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell(['a', 'b'])).toBe('"a; b"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(42)).toBe('"42"');
    expect(csvCell('2025-01-01T00:00:00.000Z')).toBe('"2025-01-01T00:00:00.000Z"');
  });
});
