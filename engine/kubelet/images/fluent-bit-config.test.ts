import { describe, expect, it } from 'vitest';
import { fluentBitBool, fluentBitConfigPath, fluentBitSeconds, parseFluentBitConfig, tagMatches } from './fluent-bit-config.ts';

/** The fluent-bit docs' Kubernetes ConfigMap (fluent-bit-kubernetes-logging), mounted at /fluent-bit/etc/. */
const docsConfigMap = new Map([
  ['/fluent-bit/etc/fluent-bit.conf', `[SERVICE]
    Flush         1
    Log_Level     info
    Daemon        off
    Parsers_File  parsers.conf
    HTTP_Server   On
    HTTP_Listen   0.0.0.0
    HTTP_Port     2020

@INCLUDE input-kubernetes.conf
@INCLUDE filter-kubernetes.conf
@INCLUDE output-elasticsearch.conf
`],
  ['/fluent-bit/etc/input-kubernetes.conf', `[INPUT]
    Name              tail
    Tag               kube.*
    Path              /var/log/containers/*.log
    # a comment inside a section
    multiline.parser  docker, cri
    DB                /var/log/flb_kube.db
    Mem_Buf_Limit     5MB
    Skip_Long_Lines   On
    Refresh_Interval  10
`],
  ['/fluent-bit/etc/filter-kubernetes.conf', `[FILTER]
    Name                kubernetes
    Match               kube.*
    Kube_URL            https://kubernetes.default.svc:443
    Merge_Log           On
    K8S-Logging.Parser  On
`],
  ['/fluent-bit/etc/output-elasticsearch.conf', `[OUTPUT]
    Name            es
    Match           *
    Host            \${FLUENT_ELASTICSEARCH_HOST}
    Port            \${FLUENT_ELASTICSEARCH_PORT}
    Logstash_Format On
    Replace_Dots    On
    Retry_Limit     False
`],
]);

describe('fluent-bit classic configuration', () => {
  it('reads the docs’ ConfigMap: @INCLUDEs beside the main file, ${ENV}, case-insensitive keys, numbered instances', () => {
    const config = parseFluentBitConfig('/fluent-bit/etc/fluent-bit.conf', docsConfigMap, { FLUENT_ELASTICSEARCH_HOST: 'elasticsearch', FLUENT_ELASTICSEARCH_PORT: '9200' });
    expect(config).toEqual({
      service: { flush: '1', log_level: 'info', daemon: 'off', parsers_file: 'parsers.conf', http_server: 'On', http_listen: '0.0.0.0', http_port: '2020' },
      inputs: [{ name: 'tail', instance: 'tail.0', props: { name: 'tail', tag: 'kube.*', path: '/var/log/containers/*.log', 'multiline.parser': 'docker, cri', db: '/var/log/flb_kube.db', mem_buf_limit: '5MB', skip_long_lines: 'On', refresh_interval: '10' } }],
      filters: [{ name: 'kubernetes', instance: 'kubernetes.0', props: { name: 'kubernetes', match: 'kube.*', kube_url: 'https://kubernetes.default.svc:443', merge_log: 'On', 'k8s-logging.parser': 'On' } }],
      outputs: [{ name: 'es', instance: 'es.0', props: { name: 'es', match: '*', host: 'elasticsearch', port: '9200', logstash_format: 'On', replace_dots: 'On', retry_limit: 'False' } }],
      warnings: [],
    });
  });

  it('numbers instances per plugin, honours Alias, @SET variables and globbed includes', () => {
    const files = new Map([
      ['/etc/fb/main.conf', '@SET es_host=es-master\n@INCLUDE conf.d/*.conf\n'],
      ['/etc/fb/conf.d/b.conf', '[OUTPUT]\n    Name es\n    Match host.*\n    Host ${es_host}\n    Alias es_hosts\n'],
      ['/etc/fb/conf.d/a.conf', '[OUTPUT]\n    Name es\n    Match kube.*\n    Host ${es_host}\n'],
    ]);
    const config = parseFluentBitConfig('/etc/fb/main.conf', files, {});
    expect(config.outputs.map((o) => [o.instance, o.props.match, o.props.host])).toEqual([['es.0', 'kube.*', 'es-master'], ['es_hosts', 'host.*', 'es-master']]);
  });

  it.each([
    { name: 'a missing main file', path: '/fluent-bit/etc/nope.conf', files: new Map<string, string>(), error: 'could not open configuration file', warnings: [] },
    { name: 'a missing include', path: '/c/main.conf', files: new Map([['/c/main.conf', '@INCLUDE gone.conf\n']]), error: 'configuration file contains errors', warnings: ['[config] I cannot open /c/gone.conf file'] },
    { name: 'a key outside any section', path: '/c/main.conf', files: new Map([['/c/main.conf', 'Name tail\n']]), error: 'configuration file contains errors', warnings: [] },
  ])('stops on $name', ({ path, files, error, warnings }) => {
    expect(parseFluentBitConfig(path, files, {})).toMatchObject({ error, warnings });
  });

  it.each([
    { argv: ['/fluent-bit/bin/fluent-bit', '-c', '/fluent-bit/etc/fluent-bit.conf'], path: '/fluent-bit/etc/fluent-bit.conf' },
    // The Helm chart: --workdir and --config=, its ConfigMap under conf/.
    { argv: ['/fluent-bit/bin/fluent-bit', '--workdir=/fluent-bit/etc', '--config=/fluent-bit/etc/conf/fluent-bit.conf'], path: '/fluent-bit/etc/conf/fluent-bit.conf' },
    { argv: ['/fluent-bit/bin/fluent-bit'], path: '/fluent-bit/etc/fluent-bit.conf' },
  ])('finds the config in $argv', ({ argv, path }) => {
    expect(fluentBitConfigPath(argv)).toBe(path);
  });

  it('reads booleans, times and Match patterns as fluent-bit does', () => {
    expect([fluentBitBool('On', false), fluentBitBool('off', true), fluentBitBool('true', false), fluentBitBool(undefined, true)]).toEqual([true, false, true, true]);
    expect([fluentBitSeconds('5', 1000), fluentBitSeconds('1.5', 1000), fluentBitSeconds('1m', 1000), fluentBitSeconds('x', 1000)]).toEqual([5000, 1500, 60000, 1000]);
    expect([tagMatches('kube.*', 'kube.var.log.containers.a.log'), tagMatches('*', 'host.kubelet'), tagMatches('kube.*', 'host.kubelet'), tagMatches(undefined, 'x')]).toEqual([true, true, false, false]);
  });
});
