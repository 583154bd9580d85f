// The cooperation group's profile and the settings that shape its minutes (MINUTES-FORMAT.md).
import { InvalidInput } from './errors.ts';

/** Signed on paper, or with a secure e-signature (the minutes then close with a notice). */
export const SIGNATURE_MODES = ['paper', 'esignature'] as const;
export type SignatureMode = (typeof SIGNATURE_MODES)[number];

export interface MinutesSettings {
  signatureMode: SignatureMode;
  /** Closing notice printed in e-signature mode. */
  esignatureNotice: string;
  fontFamily: string;
  fontSizePt: number;
  marginsMm: { left: number; right: number; top: number; bottom: number };
}

export interface GroupProfile {
  /** Nominative: Bērnu tiesību aizsardzības Sadarbības grupa */
  name: string;
  /** Genitive, as printed in the title block: …grupas */
  nameGenitive: string;
  municipality: string;
  /** Place printed under the title unless a sitting overrides it. */
  defaultPlace: string;
  minutes: MinutesSettings;
}

export const DEFAULT_MINUTES_SETTINGS: MinutesSettings = {
  signatureMode: 'paper',
  esignatureNotice: 'DOKUMENTS IR PARAKSTĪTS AR DROŠU ELEKTRONISKO PARAKSTU UN SATUR LAIKA ZĪMOGU',
  fontFamily: 'Times New Roman',
  fontSizePt: 12,
  marginsMm: { left: 30, right: 15, top: 20, bottom: 20 },
};

export const DEFAULT_GROUP_PROFILE: GroupProfile = {
  name: 'Bērnu tiesību aizsardzības Sadarbības grupa',
  nameGenitive: 'Bērnu tiesību aizsardzības Sadarbības grupas',
  municipality: 'Cēsu novads',
  defaultPlace: 'Cēsīs, Cēsu novadā',
  minutes: DEFAULT_MINUTES_SETTINGS,
};

const BLANK = 'nedrīkst būt tukšs.';

/**
 * A new group's profile from its name and municipality: the genitive of a name ending in "grupa"
 * is "…grupas"; the place printed under the title starts as the municipality (the group's admin
 * sets the locative form later).
 */
export function newGroupProfile(givenName: string, givenMunicipality: string): GroupProfile {
  // The schema lets spaces alone through; a name of spaces would be an empty one once trimmed.
  const [name, municipality] = [givenName.trim(), givenMunicipality.trim()];
  if (name === '') throw new InvalidInput('name', BLANK);
  if (municipality === '') throw new InvalidInput('municipality', BLANK);
  const nameGenitive = /grupa$/u.test(name) ? `${name}s` : name;
  return { ...DEFAULT_GROUP_PROFILE, name, nameGenitive, municipality, defaultPlace: municipality };
}
