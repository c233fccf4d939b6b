import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Lang, wordsFor } from './i18n';

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
export class Views {
  private readonly hbs = Handlebars.create();
  private readonly pages = new Map<string, Handlebars.TemplateDelegate>();
  private readonly layout: Handlebars.TemplateDelegate;

  constructor() {
    const dir = viewsDir();
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
      this.pages.set(file.replace(/\.hbs$/, ''), this.hbs.compile(fs.readFileSync(path.join(dir, file), 'utf8'), { strict: true }));
    }
    this.layout = this.pages.get('layout')!;
  }

  render(page: string, lang: Lang, model: Record<string, unknown>, user: { email: string; csrfToken: string } | null = null): string {
    const t = wordsFor(lang);
    const body = this.pages.get(page)!({ ...model, t, lang, user });
    return this.layout({ t, lang, user, body: new Handlebars.SafeString(body), title: model.title ?? t.title, pageScript: model.pageScript === true });
  }
}
