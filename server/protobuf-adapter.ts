/**
 * Protobuf request bodies (kubectl's typed `create` generators, `autoscale`, `auth can-i`),
 * decoded into the JSON object the engine takes. A body that is not Kubernetes protobuf, or of a
 * kind with no protobuf table here, gets 415 as a server without that codec would answer.
 */
import { statusErrors, StatusError } from '../engine/api/errors.ts';
import { decodeProtobufObject, ProtobufDecodeError } from './protobuf/decode.ts';

export function decodeProtobufBody(raw: Buffer): unknown {
  try {
    return decodeProtobufObject(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength)).object;
  } catch (error) {
    if (!(error instanceof ProtobufDecodeError)) throw error;
    if (error.reason === 'malformed') throw new StatusError(statusErrors.badRequest(error.message));
    throw new StatusError(statusErrors.unsupportedMediaType());
  }
}
