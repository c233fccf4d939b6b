import { Get, Query, UseGuards } from '@nestjs/common';
import { AuthoritiesService } from '../../authorities/authorities.service';
import { SessionGuard } from '../shared/session.guard';
import { SignedInUser } from '../shared/sessions.service';
import { SignedIn } from '../shared/signed-in.decorator';
import { ViewsService } from '../shared/views.service';
import { page } from '../shared/web-answer';
import { WebPages } from '../shared/web-pages.decorator';
import { authoritiesModel, authoritySearch } from './authorities.view-model';

@WebPages()
@UseGuards(SessionGuard)
export class AuthoritiesPageController {
  constructor(
    private readonly directory: AuthoritiesService,
    private readonly views: ViewsService,
  ) {}

  @Get('authorities')
  list(@SignedIn() signedIn: SignedInUser, @Query('q') q: string | undefined) {
    const query = authoritySearch(q);
    return page(200, this.views.page('authorities', signedIn, authoritiesModel(signedIn.actor.locale, query, this.directory.list(query))));
  }
}
