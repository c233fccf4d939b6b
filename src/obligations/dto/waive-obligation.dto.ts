import { IsString, Length } from 'class-validator';

// POST /obligations/:id/waive: why the duty does not apply after all (at least 20 characters).
export class WaiveObligationDto {
  @IsString()
  @Length(1, 2000)
  reason: string;
}
