// The sitting document (shared/formats/sitting.schema.json) as the export's response schema.
import { Type } from '@sinclair/typebox';
import type { SittingDocument } from '../interchange/sitting-document.ts';
import schema from '../interchange/sitting.schema.json' with { type: 'json' };

/**
 * Without its defaults: the serializer would write them into a document that leaves a field out
 * (an unreviewed `notDiscussed: false`).
 */
function withoutDefaults(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDefaults);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(Object.entries(node).flatMap(([k, v]) => (k === 'default' ? [] : [[k, withoutDefaults(v)]])));
}

export const SittingDocumentSchema = Type.Unsafe<SittingDocument>(withoutDefaults(schema) as object);
