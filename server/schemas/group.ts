// The group's profile and the settings that shape its minutes; the host's groups and the links that
// make a new group's first admin.
import { Type, type Static } from '@sinclair/typebox';
import { SIGNATURE_MODES } from '../domain/group-settings.ts';
import { literalUnion, PlainText, Version } from './common.ts';

const Text = PlainText({ minLength: 1, maxLength: 300 });
const Millimetres = Type.Number({ minimum: 5, maximum: 60 });

export const MinutesSettings = Type.Object(
  {
    signatureMode: literalUnion(SIGNATURE_MODES),
    esignatureNotice: PlainText({ minLength: 1, maxLength: 500 }),
    fontFamily: PlainText({ minLength: 1, maxLength: 100 }),
    fontSizePt: Type.Number({ minimum: 8, maximum: 20 }),
    marginsMm: Type.Object(
      { left: Millimetres, right: Millimetres, top: Millimetres, bottom: Millimetres },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const Group = Type.Object({
  id: Type.Integer(),
  slug: Type.String({ description: 'What follows @ in login@slug when a login exists in several groups' }),
  name: Type.String(),
  nameGenitive: Type.String(),
  municipality: Type.String(),
  defaultPlace: Type.String(),
  minutes: MinutesSettings,
  version: Version,
});
export type Group = Static<typeof Group>;

export const GroupPatchBody = Type.Object(
  {
    version: Version,
    name: Type.Optional(Text),
    nameGenitive: Type.Optional(Text),
    municipality: Type.Optional(Text),
    defaultPlace: Type.Optional(Text),
    minutes: Type.Optional(Type.Partial(MinutesSettings)),
  },
  { additionalProperties: false },
);

/** A group as the host admin lists it, with how much it holds. */
export const GroupSummary = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  name: Type.String(),
  municipality: Type.String(),
  sittings: Type.Integer(),
  people: Type.Integer(),
  users: Type.Integer(),
});
export type GroupSummary = Static<typeof GroupSummary>;

export const NewGroupBody = Type.Object({ name: Text, municipality: Text }, { additionalProperties: false });

/** A link that makes a group's first admin: shown once, to the host admin who asked. */
export const SetupLink = Type.Object({
  setupLink: Type.String({ description: "Opens the screen that creates the group's first admin; valid for an hour, once" }),
  setupLinkExpiresAt: Type.String({ format: 'date-time' }),
});
export type SetupLink = Static<typeof SetupLink>;

/** A group just created, with its first admin's setup link. */
export const CreatedGroup = Type.Composite([Group, SetupLink]);
export type CreatedGroup = Static<typeof CreatedGroup>;
