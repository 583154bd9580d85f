// The plan format (plans/plan.schema.json) as the export's response schema and the import's documented body.
import { Type } from '@sinclair/typebox';
import type { PlanDocument } from '../plans/plan-document.ts';
import schema from '../plans/plan.schema.json' with { type: 'json' };

export const PlanDocumentSchema = Type.Unsafe<PlanDocument>(schema as object);
