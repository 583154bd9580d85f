// What a new sitting takes from the group's previous one: the same chair, recorder, place and
// usual times, unless the request says otherwise (an explicit null stays null).

export interface SittingHeader {
  place: string;
  startTime: string | null;
  endTime: string | null;
  chairId: number | null;
  recorderId: number | null;
}

export interface HeaderRequest {
  place?: string | undefined;
  startTime?: string | null | undefined;
  endTime?: string | null | undefined;
  chairId?: number | null | undefined;
  recorderId?: number | null | undefined;
}

/**
 * The new sitting's header: what the request gives, else the previous sitting's, else the group's
 * place and nothing. A chair or recorder no longer active in the directory is not carried over.
 */
export function newSittingHeader(
  request: HeaderRequest,
  previous: SittingHeader | undefined,
  defaultPlace: string,
  isActive: (personId: number) => boolean,
): SittingHeader {
  const carried = (id: number | null | undefined): number | null => (id != null && isActive(id) ? id : null);
  // The times go as a pair: a start given alone must not meet an earlier end of last time.
  const timesGiven = request.startTime !== undefined || request.endTime !== undefined;
  return {
    place: request.place ?? previous?.place ?? defaultPlace,
    startTime: timesGiven ? (request.startTime ?? null) : (previous?.startTime ?? null),
    endTime: timesGiven ? (request.endTime ?? null) : (previous?.endTime ?? null),
    chairId: request.chairId !== undefined ? request.chairId : carried(previous?.chairId),
    recorderId: request.recorderId !== undefined ? request.recorderId : carried(previous?.recorderId),
  };
}
