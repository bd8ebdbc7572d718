import { describe, expect, it } from 'vitest';
import { errorText } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { makeGroupValidators } from './groups.ts';

const validators = makeGroupValidators(() => []);
const run = (kind: string, obj: KubeObject, old?: KubeObject) => validators[kind](obj, old).map(errorText);

const uid = '0b3c4d5e';
// What the Job create strategy generates before validation: selector and labels from the uid.
const generated = {
  'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi',
};

function podTemplate(spec: Record<string, unknown> = {}, labels: Record<string, string> = generated) {
  return { metadata: { labels }, spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }], ...spec } };
}

function job(spec: Record<string, unknown> = {}, extra: Partial<KubeObject> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default', uid },
    spec: {
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } }, template: podTemplate(),
      backoffLimit: 6, completions: 1, parallelism: 1, completionMode: 'NonIndexed', suspend: false, ...spec,
    },
    ...extra,
  };
}

function cronJob(spec: Record<string, unknown> = {}, name = 'hello'): KubeObject {
  return {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name, namespace: 'default' },
    spec: {
      schedule: '*/5 * * * *', concurrencyPolicy: 'Allow', successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1,
      jobTemplate: { spec: { backoffLimit: 6, template: podTemplate({ restartPolicy: 'OnFailure' }, {}) } }, ...spec,
    },
  };
}

