/**
 * A minimal protobuf wire-format reader: varints, fixed 64-bit doubles and length-delimited
 * fields, which is all Kubernetes' gogo-protobuf messages use.
 */

/** Thrown when bytes are not valid protobuf. */
export class WireError extends Error {}

/** Reads one message's fields in order. */
export class WireReader {
  pos = 0;
  constructor(readonly bytes: Uint8Array, readonly end = bytes.length) {}

  done(): boolean {
    return this.pos >= this.end;
  }

  /** Reads a varint as a BigInt (int64 values may exceed 2^53). */
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.end) throw new WireError('unexpected end of varint');
      const b = this.bytes[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new WireError('varint too long');
    }
  }

  /** Reads a field key: its number and wire type. */
  tag(): { field: number; wireType: number } {
    const key = Number(this.varint());
    return { field: key >>> 3, wireType: key & 7 };
  }

  /** Reads a length-delimited field's bytes. */
  lengthDelimited(): Uint8Array {
    const length = Number(this.varint());
    if (this.pos + length > this.end) throw new WireError('length-delimited field runs past the end');
    const slice = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return slice;
  }

  double(): number {
    if (this.pos + 8 > this.end) throw new WireError('unexpected end of double');
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, 8);
    this.pos += 8;
    return view.getFloat64(0, true);
  }

  /** Skips a field of the given wire type (unknown fields are ignored, as Go does). */
  skip(wireType: number): void {
    switch (wireType) {
      case 0: this.varint(); break;
      case 1: this.pos += 8; break;
      case 2: this.lengthDelimited(); break;
      case 5: this.pos += 4; break;
      default: throw new WireError(`unsupported wire type ${wireType}`);
    }
    if (this.pos > this.end) throw new WireError('field runs past the end');
  }
}
