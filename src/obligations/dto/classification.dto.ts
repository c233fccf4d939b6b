import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { IsInstant } from '../../platform/validation/is-instant';

// PUT /incidents/:id/classifications/nis2: significant under NIS2 Art. 23(3), and since when the
// entity is aware of it (the NIS2 clocks run from it). Withdrawing (false) needs the reasons.
export class Nis2ClassificationDto {
  @IsBoolean()
  significant: boolean;

  @IsOptional()
  @IsInstant()
  awareAt?: string;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

// PUT /incidents/:id/classifications/dora: major under DORA Art. 18, when the entity became aware
// and when it classified the incident as major (Del. Reg. 2025/301 Art. 5(1)(a)).
export class DoraClassificationDto {
  @IsBoolean()
  major: boolean;

  @IsOptional()
  @IsInstant()
  awareAt?: string;

  @IsOptional()
  @IsInstant()
  classifiedAt?: string;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}
