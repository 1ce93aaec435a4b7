import { describe, expect, it } from '@jest/globals';
import protobuf from 'protobufjs';
import './strict-protobuf-strings.js';

const Named = protobuf
  .parse('syntax = "proto3"; message Named { string name = 1; int64 n = 2; }')
  .root.lookupType('Named');
const decode = (hex: string) =>
  Named.toObject(Named.decode(Buffer.from(hex, 'hex')), { longs: String });

describe('string fields of gRPC requests (protobufjs as proto-loader uses it)', () => {
  it('are read as sent when whole and UTF-8', () => {
    expect(decode('0a03414243')).toEqual({ name: 'ABC' });
    expect(decode('0a00')).toEqual({ name: '' });
    expect(decode('0a03e282ac1001')).toEqual({ name: '€', n: '1' });
  });

  it('are refused when their length runs past the end (protobufjs cut them to what was there)', () => {
    expect(() => decode('0a0541')).toThrow('a string field at offset 1 claims 5 bytes, 1 are left');
  });

  it('are refused when they are not UTF-8 (protobufjs put U+FFFD in)', () => {
    expect(() => decode('0a02c328')).toThrow('a string field at offset 1 is not UTF-8');
    expect(() => decode('0a03eda080')).toThrow('is not UTF-8');
  });
});
