// Everything needed to render one sitting's minutes: the sitting as the app models it (its
// carry-over list holds the earlier decisions followed up at it) and the group's profile.
import type { GroupProfile } from '../domain/group-settings.ts';
import type { SittingDetail } from '../schemas/sittings.ts';

export interface MinutesSource {
  group: GroupProfile;
  sitting: SittingDetail;
}

export type MinutesVersion = 'full' | 'public';
