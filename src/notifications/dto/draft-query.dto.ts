import { Lang, LANGS } from '../../i18n';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export class DraftQuery {
  @IsOptional()
  @IsIn(LANGS)
  lang?: Lang;

  // Authority drafts: which authority (default: the competent one); initial or follow-up.
  @IsOptional()
  @IsString()
  @Length(1, 50)
  authorityId?: string;

  @IsOptional()
  @IsIn(['initial', 'followup'])
  phase?: 'initial' | 'followup';
}
