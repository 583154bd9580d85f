// The wording of the mails: Handlebars templates of templates/mail.lv.json (a subject, a text and
// an HTML part per kind of mail), read and compiled once per folder. The HTML part escapes what it
// is given; the subject and text parts are plain text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { readOverrides, type PhraseSource } from './overrides.ts';
import { DEFAULT_TEMPLATES_DIR } from './templates.ts';

export const MAIL_KINDS = ['invitation', 'update', 'cancellation', 'reminder', 'signed'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export interface WordedMail {
  subject: string;
  text: string;
  html: string;
}

export interface MailTemplates {
  /** "Ierobežotas pieejamības informācija": what stands where confidential text was. */
  restricted: string;
  word(kind: MailKind, values: Record<string, unknown>): WordedMail;
}

const cache = new Map<string, MailTemplates>();

/** `~` outside {{…}} stands for a non-breaking space, as in the minutes' templates. */
const nbsp = (source: string) =>
  source
    .split(/(\{\{[\s\S]*?\}\})/u)
    .map((part) => (part.startsWith('{{') ? part : part.replaceAll('~', '\u00a0')))
    .join('');

/** A template is one string or a list of lines. */
function source(file: string, value: unknown, key: string): string {
  if (typeof value === 'string') return nbsp(value);
  if (Array.isArray(value) && value.every((line) => typeof line === 'string')) return nbsp(value.join('\n'));
  throw new Error(`${file}: "${key}" must be a text or a list of lines`);
}

const MAIL_FILE = 'mail.lv.json';

/** The mails' wording of `dir`; with `overrides`, a group's folder whose mail.lv.json rewords some parts (`invitation.subject`, `restricted`). */
export function loadMailTemplates(dir: string = DEFAULT_TEMPLATES_DIR, overrides: string | null = null): MailTemplates {
  const cacheKey = `${dir}\u0000${overrides ?? ''}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached;
  const file = join(dir, MAIL_FILE);
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
  if (overrides !== null) overlay(json, readOverrides(overrides, MAIL_FILE, partsOf(json), { lines: true }));
  const hbs = Handlebars.create();
  const compiled = new Map<
    string,
    { subject: HandlebarsTemplateDelegate; text: HandlebarsTemplateDelegate; html: HandlebarsTemplateDelegate }
  >();
  for (const kind of MAIL_KINDS) {
    const parts = json[kind];
    if (parts === undefined) throw new Error(`${file}: missing mail "${kind}"`);
    compiled.set(kind, {
      subject: hbs.compile(source(file, parts.subject, `${kind}.subject`), { noEscape: true }),
      text: hbs.compile(source(file, parts.text, `${kind}.text`), { noEscape: true }),
      html: hbs.compile(source(file, parts.html, `${kind}.html`)),
    });
  }
  const restricted = json.restricted;
  if (typeof restricted !== 'string') throw new Error(`${file}: missing "restricted"`);
  const templates: MailTemplates = {
    restricted,
    word(kind, values) {
      const t = compiled.get(kind)!;
      const subject = t
        .subject(values)
        .replace(/[ \t\r\n]+/gu, ' ')
        .trim();
      // Lines a condition left empty are dropped, and runs of blank lines kept to one.
      const text = t
        .text({ ...values, subject })
        .split('\n')
        .map((line) => line.trimEnd())
        .join('\n')
        .replace(/\n{3,}/gu, '\n\n')
        .trim();
      return { subject, text: `${text}\n`, html: t.html({ ...values, subject }) };
    },
  };
  cache.set(cacheKey, templates);
  return templates;
}

/** The project's mail file by dotted key (`restricted`, `invitation.subject`, …), as overrides are checked against it. */
function partsOf(json: Record<string, Record<string, unknown>>): Map<string, PhraseSource> {
  const parts = new Map<string, PhraseSource>();
  for (const [key, value] of Object.entries(json)) {
    if (typeof value === 'string') parts.set(key, value);
    else if (typeof value === 'object' && value !== null && !Array.isArray(value))
      for (const [part, inner] of Object.entries(value)) parts.set(`${key}.${part}`, inner as PhraseSource);
  }
  return parts;
}

/** The group's parts put in place of the project's, the rest kept. */
function overlay(json: Record<string, Record<string, unknown>>, reworded: Map<string, PhraseSource> | null): void {
  for (const [key, source] of reworded ?? []) {
    const [kind, part] = key.split('.') as [string, string | undefined];
    if (part === undefined) (json as Record<string, unknown>)[kind] = source;
    else json[kind] = { ...json[kind], [part]: source };
  }
}
