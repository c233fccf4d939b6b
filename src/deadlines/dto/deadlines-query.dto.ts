import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class DeadlinesQuery {
  // Only obligations due within this span from now (overdue ones and those without a fixed deadline
  // included): "90m", "24h", "3d".
  @IsOptional()
  @Matches(/^\d{1,4}(m|h|d)$/, { message: 'must be a duration such as 90m, 24h or 3d' })
  within?: string;

  // The soonest first; 100 unless asked for more (at most 500).
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
