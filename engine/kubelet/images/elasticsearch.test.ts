import { describe, expect, it } from 'vitest';
import type { EsConfig } from './elasticsearch.ts';
import { elasticsearchServer, esStartupMs } from './elasticsearch.ts';

const t0 = Date.UTC(2026, 0, 1);
const ready = t0 + esStartupMs;

function node(version: string, files = new Map<string, string>(), extra: Partial<EsConfig> = {}) {
  const es = elasticsearchServer({ version, nodeName: 'es-0', clusterName: 'docker-cluster', dataPath: '/usr/share/elasticsearch/data', oss: false, startedAt: t0, ...extra }, files);
  const call = (method: string, path: string, body?: string, type = 'application/json', now = ready) =>
    es.http({ port: 9200, path, client: '10.244.1.5', userAgent: 'curl/8.11.1', method, body, headers: body === undefined ? {} : { 'Content-Type': type } }, now);
  return { es, files, call, json: (method: string, path: string, body?: string, type?: string) => JSON.parse(call(method, path, body, type)!.body) as Record<string, unknown> };
}

const bulkBody = [
  '{"index":{"_index":"logstash-2026.01.01"}}', '{"log":"0: Thu Jan  1 00:00:01 UTC 2026","stream":"stdout","kubernetes":{"pod_name":"counter","namespace_name":"default"},"@timestamp":"2026-01-01T00:00:01.000000000+00:00"}',
  '{"index":{"_index":"logstash-2026.01.01"}}', '{"log":"GET /healthz 200","stream":"stdout","kubernetes":{"pod_name":"web-1","namespace_name":"default"},"@timestamp":"2026-01-01T00:00:02.000000000+00:00"}',
  '{"create":{"_index":"logstash-2026.01.02"}}', '{"log":"1: Fri Jan  2 00:00:00 UTC 2026","stream":"stdout","kubernetes":{"pod_name":"counter","namespace_name":"default"},"@timestamp":"2026-01-02T00:00:00.000000000+00:00"}',
].join('\n') + '\n';

