import { IsString, Length } from 'class-validator';
import { IsInstant } from '../../platform/validation/is-instant';

// POST /incidents/:id/reopen: when the controller became aware anew (the new facts; the authority
// duties run 72 h from it) and which new facts reopen it (at least 20 characters).
export class ReopenDto {
  @IsInstant()
  awareAt: string;

  @IsString()
  @Length(1, 2000)
  reason: string;
}
