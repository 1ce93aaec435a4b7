import { describe, expect, it } from '@jest/globals';
import * as ws from 'ws';
import { textFrame } from './text-frame.js';

interface WsSender {
  frame(data: Buffer, options: Record<string, unknown>): Buffer[];
}
// ws exports its frame builder (wrapper.mjs) without declaring it in @types/ws.
const { Sender } = ws as unknown as { Sender: WsSender };

// ws's own framing of a server (unmasked) text frame, the reference for ours.
function wsFrame(text: string): Buffer {
  const options = { fin: true, opcode: 1, mask: false, readOnly: true, rsv1: false };
  return Buffer.concat(Sender.frame(Buffer.from(text), options));
}

describe('textFrame', () => {
  it.each([0, 1, 125, 126, 127, 65_535, 65_536, 200_000])(
    'matches ws for a %i-byte payload',
    (length) => {
      const text = 'x'.repeat(length);
      expect(textFrame(text).equals(wsFrame(text))).toBe(true);
    },
  );

  it('counts UTF-8 bytes, not characters', () => {
    const text = 'é…€'.repeat(50);
    expect(textFrame(text).equals(wsFrame(text))).toBe(true);
  });
});
