import * as fs from 'node:fs';
import * as path from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { BatchIncidentDto } from '../../incidents/batches/dto/create-batch.dto';
import { CreateIncidentDto } from '../../incidents/dto/create-incident.dto';
import {
  AuthorityInformedDto,
  ContactDto,
  CountDto,
  NatureDto,
  ReporterDto,
  SecurityBeforeDto,
} from '../../incidents/dto/incident-fields.dto';
import { UpdateIncidentDto } from '../../incidents/dto/update-incident.dto';
import { ValidationError } from '../../platform/http/domain-error';
import { factsInput } from '../incident/incident-forms';
import { factFieldsModel } from './fact-fields';
import { intakeDto, intakeInput } from './intake-form';

const TEMPLATES = path.resolve(__dirname, '../../../templates/web');

// The field paths a DTO class accepts, one level into its nested objects (a list of objects: its
// items' fields, without the index), from class-validator's metadata.
const NESTED: Record<string, new () => object> = {
  nature: NatureDto,
  approximateSubjects: CountDto,
  approximateRecords: CountDto,
  contact: ContactDto,
  reporter: ReporterDto,
  securityBefore: SecurityBeforeDto,
  otherAuthoritiesInformed: AuthorityInformedDto,
};
function dtoPaths(type: new () => object): string[] {
  const metas = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
  const names = [...new Set(metas.map((m) => m.propertyName))];
  const nested = metas.filter((m) => m.type === 'nestedValidation').map((m) => m.propertyName);
  // A nested field without its class here would escape the comparison.
  expect(nested.filter((n) => !(n in NESTED))).toEqual([]);
  return names.flatMap((n) => (nested.includes(n) ? dtoPaths(NESTED[n]).map((c) => `${n}.${c}`) : [n])).sort();
}

// The input names a form template posts, as field paths: the index of a row and the form's own
// helpers ("others" text, "none" ticks, what a follow-up form showed) dropped; partials read in.
function formPaths(file: string): string[] {
  const source = fs
    .readFileSync(path.join(TEMPLATES, file), 'utf8')
    .replace(/\{\{> ([\w-]+)\}\}/g, (_, partial: string) => fs.readFileSync(path.join(TEMPLATES, `_${partial}.hbs`), 'utf8'));
  const names = [...source.matchAll(/name="([^"]+)"/g)]
    .map((m) => m[1])
    .filter((n) => n !== '_csrf' && n !== 'version' && !/\.(other|none|was)$/.test(n));
  const paths = names.map((n) => n.replace(/\.\{\{[^}]+\}\}/g, ''));
  return [...new Set(paths)].sort();
}

describe('every API intake field has a form field (issue 15 item 11)', () => {
  it('the intake form posts exactly the fields of CreateIncidentDto, both ways', () => {
    expect(formPaths('new-incident.hbs')).toEqual(dtoPaths(CreateIncidentDto));
  });

  it('the batch form posts the intake fields of a batch (BatchIncidentDto) and its selection, both ways', () => {
    // The selection, and the form's own buttons: paging/filtering ("from") and a draft's Save / Submit ("action").
    const selection = ['action', 'contracts', 'from', 'q', 'scope', 'selection.subProcessor'];
    // reportedToControllerAt is in the shared fields for a DPO only; the batch form is the processor's.
    const form = formPaths('new-incident-batch.hbs').filter((p) => p !== 'reportedToControllerAt');
    expect(form).toEqual([...dtoPaths(BatchIncidentDto), ...selection].sort());
  });

  it('the follow-up form posts only fields of UpdateIncidentDto, every new fact and the ones the API had without a form field', () => {
    const form = formPaths('_follow-up-form.hbs');
    const dto = dtoPaths(UpdateIncidentDto);
    expect(form.filter((p) => !dto.includes(p))).toEqual([]);
    // What the follow-up form leaves to the API (the first report's core, corrected rarely and with reasons).
    expect(dto.filter((p) => !form.includes(p))).toEqual([
      'approximateRecords.count',
      'approximateRecords.isEstimate',
      'contact.email',
      'contact.name',
      'contact.phone',
      'controllerAwareAt',
      'dataCategories',
      'discoveredAt',
      'nature.cause',
      'nature.description',
      'nature.types',
      'occurredAt',
      'reason',
      'subjectCategories',
      'title',
    ]);
  });
});

const ZONE = 'Europe/Berlin';
const base = { title: 'T', 'nature.description': 'D', discoveredAt: '2025-06-06T10:00' };

