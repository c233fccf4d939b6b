import { parse } from 'csv-parse/sync';
import { isEmail } from 'class-validator';
import { isCountryCode, publicLevelProblems, regionProblem } from '../../identity/domain/places';

// The columns of a contract import (issue 16), in this order in the documentation; a file may
// order them as it likes, but must have exactly these.
export const CONTRACT_CSV_COLUMNS = [
  'controller_slug',
  'controller_name',
  'country',
  'region',
  'sector',
  'dpo_name',
  'dpo_email',
  'reference',
  'notice_hours',
] as const;
export type ContractCsvColumn = (typeof CONTRACT_CSV_COLUMNS)[number];

// At most this many data rows per file (a processor with more splits the file).
export const MAX_CONTRACT_CSV_ROWS = 50_000;

// One refused line of the file: its number (1 is the header), the column, and why.
export interface LineProblem {
  line: number;
  column: ContractCsvColumn | '';
  message: string;
}

export interface ContractCsvRow {
  line: number;
  controllerSlug: string;
  controllerName: string;
  country: string;
  region: string | null;
  sector: 'private' | 'public';
  dpoName: string;
  dpoEmail: string;
  reference: string;
  noticeHours: number;
}

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
const DEFAULT_NOTICE_HOURS = 24;

// Reads the file (UTF-8, with or without BOM, CRLF or LF, quoted fields with commas or line breaks)
// with csv-parse and checks each line on its own: every problem of every line, not the first one.
export function readContractCsv(text: string): { rows: ContractCsvRow[]; problems: LineProblem[] } {
  const problems: LineProblem[] = [];
  const records = parse(text, {
    bom: true,
    info: true,
    record_delimiter: ['\r\n', '\n'],
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) problems.push({ line: Number(error.lines), column: '', message: csvErrorText(error.code, error.message) });
      return undefined;
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  if (records.length === 0 && problems.length === 0) return { rows: [], problems: [{ line: 1, column: '', message: 'the file is empty' }] };
  // A record's number is the line it starts on (a quoted field may span lines).
  const lineOf = (r: { record: string[]; info: { lines: number } }) =>
    r.info.lines - r.record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
  const [head, ...body] = records;
  const header = head ? head.record.map((h) => h.trim()) : [];
  const headerProblems = checkHeader(header, head ? lineOf(head) : 1);
  if (headerProblems.length) return { rows: [], problems: [...headerProblems, ...problems] };
  if (body.length > MAX_CONTRACT_CSV_ROWS)
    problems.push({
      line: lineOf(body[MAX_CONTRACT_CSV_ROWS]),
      column: '',
      message: `more than ${MAX_CONTRACT_CSV_ROWS} contracts in one file`,
    });
  const rows: ContractCsvRow[] = [];
  const firstOfReference = new Map<string, number>();
  for (const record of body) {
    const line = lineOf(record);
    if (record.record.length !== header.length) {
      problems.push({ line, column: '', message: `has ${record.record.length} fields, the header ${header.length}` });
      continue;
    }
    const value = (c: ContractCsvColumn) => record.record[header.indexOf(c)].trim();
    const { row, problems: rowProblems } = checkRow(line, value);
    // A reference twice in the file, whatever else is wrong with either line.
    const reference = value('reference');
    const seen = firstOfReference.get(reference);
    if (reference && seen !== undefined)
      rowProblems.push({ line, column: 'reference', message: `is also on line ${seen}: each reference once per file` });
    else if (reference) firstOfReference.set(reference, line);
    problems.push(...rowProblems);
    if (row && !rowProblems.length) rows.push(row);
  }
  return { rows, problems: problems.sort((a, b) => a.line - b.line) };
}

function checkHeader(header: string[], line: number): LineProblem[] {
  const problems: LineProblem[] = [];
  for (const c of CONTRACT_CSV_COLUMNS)
    if (!header.includes(c)) problems.push({ line, column: c, message: 'column missing from the header' });
  header.forEach((h, i) => {
    if (!(CONTRACT_CSV_COLUMNS as readonly string[]).includes(h))
      problems.push({ line, column: '', message: `unknown column "${h.slice(0, 50)}" (expected ${CONTRACT_CSV_COLUMNS.join(',')})` });
    else if (header.indexOf(h) !== i) problems.push({ line, column: h as ContractCsvColumn, message: 'column named twice' });
  });
  return problems;
}

// The format of each field. Whether the organization fields are required depends on whether the
// controller exists, which only the import knows (contract-import-plan.ts).
function checkRow(line: number, value: (c: ContractCsvColumn) => string): { row: ContractCsvRow | null; problems: LineProblem[] } {
  const problems: LineProblem[] = [];
  const bad = (column: ContractCsvColumn, message: string) => problems.push({ line, column, message });
  const slug = value('controller_slug');
  if (!SLUG.test(slug)) bad('controller_slug', 'must be 2–63 lower-case letters, digits or hyphens');
  const name = value('controller_name');
  if (name.length > 300) bad('controller_name', 'must be at most 300 characters');
  const country = value('country').toUpperCase();
  if (country && !isCountryCode(country)) bad('country', 'is not an ISO 3166-1 country code such as DE');
  const region = value('region').toUpperCase() || null;
  const regionError = region && country && isCountryCode(country) ? regionProblem(country, region) : null;
  if (regionError) bad('region', regionError);
  const sector = value('sector').toLowerCase() || 'private';
  if (sector !== 'private' && sector !== 'public') bad('sector', 'must be private or public');
  else if (country) {
    // The import has no column for a public body's level: German public bodies are created by hand.
    for (const p of publicLevelProblems(country, sector, null, region))
      bad('sector', `${p.message}; create such a controller with "org create --public-level" first`);
  }
  const dpoName = value('dpo_name');
  if (dpoName.length > 300) bad('dpo_name', 'must be at most 300 characters');
  const dpoEmail = value('dpo_email').toLowerCase();
  if (dpoEmail && !isEmail(dpoEmail)) bad('dpo_email', 'is not an e-mail address');
  const reference = value('reference');
  if (reference.length < 1 || reference.length > 200) bad('reference', 'must be 1–200 characters');
  const hoursText = value('notice_hours');
  const noticeHours = hoursText === '' ? DEFAULT_NOTICE_HOURS : /^\d{1,4}$/.test(hoursText) ? Number(hoursText) : NaN;
  if (!(noticeHours >= 1 && noticeHours <= 720)) bad('notice_hours', 'must be a whole number of hours from 1 to 720 (empty: 24)');
  if (problems.length) return { row: null, problems };
  return {
    row: {
      line,
      controllerSlug: slug,
      controllerName: name,
      country,
      region,
      sector: sector as 'private' | 'public',
      dpoName,
      dpoEmail,
      reference,
      noticeHours,
    },
    problems,
  };
}

function csvErrorText(code: string, message: string): string {
  if (code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted field is not closed (the rest of the file could not be read)';
  if (code === 'CSV_INVALID_CLOSING_QUOTE') return 'a quote inside a quoted field must be doubled ("")';
  return message.replace(/ at line \d+.*$/s, '');
}
