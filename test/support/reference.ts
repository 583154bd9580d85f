// The shared reference material, read from the sibling `shared/` folder.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SittingDocument } from '../../server/interchange/sitting-document.ts';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const SHARED = path.resolve(REPO_ROOT, '../shared');

export function sharedPath(...parts: string[]): string {
  return path.join(SHARED, ...parts);
}

/** A fresh copy of the Nr. 7 sitting document, safe to modify. */
export function nr7(): SittingDocument {
  return JSON.parse(readFileSync(sharedPath('reference', 'sitting-nr7.json'), 'utf8')) as SittingDocument;
}