describe('Elasticsearch start-up', () => {
  it('refuses connections until it has started, then logs started', () => {
    const { es, call } = node('8.17.0');
    expect(call('GET', '/', undefined, undefined, ready - 1)).toBeUndefined();
    expect(call('GET', '/')?.status).toBe(200);
    const lines: string[] = [];
    for (let i = 0; i < 5; i++) {
      const step = es.run.next();
      if (!step.done && step.value.kind === 'output') lines.push(step.value.text);
    }
    expect(lines.at(-1)).toBe('{"@timestamp":"2026-01-01T00:00:20.000Z","log.level":"INFO","message":"started","ecs.version":"1.2.0","service.name":"ES_ECS","event.dataset":"elasticsearch.server","process.thread.name":"main","log.logger":"org.elasticsearch.node.Node","elasticsearch.node.name":"es-0","elasticsearch.cluster.name":"docker-cluster"}\n');
  });

  it('prints the banner pretty, with the version of the image tag', () => {
    const body = node('6.5.1', new Map(), { oss: true, clusterName: 'kubernetes-logging' }).call('GET', '/')!.body;
    expect(body.replace(/"(cluster_uuid|build_hash)" : "[^"]+"/g, '"$1" : "<x>"')).toBe(`{
  "name" : "es-0",
  "cluster_name" : "kubernetes-logging",
  "cluster_uuid" : "<x>",
  "version" : {
    "number" : "6.5.1",
    "build_flavor" : "oss",
    "build_hash" : "<x>",
    "build_date" : "2018-11-16T02:22:42.182257Z",
    "build_snapshot" : false,
    "lucene_version" : "7.5.0",
    "minimum_wire_compatibility_version" : "5.6.0",
    "minimum_index_compatibility_version" : "5.0.0"
  },
  "tagline" : "You Know, for Search"
}
`);
  });
});

describe('Elasticsearch documents', () => {
  it('indexes a bulk request and reports each item', () => {
    const { json } = node('7.17.26');
    const answer = json('POST', '/_bulk', bulkBody, 'application/x-ndjson') as { errors: boolean; items: Record<string, { _index: string; result: string; status: number; _type?: string }>[] };
    expect(answer.errors).toBe(false);
    expect(answer.items.map((i) => Object.entries(i).map(([action, r]) => `${action} ${r._index} ${r._type} ${r.result} ${r.status}`)[0])).toEqual([
      'index logstash-2026.01.01 _doc created 201', 'index logstash-2026.01.01 _doc created 201', 'create logstash-2026.01.02 _doc created 201',
    ]);
  });

  it.each<[string, string, string | undefined, number[]]>([
    ['match_all', '/_search', undefined, [0, 1, 2]],
    ['q= on a field', '/_search?q=kubernetes.pod_name:counter', undefined, [0, 2]],
    ['q= on any field', '/_search?q=healthz', undefined, [1]],
    ['q= with AND', '/_search?q=kubernetes.pod_name:counter%20AND%20Fri', undefined, [2]],
    ['q= with a prefix', '/_search?q=kubernetes.pod_name:web*', undefined, [1]],
    ['an index pattern', '/logstash-2026.01.02/_search', undefined, [2]],
    ['match', '/_search', '{"query":{"match":{"log":"THU"}}}', [0]],
    ['term on a keyword', '/_search', '{"query":{"term":{"kubernetes.pod_name.keyword":"web-1"}}}', [1]],
    ['term is not analysed', '/_search', '{"query":{"term":{"kubernetes.pod_name":"Counter"}}}', []],
    ['bool must_not', '/_search', '{"query":{"bool":{"must_not":{"match":{"kubernetes.pod_name":"counter"}}}}}', [1]],
    ['sort and size', '/_search?sort=@timestamp:desc&size=2', undefined, [2, 1]],
    ['sort in the body', '/_search', '{"sort":[{"@timestamp":{"order":"asc"}}],"size":1,"from":1}', [1]],
  ])('_search %s', (_name, path, body, expected) => {
    const { json } = node('8.17.0');
    json('POST', '/_bulk', bulkBody, 'application/x-ndjson');
    const answer = json(body ? 'POST' : 'GET', path, body) as { hits: { hits: { _source: { '@timestamp': string } }[] } };
    const order = ['2026-01-01T00:00:01', '2026-01-01T00:00:02', '2026-01-02T00:00:00'];
    expect(answer.hits.hits.map((h) => order.indexOf(h._source['@timestamp'].slice(0, 19)))).toEqual(expected);
  });

  it('answers _search in the shape of each major version', () => {
    const shape = (version: string): string => {
      const { call } = node(version);
      call('POST', '/_bulk', bulkBody, 'application/x-ndjson');
      return call('GET', '/_search?q=web&pretty')!.body.replace(/"_id" : "[^"]+"/, '"_id" : "<id>"').replace(/"_source" : \{[^}]*\}[^}]*\}/, '"_source" : {}');
    };
    expect(shape('7.10.2')).toBe(`{
  "took" : 1,
  "timed_out" : false,
  "_shards" : {
    "total" : 2,
    "successful" : 2,
    "skipped" : 0,
    "failed" : 0
  },
  "hits" : {
    "total" : {
      "value" : 1,
      "relation" : "eq"
    },
    "max_score" : 1.0,
    "hits" : [
      {
        "_index" : "logstash-2026.01.01",
        "_type" : "_doc",
        "_id" : "<id>",
        "_score" : 1.0,
        "_source" : {}
      }
    ]
  }
}
`);
    expect(shape('6.5.1')).toContain('"total" : 1,\n    "max_score" : 1.0');
    expect(shape('8.17.0')).not.toContain('_type');
  });

  it('counts, and 404s a missing index as index_not_found_exception', () => {
    const { call, json } = node('8.17.0');
    call('POST', '/_bulk', bulkBody, 'application/x-ndjson');
    expect(call('GET', '/_count?q=kubernetes.pod_name:counter')!.body).toBe('{"count":2,"_shards":{"total":2,"successful":2,"skipped":0,"failed":0}}');
    expect(call('GET', '/nope/_search')).toMatchObject({ status: 404, body: '{"error":{"root_cause":[{"type":"index_not_found_exception","reason":"no such index [nope]","resource.type":"index_or_alias","resource.id":"nope","index_uuid":"_na_","index":"nope"}],"type":"index_not_found_exception","reason":"no such index [nope]","resource.type":"index_or_alias","resource.id":"nope","index_uuid":"_na_","index":"nope"},"status":404}' });
    expect(json('GET', '/nomatch-*/_count')).toMatchObject({ count: 0 });
  });

  it('creates an index, refuses a second create, and indexes a doc by id', () => {
    const { call } = node('8.17.0');
    expect(call('PUT', '/idx')!.body).toBe('{"acknowledged":true,"shards_acknowledged":true,"index":"idx"}');
    expect(call('PUT', '/idx')!.body).toMatch(/^\{"error":\{"root_cause":\[\{"type":"resource_already_exists_exception","reason":"index \[idx\/[\w-]{22}\] already exists"/);
    expect(call('PUT', '/idx/_doc/1', '{"msg":"hi"}')).toMatchObject({ status: 201, body: '{"_index":"idx","_id":"1","_version":1,"result":"created","_shards":{"total":2,"successful":1,"failed":0},"_seq_no":0,"_primary_term":1}' });
    expect(call('PUT', '/idx/_doc/1', '{"msg":"again"}')).toMatchObject({ status: 200, body: expect.stringContaining('"_version":2,"result":"updated"') });
    expect(call('GET', '/idx/_doc/1')!.body).toBe('{"_index":"idx","_id":"1","_version":1,"_seq_no":1,"_primary_term":1,"found":true,"_source":{"msg":"again"}}');
    expect(call('PUT', '/Bad')!.status).toBe(400);
  });

  it('rejects curl -d’s form Content-Type with 406', () => {
    expect(node('7.17.26').call('POST', '/idx/_doc', '{"a":1}', 'application/x-www-form-urlencoded')).toMatchObject({
      status: 406, body: '{"error":"Content-Type header [application/x-www-form-urlencoded] is not supported","status":406}',
    });
  });
});

describe('Elasticsearch health and _cat', () => {
  it('is green without indices and yellow with unassigned replicas', () => {
    const { call } = node('7.17.26');
    expect(JSON.parse(call('GET', '/_cluster/health')!.body)).toMatchObject({ status: 'green', unassigned_shards: 0, active_shards_percent_as_number: 100 });
    call('PUT', '/solo', '{"settings":{"number_of_replicas":0}}');
    expect(call('GET', '/_cat/health?h=status')!.body).toBe('green\n');
    call('POST', '/_bulk', bulkBody, 'application/x-ndjson');
    expect(call('GET', '/_cluster/health')!.body).toBe('{"cluster_name":"docker-cluster","status":"yellow","timed_out":false,"number_of_nodes":1,"number_of_data_nodes":1,"active_primary_shards":3,"active_shards":3,"relocating_shards":0,"initializing_shards":0,"unassigned_shards":2,"delayed_unassigned_shards":0,"number_of_pending_tasks":0,"number_of_in_flight_fetch":0,"task_max_waiting_in_queue_millis":0,"active_shards_percent_as_number":60.0}');
    expect(call('GET', '/_cat/health?v')!.body).toBe([
      'epoch      timestamp cluster        status node.total node.data shards pri relo init unassign pending_tasks max_task_wait_time active_shards_percent',
      '1767225620 00:00:20  docker-cluster yellow          1         1      3   3    0    0        2             0                  -                 60.0%', '',
    ].join('\n'));
    expect(call('GET', '/_cat/indices?v&h=health,index,docs.count')!.body).toBe([
      'health index               docs.count', 'yellow logstash-2026.01.01          2', 'yellow logstash-2026.01.02          1', 'green  solo                         0', '',
    ].join('\n'));
  });

  it('keeps indices in its files: a new process on the same volume finds them', () => {
    const first = node('7.17.26');
    first.call('POST', '/_bulk', bulkBody, 'application/x-ndjson');
    const again = node('7.17.26', first.files);
    expect(again.json('GET', '/_count')).toMatchObject({ count: 3 });
    expect([...first.files.keys()].every((k) => k.startsWith('/usr/share/elasticsearch/data/nodes/0/'))).toBe(true);
  });
});