describe('reading the new facts from a form post', () => {
  it('reads each fact in the API shape, local times in the user zone', () => {
    const { dto, errors } = intakeInput(
      {
        ...base,
        'reporter.name': 'Sam',
        'reporter.role': 'CISO',
        discoveryMethod: 'Alert of the SIEM',
        occurredFrom: '2025-06-01T08:00',
        occurredUntil: '2025-06-02T08:00',
        ongoing: 'false',
        containedAt: '2025-06-06T09:00',
        specialCategories: ['health', 'genetic'],
        vulnerableSubjects: 'true',
        affectedCountries: 'de, at',
        subProcessor: 'Hosting Sub GmbH',
        'securityBefore.encryption': 'partial',
        'securityBefore.description': 'TLS only',
        consequencesMaterialised: 'Phishing mails',
        'otherAuthoritiesInformed.0.name': 'Polizei',
        'otherAuthoritiesInformed.0.at': '2025-06-06T12:00',
        'otherAuthoritiesInformed.0.reference': 'ST/1',
        'otherAuthoritiesInformed.1.name': 'BSI',
        'otherAuthoritiesInformed.1.at': '2025-06-06T13:00',
        'otherAuthoritiesInformed.2.name': '',
      },
      ZONE,
    );
    expect(errors).toEqual([]);
    expect(dto).toMatchObject({
      reporter: { name: 'Sam', role: 'CISO' },
      discoveryMethod: 'Alert of the SIEM',
      occurredFrom: '2025-06-01T06:00:00.000Z',
      occurredUntil: '2025-06-02T06:00:00.000Z',
      ongoing: false,
      containedAt: '2025-06-06T07:00:00.000Z',
      specialCategories: ['health', 'genetic'],
      vulnerableSubjects: true,
      affectedCountries: ['DE', 'AT'],
      subProcessor: 'Hosting Sub GmbH',
      securityBefore: { encryption: 'partial', description: 'TLS only' },
      consequencesMaterialised: 'Phishing mails',
      otherAuthoritiesInformed: [
        { name: 'Polizei', at: '2025-06-06T10:00:00.000Z', reference: 'ST/1' },
        { name: 'BSI', at: '2025-06-06T11:00:00.000Z' },
      ],
    });
  });

  it('leaves empty fields out (unknown), and reads "none" as an empty list', () => {
    const { dto } = intakeInput({ ...base, ongoing: '', specialCategories: 'none', 'otherAuthoritiesInformed.none': 'true' }, ZONE);
    expect(dto).toEqual({
      title: 'T',
      nature: { description: 'D' },
      discoveredAt: '2025-06-06T08:00:00.000Z',
      specialCategories: [],
      otherAuthoritiesInformed: [],
    });
  });

  it('names each bad field as the API does, with what the form could not read, all at once', () => {
    const refused = (() => {
      try {
        intakeDto(
          {
            ...base,
            'reporter.name': 'Sam',
            containedAt: '2026-03-29T02:30',
            'securityBefore.description': 'no idea about encryption',
            specialCategories: ['none', 'health'],
            'otherAuthoritiesInformed.0.name': 'Polizei',
          },
          ZONE,
        );
      } catch (error) {
        return error as ValidationError;
      }
    })();
    expect([...new Set(refused!.errors!.map((e) => e.path))].sort()).toEqual([
      'containedAt',
      'otherAuthoritiesInformed.0.at',
      'reporter.role',
      'securityBefore.encryption',
      'specialCategories',
    ]);
  });

  it('a follow-up leaves out times and rows left as the form showed them, and sends the changed ones', () => {
    const stored = {
      reporterName: null,
      reporterRole: null,
      discoveryMethod: null,
      occurredFrom: new Date('2025-06-01T06:00:30Z'),
      occurredUntil: null,
      ongoing: false,
      containedAt: new Date('2025-06-06T07:00:30Z'),
      specialCategories: [],
      vulnerableSubjects: null,
      affectedCountries: ['DE'],
      subProcessor: null,
      securityEncryption: null,
      securityDescription: null,
      consequencesMaterialised: null,
      otherAuthoritiesInformed: [{ name: 'BSI', at: '2025-06-06T11:00:00.000Z', reference: null }],
    };
    const shown = factFieldsModel(null, stored, [], ZONE, 'en');
    expect(shown).toMatchObject({ occurredFrom: '2025-06-01T08:00', containedAt: '2025-06-06T09:00', affectedCountries: 'DE' });
    expect(shown.specialCategories[0]).toEqual({ value: 'none', label: 'none', checked: true });
    expect(shown.ongoing.find((o) => o.selected)?.value).toBe('false');
    // The form posted back as shown: only facts equal to the stored ones, no times, no rows.
    const post: Record<string, unknown> = {
      version: '3',
      occurredFrom: shown.occurredFrom,
      'occurredFrom.was': shown.was.occurredFrom,
      containedAt: shown.containedAt,
      'containedAt.was': shown.was.containedAt,
      ongoing: 'false',
      specialCategories: 'none',
      affectedCountries: shown.affectedCountries,
      'otherAuthoritiesInformed.0.name': shown.others[0].name,
      'otherAuthoritiesInformed.0.at': shown.others[0].at,
      'otherAuthoritiesInformed.was': shown.was.others,
    };
    expect(factsInput(post, ZONE)).toEqual({
      version: 3,
      dto: expect.objectContaining({ ongoing: false, specialCategories: [], affectedCountries: ['DE'] }),
    });
    const same = factsInput(post, ZONE).dto as Record<string, unknown>;
    expect(['occurredFrom', 'containedAt', 'otherAuthoritiesInformed'].filter((k) => k in same)).toEqual([]);
    const changed = factsInput({ ...post, containedAt: '2025-06-06T09:30', 'otherAuthoritiesInformed.0.reference': 'CERT-1' }, ZONE).dto;
    expect(changed).toMatchObject({
      containedAt: '2025-06-06T07:30:00.000Z',
      otherAuthoritiesInformed: [{ name: 'BSI', at: '2025-06-06T11:00:00.000Z', reference: 'CERT-1' }],
    });
  });
});
