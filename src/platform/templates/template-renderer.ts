import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Lang } from '../../i18n';

function findTemplatesDir(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'templates');
    if (fs.existsSync(path.join(candidate, 'authority-initial.en.hbs'))) return candidate;
  }
  throw new Error('templates/ not found next to the app');
}

export interface Rendered {
  templateId: string; // "authority-initial.de"
  templateVersion: string; // first 12 hex of the template file's SHA-256
  text: string;
}

// Handlebars in strict mode over templates/<name>.<lang>.hbs: a variable the template names but the
// model lacks is an error, never an empty gap in a legal notice or a warning mail. Output is plain
// text or Markdown; HTML escaping happens where Markdown becomes HTML.
@Injectable()
export class TemplateRenderer {
  private readonly compiled = new Map<string, { render: Handlebars.TemplateDelegate; version: string }>();

  constructor() {
    const dir = findTemplatesDir();
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      this.compiled.set(file.replace(/\.hbs$/, ''), {
        render: Handlebars.compile(source, { strict: true, noEscape: true, preventIndent: true }),
        version: createHash('sha256').update(source).digest('hex').slice(0, 12),
      });
    }
  }

  // templates/<name>.<lang>.hbs
  render(name: string, lang: Lang, model: object): Rendered {
    const templateId = `${name}.${lang}`;
    const template = this.compiled.get(templateId);
    if (!template) throw new Error(`no template ${templateId}`);
    const text = template.render(model).replace(/\n{3,}/g, '\n\n').trim() + '\n';
    return { templateId, templateVersion: template.version, text };
  }
}
