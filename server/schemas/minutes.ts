// Signed versions of the minutes and the signed copies uploaded for them.
import { Type, type Static } from '@sinclair/typebox';
import { SIGNER_ROLES } from '../domain/signers.ts';
import { literalUnion } from './common.ts';

export const Signature = Type.Object({
  version: Type.Integer(),
  signedAt: Type.String(),
  fileName: Type.String(),
  sha256Full: Type.String(),
  sha256Public: Type.String(),
  amendmentReason: Type.Union([Type.String(), Type.Null()]),
  recorderSignedAt: Type.Union([Type.String(), Type.Null()]),
  chairSignedAt: Type.Union([Type.String(), Type.Null()]),
  awaiting: Type.Array(literalUnion(SIGNER_ROLES), {
    description: 'The signatures this version still waits for (none once both signed, or when it was signed outside the tool)',
  }),
});
export type Signature = Static<typeof Signature>;

export const SignedCopyInfo = Type.Object({
  id: Type.Integer(),
  signedVersion: Type.Integer(),
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  uploadedAt: Type.String(),
});
export type SignedCopyInfo = Static<typeof SignedCopyInfo>;
