// The answer of GET /health: a status word and nothing else, since anyone may ask.
import { Type } from '@sinclair/typebox';

export const Health = Type.Object(
  { status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')], { description: 'ok (200) or unavailable (503)' }) },
  { additionalProperties: false },
);
