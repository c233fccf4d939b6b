import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Lang, wordsFor } from '../../i18n';
import type { SignedInUser } from './sessions.service';

export function viewsDir(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'templates', 'web');
    if (fs.existsSync(path.join(candidate, 'layout.hbs'))) return candidate;
  }
  throw new Error('templates/web not found');
}

// Server-rendered pages from templates/web/*.hbs. Unlike the drafts, HTML escaping is on: every
// value a user typed is escaped. Strict mode: a missing variable is an error, not an empty cell.
@Injectable()
export class ViewsService {
  private readonly hbs = Handlebars.create();
  private readonly pages = new Map<string, Handlebars.TemplateDelegate>();
  private readonly layout: Handlebars.TemplateDelegate;

  constructor() {
    const dir = viewsDir();
    // A form field's error: `{{fieldError e.x "x"}}` next to the field, `{{fieldAria e.x "x" "x-help"}}`
    // inside its tag, so the field is marked invalid and its help and error are read out with it.
    const escape = Handlebars.escapeExpression;
    this.hbs.registerHelper(
      'fieldError',
      (error: unknown, id: string) =>
        new Handlebars.SafeString(error ? `<span id="${escape(id)}-error" class="error">${escape(String(error))}</span>` : ''),
    );
    this.hbs.registerHelper('fieldAria', (error: unknown, id: string, help: unknown) => {
      const described = [typeof help === 'string' ? help : '', error ? `${id}-error` : ''].filter(Boolean).map(escape).join(' ');
      return new Handlebars.SafeString(`${error ? ' aria-invalid="true"' : ''}${described ? ` aria-describedby="${described}"` : ''}`);
    });
    // Files starting with "_" are partials (`{{> error-summary}}`), the others pages.
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      if (file.startsWith('_')) this.hbs.registerPartial(file.slice(1, -'.hbs'.length), source);
      else this.pages.set(file.replace(/\.hbs$/, ''), this.hbs.compile(source, { strict: true }));
    }
    this.layout = this.pages.get('layout')!;
  }

  // A page for the signed-in user, in their language, with their e-mail and form token in the layout.
  page(page: string, signedIn: SignedInUser, model: Record<string, unknown>): string {
    return this.render(page, signedIn.actor.locale, model, { email: signedIn.actor.email, csrfToken: signedIn.csrfToken });
  }

  render(page: string, lang: Lang, model: Record<string, unknown>, user: { email: string; csrfToken: string } | null = null): string {
    const t = wordsFor(lang);
    const body = this.pages.get(page)!({ ...model, t, lang, user });
    return this.layout({
      t,
      lang,
      user,
      body: new Handlebars.SafeString(body),
      title: model.title ?? t.title,
      pageScript: model.pageScript === true,
    });
  }
}
