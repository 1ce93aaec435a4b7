/**
 * One complete, unmasked WebSocket text frame (RFC 6455 §5.2) holding `json`: built once per
 * notification and written as is to every client, instead of framing it again per client.
 */
export function textFrame(json: string): Buffer {
  const payloadLength = Buffer.byteLength(json);
  const headerLength = payloadLength < 126 ? 2 : payloadLength < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + payloadLength);
  frame[0] = 0x81; // FIN + opcode 1 (text)
  if (headerLength === 2) {
    frame[1] = payloadLength;
  } else if (headerLength === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(payloadLength, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(payloadLength), 2);
  }
  frame.write(json, headerLength, 'utf8');
  return frame;
}
