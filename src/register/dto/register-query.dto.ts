import { IsIn, IsOptional } from 'class-validator';

export class RegisterQuery {
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