describe('batch/Job', () => {
  const cases: [string, KubeObject, string[]][] = [
    ['a valid Job', job(), []],
    ['restartPolicy Always', job({ template: podTemplate({ restartPolicy: 'Always' }) }), [
      'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ]],
    ['an unknown restartPolicy', job({ template: podTemplate({ restartPolicy: 'Sometimes' }) }), [
      'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"',
    ]],
    ['negative counts', job({ completions: -1, parallelism: -2, backoffLimit: -3, ttlSecondsAfterFinished: -4, activeDeadlineSeconds: -5 }), [
      'spec.parallelism: Invalid value: -2: must be greater than or equal to 0',
      'spec.completions: Invalid value: -1: must be greater than or equal to 0',
      'spec.activeDeadlineSeconds: Invalid value: -5: must be greater than or equal to 0',
      'spec.backoffLimit: Invalid value: -3: must be greater than or equal to 0',
      'spec.ttlSecondsAfterFinished: Invalid value: -4: must be greater than or equal to 0',
    ]],
    ['an unknown completionMode', job({ completionMode: 'Ordered' }), [
      'spec.completionMode: Unsupported value: "Ordered": supported values: "NonIndexed", "Indexed"',
    ]],
    ['Indexed without completions', job({ completionMode: 'Indexed', completions: undefined }), [
      'spec.completions: Required value: when completion mode is Indexed',
    ]],
    ['backoffLimitPerIndex on a NonIndexed Job', job({ backoffLimitPerIndex: 1 }), [
      'spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode',
    ]],
    ['template labels that miss the generated ones', job({ template: podTemplate({}, { app: 'pi' }) }), [
      `spec.template.metadata.labels[controller-uid]: Required value: must be '${uid}'`,
      "spec.template.metadata.labels[job-name]: Required value: must be 'pi'",
      `spec.template.metadata.labels[batch.kubernetes.io/controller-uid]: Required value: must be '${uid}'`,
      "spec.template.metadata.labels[batch.kubernetes.io/job-name]: Required value: must be 'pi'",
      'spec.template.metadata.labels: Invalid value: {"app":"pi"}: `selector` does not match template `labels`',
    ]],
    ['a hand-written selector without manualSelector', job({ selector: { matchLabels: { app: 'pi' } }, template: podTemplate({}, { ...generated, app: 'pi' }) }), [
      'spec.selector: Invalid value: {"matchLabels":{"app":"pi"}}: `selector` not auto-generated',
    ]],
    ['a hand-written selector with manualSelector', job({ manualSelector: true, selector: { matchLabels: { app: 'pi' } }, template: podTemplate({}, { app: 'pi' }) }), []],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(run('batch/Job', obj)).toEqual(expected);
  });

  it('rejects an Indexed Job whose last pod hostname is not a DNS label', () => {
    const name = 'a'.repeat(62);
    const obj = job({ completionMode: 'Indexed', completions: 10 }, { metadata: { name, namespace: 'default', uid } });
    const labels = { ...generated, 'batch.kubernetes.io/job-name': name, 'job-name': name };
    (obj.spec as Record<string, unknown>).template = podTemplate({}, labels);
    expect(run('batch/Job', obj)).toEqual([
      `metadata.name: Invalid value: "${name}": will not able to create pod with invalid DNS label: ${name}-9`,
    ]);
  });

  it('keeps selector, template and completions immutable on update', () => {
    const old = job();
    const changed = job({ completions: 2, template: podTemplate({ containers: [{ name: 'pi', image: 'perl:5' }] }) });
    expect(run('batch/Job', changed, old)).toEqual([
      'spec.completions: Invalid value: 2: field is immutable',
      `spec.template: Invalid value: ${JSON.stringify(podTemplate({ containers: [{ name: 'pi', image: 'perl:5' }] }))}: field is immutable`,
    ]);
  });

  it('lets a suspended Job that never started change its node selector', () => {
    const old = job({ suspend: true });
    expect(run('batch/Job', job({ suspend: true, template: podTemplate({ nodeSelector: { disk: 'ssd' } }) }), old)).toEqual([]);
    const running = job({ suspend: false });
    expect(run('batch/Job', job({ template: podTemplate({ nodeSelector: { disk: 'ssd' } }) }), running)).toHaveLength(1);
  });

  it('lets an Indexed Job scale completions together with parallelism', () => {
    const old = job({ completionMode: 'Indexed', completions: 3, parallelism: 3 });
    expect(run('batch/Job', job({ completionMode: 'Indexed', completions: 5, parallelism: 5 }), old)).toEqual([]);
    expect(run('batch/Job', job({ completionMode: 'Indexed', completions: 5, parallelism: 3 }), old)).toEqual([
      'spec.completions: Invalid value: 5: can only be modified in tandem with spec.parallelism',
    ]);
  });
});

describe('batch/CronJob', () => {
  const cases: [string, KubeObject, string[]][] = [
    ['a valid CronJob', cronJob(), []],
    ['no schedule', cronJob({ schedule: '' }), ['spec.schedule: Required value']],
    ['a schedule with one field', cronJob({ schedule: 'hourly' }), [
      'spec.schedule: Invalid value: "hourly": expected exactly 5 fields, found 1: [hourly]',
    ]],
    ['a schedule with seconds', cronJob({ schedule: '0 */5 * * * *' }), [
      'spec.schedule: Invalid value: "0 */5 * * * *": expected exactly 5 fields, found 6: [0 */5 * * * *]',
    ]],
    ['TZ in the schedule', cronJob({ schedule: 'TZ=UTC 0 * * * *' }), [
      'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ]],
    ['an unknown time zone', cronJob({ timeZone: 'Mars/Olympus_Mons' }), [
      'spec.timeZone: Invalid value: "Mars/Olympus_Mons": unknown time zone Mars/Olympus_Mons',
    ]],
    ['the Local time zone', cronJob({ timeZone: 'Local' }), [
      'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
    ]],
    ['an empty time zone', cronJob({ timeZone: '' }), ['spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string']],
    ['a real time zone', cronJob({ timeZone: 'Europe/Berlin' }), []],
    ['an unknown concurrencyPolicy', cronJob({ concurrencyPolicy: 'Sometimes' }), [
      'spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
    ]],
    ['a selector in the job template', cronJob({ jobTemplate: { spec: { selector: { matchLabels: { a: 'b' } }, template: podTemplate({}, {}) } } }), [
      'spec.jobTemplate.spec.selector: Invalid value: {"matchLabels":{"a":"b"}}: `selector` will be auto-generated',
    ]],
    ['restartPolicy Always in the job template', cronJob({ jobTemplate: { spec: { template: podTemplate({ restartPolicy: 'Always' }, {}) } } }), [
      'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ]],
    ['negative history limits', cronJob({ successfulJobsHistoryLimit: -1, startingDeadlineSeconds: -10 }), [
      'spec.startingDeadlineSeconds: Invalid value: -10: must be greater than or equal to 0',
      'spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
    ]],
    ['a 53-character name', cronJob({}, 'c'.repeat(53)), [`metadata.name: Invalid value: "${'c'.repeat(53)}": must be no more than 52 characters`]],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(run('batch/CronJob', obj)).toEqual(expected);
  });

  it('keeps an existing TZ= schedule valid on update, but not together with timeZone', () => {
    const old = cronJob({ schedule: 'TZ=UTC 0 * * * *' });
    expect(run('batch/CronJob', cronJob({ schedule: 'TZ=UTC 5 * * * *' }), old)).toEqual([]);
    expect(run('batch/CronJob', cronJob({ schedule: 'TZ=UTC 5 * * * *', timeZone: 'UTC' }), old)).toEqual([
      'spec.schedule: Invalid value: "TZ=UTC 5 * * * *": cannot use both timeZone field and TZ or CRON_TZ in schedule',
    ]);
  });
});
