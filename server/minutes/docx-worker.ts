// A thread of the DOCX pool (docx-pool.ts): lays a view model out as a Word file off the event
// loop and hands the bytes back moved, not copied.
import { move } from 'piscina';
import { renderMinutesDocx } from './render-docx.ts';
import type { MinutesViewModel } from './view-model.ts';

export default async function renderDocx(vm: MinutesViewModel): Promise<ArrayBuffer> {
  const bytes = await renderMinutesDocx(vm);
  // A small Buffer may be a view on Node's shared pool; only memory of its own can be moved.
  const own =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? bytes.buffer
      : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return move(own as ArrayBuffer) as ArrayBuffer;
}
