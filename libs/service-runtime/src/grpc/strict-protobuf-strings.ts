import { isUtf8 } from 'node:buffer';
import protobuf from 'protobufjs';

/**
 * protobufjs, which @grpc/proto-loader decodes every gRPC request with, reads a string field
 * leniently: a length that runs past the end of the message is cut to the bytes that are
 * there, and bytes that are not UTF-8 become U+FFFD. A request cut short could so ban
 * 10.0.0.1 where it named 10.0.0.10. Go's protobuf runtime refuses both (grpc-go answers
 * INTERNAL "error unmarshalling request"), and so does every gRPC server of the product now:
 * grpc-js answers INTERNAL `Error deserializing request` and the handler never runs.
 */
protobuf.BufferReader.prototype.string = function strictString(this: protobuf.BufferReader) {
  const start = this.pos;
  const length = this.uint32();
  const from = this.pos;
  const end = from + length;
  if (end > this.len)
    throw new RangeError(
      `a string field at offset ${start} claims ${length} bytes, ${this.len - from} are left`,
    );
  const bytes = Buffer.from(this.buf.buffer, this.buf.byteOffset + from, length);
  if (!isUtf8(bytes)) throw new TypeError(`a string field at offset ${start} is not UTF-8`);
  this.pos = end;
  return bytes.toString('utf8');
};
