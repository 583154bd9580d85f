// A group's override file (GROUP_TEMPLATES_DIR/<slug>/<file as in templates/>): read and checked
// key by key at load, so a broken one is refused there, naming the file and the key, not at a render.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';

/** An override that cannot be used; its message (Latvian) names the file and, where it can, the key. */
export class TemplateOverrideError extends Error {}

/** A phrase as a file holds it: one text, or (in mail.lv.json) a list of lines. */
export type PhraseSource = string | string[];

/**
 * The phrases of `overrides/fileName` by dotted key, each checked against the project's phrase of
 * the same key: a key the project does not have, a Handlebars syntax error, or a value the
 * project's phrase never uses (the code may not give it) is refused. Null when there is no such file.
 */
export function readOverrides(
  overrides: string,
  fileName: string,
  project: ReadonlyMap<string, PhraseSource>,
  { lines }: { lines: boolean },
): Map<string, PhraseSource> | null {
  const file = join(overrides, fileName);
  if (!existsSync(file)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TemplateOverrideError(`${file}: nav derīgs JSON (${(error as Error).message})`);
  }
  const phrases = flattenOverride(json, '', file, lines);
  for (const [key, source] of phrases) {
    const projectSource = project.get(key);
    if (projectSource === undefined)
      throw new TemplateOverrideError(
        `${file}: atslēga "${key}" projekta veidnēs (templates/${fileName}) nav; pārsaukt vai pievienot atslēgas nevar, tikai pārrakstīt esošās`,
      );
    const allowed = valueNames(text(projectSource), file, key);
    const used = valueNames(text(source), file, key);
    const unknown = [...used].filter((name) => !allowed.has(name));
    if (unknown.length > 0)
      throw new TemplateOverrideError(
        `${file}: atslēgas "${key}" veidnē ir vērtība, kuras šai frāzei nav: ${unknown.map((n) => `{{${n}}}`).join(', ')} (pieejamās: ${[...allowed].map((n) => `{{${n}}}`).join(', ') || 'nav'})`,
      );
  }
  return phrases;
}

const text = (source: PhraseSource) => (typeof source === 'string' ? source : source.join('\n'));

function flattenOverride(
  value: unknown,
  prefix: string,
  file: string,
  lines: boolean,
  into = new Map<string, PhraseSource>(),
): Map<string, PhraseSource> {
  // Lines only where a mail's part (`invitation.text`) is, never for `restricted`.
  const isLines = lines && prefix.includes('.') && Array.isArray(value) && value.every((line) => typeof line === 'string');
  if (typeof value === 'string' || isLines) {
    into.set(prefix, value as PhraseSource);
  } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flattenOverride(inner, prefix === '' ? key : `${prefix}.${key}`, file, lines, into);
  } else {
    const what = lines ? 'tekstam, rindu sarakstam vai tekstu grupai' : 'tekstam vai tekstu grupai';
    throw new TemplateOverrideError(`${file}: atslēgai "${prefix === '' ? '(viss fails)' : prefix}" jābūt ${what}`);
  }
  return into;
}

/** Helpers Handlebars brings: their names are not values. */
const HELPERS = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log']);

/** The names of the values a template reads (`{{name}}`, `{{#if due}}`, `{{title}}` inside an `{{#each}}`). */
function valueNames(source: string, file: string, key: string): Set<string> {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(source);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0] ?? '';
    throw new TemplateOverrideError(`${file}: atslēgas "${key}" veidnē ir Handlebars kļūda: ${reason}`);
  }
  const names = new Set<string>();
  const path = (node: hbs.AST.Expression | undefined, asCallee: boolean) => {
    if (node === undefined) return;
    if (node.type === 'PathExpression') {
      const p = node as hbs.AST.PathExpression;
      const head = p.parts[0];
      if (p.data || head === undefined || (asCallee && HELPERS.has(head))) return;
      names.add(head);
    } else if (node.type === 'SubExpression') call(node as hbs.AST.SubExpression);
  };
  const call = (node: { path: hbs.AST.Expression; params: hbs.AST.Expression[]; hash?: hbs.AST.Hash }) => {
    path(node.path, node.params.length > 0 || node.hash !== undefined || isBlockHelper(node));
    for (const param of node.params) path(param, false);
    for (const pair of node.hash?.pairs ?? []) path(pair.value, false);
  };
  const isBlockHelper = (node: object) => 'program' in node;
  const walk = (statements: hbs.AST.Statement[]) => {
    for (const s of statements) {
      if (s.type === 'MustacheStatement') call(s as hbs.AST.MustacheStatement);
      else if (s.type === 'BlockStatement') {
        const block = s as hbs.AST.BlockStatement;
        call(block);
        walk(block.program?.body ?? []);
        walk(block.inverse?.body ?? []);
      }
    }
  };
  walk(program.body);
  return names;
}
