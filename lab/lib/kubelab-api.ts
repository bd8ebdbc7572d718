/**
 * `window.kubelab`: the lab control API on the lab page (DESIGN.md contract 3). Each method takes
 * the same JSON body as the HTTP API and returns a promise of the same JSON answer.
 */
import { controlMethods, type ControlMethod, type LabWorkerApi } from '../../worker/protocol.ts';

/** The control API as `window.kubelab` offers it. */
export type KubelabApi = Record<ControlMethod, (body?: unknown) => Promise<unknown>>;

/** Build the control API over the worker; bodies are copied as JSON so only JSON crosses over. */
export function makeKubelabApi(api: Pick<LabWorkerApi, 'control'>): KubelabApi {
  const out = {} as KubelabApi;
  for (const method of controlMethods) {
    out[method] = async (body?: unknown) => {
      let params: unknown;
      try {
        params = body === undefined ? {} : JSON.parse(JSON.stringify(body));
      } catch {
        return { error: 'the body must be JSON' };
      }
      return api.control(method, params);
    };
  }
  return Object.freeze(out);
}
