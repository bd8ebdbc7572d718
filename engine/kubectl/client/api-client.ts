/**
 * The emulator is a client of the API, like kubectl: every read goes through `ApiClient.handle`
 * with the paths, query parameters and Accept headers real kubectl sends, and errors are turned
 * into kubectl's messages (`Error from server (NotFound): pods "x" not found`).
 */
import type { ApiRequest, ApiResponse } from '../../api/types.ts';

/** Anything that answers Kubernetes API requests: the engine's ApiServer, a Cluster, or a proxy to one. */
export interface ApiClient {
  handle(request: ApiRequest): ApiResponse;
}

/** kubectl's User-Agent, so that the audit log tells emulator requests apart as kubectl ones. */
export const kubectlUserAgent = 'kubectl/v1.32.5 (linux/amd64) kubernetes/9894294';

/** The Accept header of `kubectl get` when printing a human table (server-side printing). */
export const tableAccept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

/** An error as kubectl prints it through cmdutil.CheckErr. */
export class KubectlError extends Error {
  constructor(
    /** The whole text written to stderr, without the final newline. */
    readonly text: string,
    /** The HTTP status when the error came from the server. */
    readonly code?: number,
    readonly reason?: string,
  ) {
    super(text);
  }

  /** A client-side error: `error: <message>`. */
  static client(message: string): KubectlError {
    return new KubectlError(`error: ${message}`);
  }

  get notFound(): boolean {
    return this.reason === 'NotFound';
  }
}

interface StatusBody {
  kind?: string;
  message?: string;
  reason?: string;
  code?: number;
}

/** The error for a failed response: the Status message with its reason, as StandardErrorMessage writes it. */
export function responseError(response: ApiResponse): KubectlError {
  const status = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as StatusBody;
  const reason = status.reason ?? '';
  const message = status.message ?? (typeof response.body === 'string' ? response.body : `an error on the server ("unknown") has prevented the request from succeeding`);
  // cmdutil's StandardErrorMessage words a 401 for the person at the keyboard.
  if (response.status === 401) return new KubectlError(`error: You must be logged in to the server (${message})`, 401, reason);
  const text = reason ? `Error from server (${reason}): ${message}` : `Error from server: ${message}`;
  return new KubectlError(text, response.status, reason);
}

/** GET a path and return the decoded body, or throw kubectl's error for it. */
export function getJson(api: ApiClient, path: string, query?: Record<string, string>, accept = 'application/json'): unknown {
  const response = api.handle({ method: 'GET', path, query, headers: { accept, 'user-agent': kubectlUserAgent } });
  if (response.status >= 300) throw responseError(response);
  return response.body;
}
