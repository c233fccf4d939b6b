import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsOptional, ValidateBy, ValidationArguments } from 'class-validator';
import { NestedObject } from '../../../platform/validation/nested-object';
import { IncidentFieldsDto } from '../../dto/incident-fields.dto';
import { UpdateIncidentDto } from '../../dto/update-incident.dto';

// The contracts a batch is filed for: every DPA of the processor, a list of contract ids, or every
// DPA that names one sub-processor (contract.subProcessors[].name, compared case-insensitively).
export type BatchSelection = 'all' | string[] | { subProcessor: string };

// The selection in the OpenAPI document: the plugin cannot write a union of a literal, a list and an object.
export const SELECTION_SCHEMA = {
  oneOf: [
    { type: 'string', enum: ['all'] },
    { type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 1, uniqueItems: true },
    {
      type: 'object',
      properties: { subProcessor: { type: 'string', minLength: 1, maxLength: 300 } },
      required: ['subProcessor'],
      additionalProperties: false,
    },
  ],
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_SELECTED_IDS = 50_000;

// Why a selection is malformed, or null when it is well-formed (the service checks the ids exist).
export function selectionProblem(value: unknown): string | null {
  if (value === 'all') return null;
  if (Array.isArray(value)) {
    if (value.length === 0) return 'selects no contract: give "all", contract ids or { "subProcessor": "…" }';
    if (value.length > MAX_SELECTED_IDS) return `may list at most ${MAX_SELECTED_IDS} contract ids`;
    const bad = value.findIndex((v) => typeof v !== 'string' || !UUID.test(v));
    if (bad >= 0) return `[${bad}] must be a contract id (UUID)`;
    if (new Set(value.map((v: string) => v.toLowerCase())).size !== value.length) return 'lists a contract twice';
    return null;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    const name = (value as Record<string, unknown>).subProcessor;
    if (keys.length !== 1 || typeof name !== 'string') return 'must be "all", a list of contract ids or { "subProcessor": "…" }';
    if (name.trim().length === 0 || name.length > 300) return '.subProcessor must be a name of 1 to 300 characters';
    return null;
  }
  return 'must be "all", a list of contract ids or { "subProcessor": "…" }';
}

function IsBatchSelection(): PropertyDecorator {
  return ValidateBy({
    name: 'isBatchSelection',
    validator: {
      validate: (value: unknown) => selectionProblem(value) === null,
      defaultMessage: (args?: ValidationArguments) => `contracts ${selectionProblem(args?.value) ?? 'is invalid'}`,
    },
  });
}

// The intake fields of a filing (CreateIncidentDto without contractId: the batch names the contracts).
export class BatchIncidentDto extends IncidentFieldsDto {
  // Keep the batch inside the processor's organization as ONE draft until submitted
  // (POST /api/v1/incidents/batches/:id/submit): no contract gets a report before.
  @IsOptional()
  @IsBoolean()
  draft?: boolean;
}

export class CreateBatchDto {
  // "all" | ["<contract id>", …] | { "subProcessor": "<name>" }
  @IsDefined()
  @IsBatchSelection()
  @ApiProperty(SELECTION_SCHEMA)
  contracts: BatchSelection;

  @IsDefined()
  @NestedObject(() => BatchIncidentDto)
  incident: BatchIncidentDto;
}

// PATCH /api/v1/incidents/batches/:id: follow-up facts for every report of a filed batch, or, while
// the batch is a draft, facts that replace the draft's own and (only then) another selection.
export class PatchBatchDto extends UpdateIncidentDto {
  @IsOptional()
  @IsBatchSelection()
  @ApiProperty({ ...SELECTION_SCHEMA, required: false })
  contracts?: BatchSelection;
}
