/**
 * `/openapi/v2`, which kubectl asks for only as protobuf, and only when `/openapi/v3` has no
 * document for an object's group-version (a kind the server does not serve). It must then get a
 * valid document that does not name the kind, so kubectl's validation lets the object through and
 * the real error — `no matches for kind "X" in version "g/v"` — comes from resource mapping.
 * The schemas live in the v3 documents; this one carries only `swagger` and `info`.
 */
import type { ApiResponse } from '../types.ts';

function field(number: number, bytes: Uint8Array): number[] {
  // Length-delimited field: tag, varint length (all our lengths fit in one byte), bytes.
  return [(number << 3) | 2, bytes.length, ...bytes];
}

const encoder = new TextEncoder();
const info = field(2, new Uint8Array([...field(1, encoder.encode('Kubernetes')), ...field(2, encoder.encode('v1.32.2'))]));
const document = new Uint8Array([...field(1, encoder.encode('2.0')), ...info]);

/** The gnostic `openapi_v2.Document` protobuf: `{swagger: "2.0", info: {title, version}}`. */
export function openapiV2Response(): ApiResponse {
  return { status: 200, headers: { 'content-type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf' }, body: document };
}
