import { describe, expect, it } from '@jest/globals';
import { openPayload, sealPayload } from './envelope.js';
import { subtreeMessageCodec } from './messages/subtree-message.js';

const MIB = 1_048_576;
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

// reference-service.md §2.1: the SubtreeMessage example wrapped by teranode1
const WIRE =
  '{"name":"teranode1","data":"eyJIYXNoIjoiNGQyMmQzZWE4ZDYxOGM2ZGU3ODQ4NTViZjRmYWNkMDc2MGY0MDEyODUyMjQyYWRmZDM5OWNmZjcwMDY2NWYzZCIsIkRhdGFIdWJVUkwiOiJodHRwczovL25vZGUxLmV4YW1wbGUuY29tL2FwaS92MSIsIlBlZXJJRCI6IjEyRDNLb29XSnBCTmh3Z3ZvWjE1RUIxSndSVFJweGdNOU5WYXFwRHRXWlhmVGY2Q3BDUWQifQ=="}';

describe('the {"name","data"} envelope', () => {
  it('opens Teranode’s example and reseals it to the same bytes', () => {
    const opened = openPayload(bytes(WIRE), { envelope: true, maxBytes: MIB });
    if (!opened.ok) throw opened.error;
    expect(opened.value.name).toBe('teranode1');
    const subtree = subtreeMessageCodec.decode(opened.value.payload, MIB);
    expect(subtree.ok && subtree.value.hash).toBe(
      '4d22d3ea8d618c6de784855bf4facd0760f4012852242adfd399cff700665f3d',
    );
    expect(text(sealPayload(opened.value.payload, { envelope: true, name: 'teranode1' }))).toBe(
      WIRE,
    );
  });

  it('passes raw payloads through when envelopes are off', () => {
    const payload = bytes('{"Hash":"ab"}');
    expect(sealPayload(payload, { envelope: false, name: 'x' })).toBe(payload);
    const opened = openPayload(payload, { envelope: false, maxBytes: MIB });
    expect(opened.ok && opened.value).toEqual({ name: undefined, payload });
  });

  it.each([
    ['not JSON', 'garbage'],
    ['data missing', '{"name":"a"}'],
    ['data not base64', '{"name":"a","data":"***"}'],
    ['unpadded base64', '{"name":"a","data":"eyJ9"}'.replace('eyJ9', 'eyJ')],
    ['data a number', '{"name":"a","data":5}'],
  ])('refuses an envelope with %s', (_name, wire) => {
    const opened = openPayload(bytes(wire), { envelope: true, maxBytes: MIB });
    expect(opened.ok === false && opened.error.reason).toBe('bad_envelope');
  });

  it('refuses an oversized raw payload before looking at it', () => {
    const opened = openPayload(new Uint8Array(MIB + 1), { envelope: false, maxBytes: MIB });
    expect(opened.ok === false && opened.error.reason).toBe('too_large');
  });

  it('refuses an oversized envelope as too large, before decoding it', () => {
    const opened = openPayload(new Uint8Array(MIB + 1).fill(0x20), {
      envelope: true,
      maxBytes: MIB,
    });
    expect(opened.ok === false && opened.error.reason).toBe('too_large');
  });

  it('matches envelope keys case-insensitively', () => {
    const opened = openPayload(bytes('{"NAME":"a","Data":"e30="}'), {
      envelope: true,
      maxBytes: MIB,
    });
    expect(opened.ok && [opened.value.name, text(opened.value.payload)]).toEqual(['a', '{}']);
  });
});
