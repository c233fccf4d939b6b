import { IsIn, IsOptional } from 'class-validator';
import { Lang, LANGS } from '../../i18n';

// GET /obligations/:id/draft: the language, and for the authority duties the initial notification
// or a follow-up to it (Art. 33(4)). The obligation names its recipient, so no authorityId here.
export class ObligationDraftQuery {
  @IsOptional()
  @IsIn(LANGS)
  lang?: Lang;

  @IsOptional()
  @IsIn(['initial', 'followup'])
  phase?: 'initial' | 'followup';
}
