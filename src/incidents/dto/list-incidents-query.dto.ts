import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

export class ListIncidentsQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{10,200}$/, { message: 'must be a nextCursor value from an earlier page' })
  cursor?: string;

  // Only the incidents of this batch (POST /api/v1/incidents/batches).
  @IsOptional()
  @IsUUID()
  batch?: string;
}
