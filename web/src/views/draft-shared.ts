// What the parts of the drafting screen share: the loaded sitting and directory, and the binding
// of one record's editors to autosave (errors, conflicts shown with both versions).
import { errorText } from '../api.ts';
import {
  clearConflict,
  loadConflict,
  saver,
  type Fields,
  type Handlers,
  type RecordKind,
  type SaveEntry,
  type SavedRecord,
} from '../autosave.ts';
import { notice, replaceChildren } from '../dom.ts';
import { dateLv } from '../format.ts';
import type { Owner, OwnerInput, Person, SittingDetail } from '../types.ts';
import { showConflict } from '../widgets/conflict.ts';

export interface DraftContext {
  sitting: SittingDetail;
  people: Person[];
  readOnly: boolean;
  /** The sitting as the server has it now (after a conflict). */
  fresh: () => Promise<SittingDetail>;
  announce: (text: string) => void;
}

export interface Binding<T> {
  kind: RecordKind;
  labels: Record<string, string>;
  conflictSlot: HTMLElement;
  errorSlot: HTMLElement;
  /** The record in a freshly loaded sitting. */
  find: (s: SittingDetail, id: number) => T | undefined;
  /** The record's values in the same shape as the fields the editors send. */
  valuesOf: (record: T) => Fields;
  /** Shows values in the editors. */
  apply: (values: Fields) => void;
  saved?: (record: SavedRecord) => void;
  prepare?: Handlers['prepare'];
}

/** Connects an entry to its editors: error messages, and the conflict flow (theirs in the editor, mine in a box). */
export function bind<T extends { version: number }>(ctx: DraftContext, entry: SaveEntry, b: Binding<T>): SaveEntry {
  const show = (field: string, value: unknown) => showValue(ctx.people, field, value);
  entry.handlers = {
    saved: (record) => b.saved?.(record),
    prepare: b.prepare,
    error: (message) => replaceChildren(b.errorSlot, message === null ? null : notice('error', `Nav saglabāts: ${message}`)),
    conflict: (mine, message) => void resolve(mine, message),
  };
  const resolve = async (mine: Fields, message: string): Promise<void> => {
    let sitting: SittingDetail;
    try {
      sitting = await ctx.fresh();
    } catch (err) {
      replaceChildren(b.errorSlot, notice('error', `Konflikts, un otru versiju neizdevās ielādēt (${errorText(err)}). Mēģina vēlreiz…`));
      setTimeout(() => void resolve(mine, message), 3000);
      return;
    }
    replaceChildren(b.errorSlot);
    // Keystrokes typed while the other version was loading belong to "mine" too.
    const all = { ...mine, ...entry.pending };
    entry.pending = null;
    const theirs = entry.id === null ? undefined : b.find(sitting, entry.id);
    if (theirs === undefined) {
      replaceChildren(
        b.errorSlot,
        notice('error', 'Šo ierakstu pa to laiku kāds ir dzēsis. Jūsu teksts ir saglabāts zemāk, lai to varētu nokopēt.'),
      );
      showConflict({ entry, slot: b.conflictSlot, mine: all, message, labels: b.labels, show, useMine: () => undefined });
      saver.discard(entry);
      return;
    }
    const values = b.valuesOf(theirs);
    saver.rebase(entry, theirs.version);
    const differs = Object.keys(all).filter((f) => JSON.stringify(values[f] ?? null) !== JSON.stringify(all[f] ?? null));
    if (differs.length === 0) {
      // Our own earlier save did arrive (its answer was lost): nothing to choose.
      clearConflict(entry.key);
      return;
    }
    b.apply(values);
    const mineDiffering = Object.fromEntries(differs.map((f) => [f, all[f]]));
    showConflict({ entry, slot: b.conflictSlot, mine: mineDiffering, message, labels: b.labels, show, useMine: (m) => b.apply(m) });
    ctx.announce('Konflikts: kāds cits pa to laiku mainīja šo ierakstu.');
  };
  const stored = loadConflict(entry.key);
  if (stored !== null) {
    showConflict({
      entry,
      slot: b.conflictSlot,
      mine: stored.mine,
      message: stored.message,
      labels: b.labels,
      show,
      useMine: (m) => b.apply(m),
    });
  }
  return entry;
}

function showValue(people: Person[], field: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (field === 'owners' && Array.isArray(value)) return (value as OwnerInput[]).map((o) => ownerName(people, o)).join(', ');
  if (field === 'due' || field === 'date') return dateLv(String(value));
  if (typeof value === 'boolean') return value ? 'jā' : 'nē';
  if (field === 'chairId' || field === 'recorderId') return people.find((p) => p.id === value)?.fullName ?? String(value);
  return String(value);
}

export function ownerName(people: Person[], o: OwnerInput | Owner): string {
  if ('name' in o && typeof o.name === 'string') return o.name;
  const id = (o as { personId: number }).personId;
  return people.find((p) => p.id === id)?.shortName ?? `#${id}`;
}

/** What the API is sent for an owner: the directory person by id when printed as the directory has them. */
export function toOwnerInput(people: Person[], o: Owner): OwnerInput {
  if (o.personId !== null && people.find((p) => p.id === o.personId)?.shortName === o.name) return { personId: o.personId };
  return { name: o.name };
}
