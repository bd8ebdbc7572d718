/**
 * The Kibana image: listens on 5601 after ~10 s and answers `/api/status` and the `/status` page
 * from the state of the Elasticsearch it is configured with (ELASTICSEARCH_HOSTS in 7+,
 * ELASTICSEARCH_URL before; default http://elasticsearch:9200), which it asks over the cluster
 * network at each request. Kibana 7 and 8 answer 503 `Kibana server is not ready yet` until that
 * Elasticsearch answers; Kibana 6 and 5 serve a red status naming the unreachable URL.
 */
import type { HttpAnswer, HttpRequest } from './behaviours.ts';
import { stableHex } from './digest.ts';
import type { ShellContext } from './shell.ts';

/** How long Kibana takes to listen (real ones take 10–60 s; migrations come after). */
export const kibanaStartupMs = 10_000;

/** The pieces the kubelet runs. */
export interface KibanaServer {
  ports: number[];
  lines: (now: number) => string[];
  http(request: HttpRequest, now: number): HttpAnswer | undefined;
  term: { afterMs: number; exitCode: number };
}

/** Start Kibana of `version` in a container whose environment and network are `ctx`. */
export function kibanaServer(version: string, ctx: ShellContext, startedAt: number): KibanaServer {
  const major = Number(version.split('.')[0]) || 8;
  const esUrl = (ctx.env.ELASTICSEARCH_HOSTS ?? ctx.env.ELASTICSEARCH_URL ?? 'http://elasticsearch:9200').split(',')[0].replace(/^\["?|"?\]$/g, '');
  const uuid = stableHex(`kibana/${ctx.hostname}`);
  const id = `${uuid.slice(0, 8)}-${uuid.slice(8, 12)}-${uuid.slice(12, 16)}-${uuid.slice(16, 20)}-${uuid.slice(20, 32)}`;
  const since = new Date(startedAt + kibanaStartupMs).toISOString();
  const esReachable = (): boolean => {
    const answer = ctx.network?.fetch({ url: `${esUrl.replace(/\/$/, '')}/`, method: 'GET', headers: { 'User-Agent': `Kibana/${version}` }, connectTimeoutMs: 3_000 });
    return !!answer && !('error' in answer) && answer.status < 500;
  };
  const versionInfo = { number: version, build_hash: stableHex(`kibana-${version}`).slice(0, 40), build_number: 80_000 + (parseInt(stableHex(version).slice(0, 4), 16) % 5000), build_snapshot: false };
  const status = (up: boolean): Record<string, unknown> => {
    if (major >= 8) {
      const level = up ? 'available' : 'unavailable';
      return {
        name: ctx.hostname, uuid: id, version: { ...versionInfo, build_flavor: 'traditional' },
        status: {
          overall: { level, summary: up ? 'All services and plugins are available' : '1 service(s) and 0 plugin(s) are unavailable' },
          core: {
            elasticsearch: { level, summary: up ? 'Elasticsearch is available' : 'Unable to retrieve version information from Elasticsearch nodes.' },
            savedObjects: { level, summary: up ? 'SavedObjects service has completed migrations and is available' : 'SavedObjects service is not available without a healthy Elasticsearch connection' },
          },
        },
      };
    }
    const state = up ? 'green' : 'red';
    const overall = up ? { state, title: 'Green', nickname: 'Looking good', icon: 'success', ...(major >= 7 ? { uiColor: 'secondary' } : {}), since }
      : { state, title: 'Red', nickname: 'Danger Will Robinson! Danger!', icon: 'danger', ...(major >= 7 ? { uiColor: 'danger' } : {}), since };
    const message = up ? 'Ready' : `Unable to connect to Elasticsearch at ${esUrl}.`;
    return { name: ctx.hostname, uuid: id, version: versionInfo, status: { overall, statuses: [{ id: `plugin:elasticsearch@${version}`, state, icon: overall.icon, message, since }] } };
  };
  return {
    ports: [5601],
    term: { afterMs: 500, exitCode: 0 },
    lines: (now) => {
      const iso = new Date(now + kibanaStartupMs).toISOString();
      if (major >= 8) return [`[${iso.replace('Z', '+00:00')}][INFO ][http.server.Kibana] http server running at http://0.0.0.0:5601`];
      if (major === 7) return [`{"type":"log","@timestamp":"${iso}","tags":["info","http","server","Kibana"],"pid":7,"message":"http server running at http://0:5601"}`];
      return [`{"type":"log","@timestamp":"${iso}","tags":["listening","info"],"pid":1,"message":"Server running at http://0:5601"}`];
    },
    http: (request, now) => {
      if (request.port !== 5601 || now < startedAt + kibanaStartupMs) return undefined;
      const path = request.path.split('?')[0];
      const up = esReachable();
      if (!up && major >= 7) {
        const body = major >= 8 ? '{"statusCode":503,"error":"Service Unavailable","message":"Kibana server is not ready yet"}' : 'Kibana server is not ready yet';
        return { status: 503, body };
      }
      if (path === '/api/status') return { status: 200, body: JSON.stringify(status(up)) };
      if (path === '/status' || path === '/' || path.startsWith('/app/')) {
        return { status: 200, body: `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><title>Elastic</title></head><body><div class="kbnWelcomeView" id="kbn_loading_message"><div class="kbnWelcomeText">Loading Elastic</div></div><div id="kibana-body" data-status="${up ? 'green' : 'red'}"></div></body></html>` };
      }
      return { status: 404, body: '{"statusCode":404,"error":"Not Found","message":"Not Found"}' };
    },
  };
}
