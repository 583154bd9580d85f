import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProtocol } from '../../server/protocol-import/parse-protocol.ts';
import { wordParagraphs } from '../../server/protocol-import/read-word.ts';
import { nr7, sharedPath } from '../support/reference.ts';

const file = () => readFileSync(sharedPath('reference', 'old-protocol-nr7.docx'));

describe('the old Word protocol Nr. 7 read into a sitting document', async () => {
  const expected = nr7();
  const { document: doc, doubts } = parseProtocol(await wordParagraphs(file()));

  it('has the number, date, place and times of the reference', () => {
    expect(doc).toMatchObject({
      number: 7,
      date: expected.date,
      place: expected.place,
      startTime: expected.startTime,
      endTime: expected.endTime,
    });
  });

  it('has the attendance with positions, the chair from the signature block and the recorder from their line', () => {
    expect(doc.members).toEqual(expected.members);
    expect(doc.invited).toEqual([]);
    expect(doc.chair).toEqual(expected.chair);
    expect(doc.recorder).toEqual(expected.recorder);
  });

  it('has the agenda titles and their proceedings', () => {
    expect(doc.agenda.map((a) => a.title)).toEqual(expected.agenda.map((a) => a.title));
    expect(doc.agenda.map((a) => a.proceedings)).toEqual(expected.agenda.map((a) => a.proceedings));
  });

  it('has the decisions with their owners in the nominative and their deadlines', () => {
    expect(doc.decisions.map((d) => [d.owners ?? [], d.due])).toEqual(expected.decisions.map((d) => [d.owners ?? [], d.due]));
  });

  it('keeps the decision texts as the file writes them (the reference corrected a typo in the 6th)', () => {
    expect(doc.decisions.slice(0, 5).map((d) => d.text)).toEqual(expected.decisions.slice(0, 5).map((d) => d.text));
    // The file: "kā par arī …veicināšanai. (VP …)."; the reference: "kā arī …veicināšanai (VP …).".
    const asTyped = expected.decisions[5]!.text.replace('kā arī', 'kā par arī').replace('veicināšanai (VP', 'veicināšanai. (VP');
    expect(doc.decisions[5]?.text).toBe(asTyped);
  });

  it('leaves nothing in doubt: every owner is among the attendees', () => {
    expect(doubts).toEqual([]);
  });
});
