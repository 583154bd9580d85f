// Each group's wording: the project's templates/ with the group's override folder over them
// (GROUP_TEMPLATES_DIR/<slug>/, files named as in templates/, key by key), loaded once per group.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadMailTemplates, type MailTemplates } from './mail-templates.ts';
import {
  DEFAULT_TEMPLATES_DIR,
  loadMinutesTemplates,
  loadReportTemplates,
  type MinutesTemplates,
  type ReportTemplates,
} from './templates.ts';

/** The files a group's folder may hold: the same names as templates/. */
export const OVERRIDE_FILES = ['minutes.lv.json', 'plan-report.lv.json', 'mail.lv.json'] as const;

export interface GroupWording {
  minutes: MinutesTemplates;
  report: ReportTemplates;
  mail: MailTemplates;
}

/** GROUP_TEMPLATES_DIR as the app or the CLI was started with; null: every group words as the project. */
let root: string | null = null;
const byFolder = new Map<string, GroupWording>();

/** Sets where the groups' folders are (config GROUP_TEMPLATES_DIR); buildApp and the CLI call it once. */
export function useGroupTemplates(dir: string | null): void {
  root = dir;
}

/** The group's override folder, if the host keeps one for it. */
export function overridesFolder(slug: string, dir: string | null = root): string | null {
  if (dir === null) return null;
  const folder = join(dir, slug);
  return existsSync(folder) && statSync(folder).isDirectory() ? folder : null;
}

/** The wording of the group `slug`: its own where its folder rewords, else the project's. */
export function wordingOfSlug(slug: string, dir: string | null = root): GroupWording {
  const key = dir === null ? '' : join(dir, slug);
  let wording = byFolder.get(key);
  if (wording === undefined) {
    const overrides = overridesFolder(slug, dir);
    wording = {
      minutes: loadMinutesTemplates(DEFAULT_TEMPLATES_DIR, overrides),
      report: loadReportTemplates(DEFAULT_TEMPLATES_DIR, overrides),
      mail: loadMailTemplates(DEFAULT_TEMPLATES_DIR, overrides),
    };
    byFolder.set(key, wording);
  }
  return wording;
}

/** Whether the host keeps groups' folders at all; without, no group's slug need be looked up. */
export function groupTemplatesInUse(): boolean {
  return root !== null;
}

export interface TemplatesCheck {
  /** Files that would be refused (bad JSON, unknown key, Handlebars error, unknown value), one line each, Latvian. */
  errors: string[];
  /** What is likely a slip but breaks nothing: a folder no group has, a file no template has. */
  warnings: string[];
}

/** Loads every group's folder under `dir`, as the server does at start and `protokols templates check` asks. */
export function checkGroupTemplates(dir: string, groups: ReadonlyArray<{ slug: string }>, every = true): TemplatesCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const { slug } of groups) {
    const folder = overridesFolder(slug, dir);
    if (folder === null) continue;
    for (const name of readdirSync(folder))
      if (!(OVERRIDE_FILES as readonly string[]).includes(name))
        warnings.push(`${join(folder, name)}: šāda veidņu faila nav (der ${OVERRIDE_FILES.join(', ')}); tas netiek lietots`);
    try {
      wordingOfSlug(slug, dir);
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  if (every && existsSync(dir)) {
    const slugs = new Set(groups.map((g) => g.slug));
    for (const name of readdirSync(dir))
      if (!slugs.has(name) && statSync(join(dir, name)).isDirectory())
        warnings.push(`${join(dir, name)}: nevienas grupas saīsne nav "${name}"; mape netiek lietota (saīsnes: protokols group list)`);
  }
  return { errors, warnings };
}
