/**
 * The lesson format of DESIGN.md contract 5, as data: a lesson folder (`lessons/NN-ID/`) read into
 * one object, and the closed set of check kinds its `checks.yaml` may use.
 */

/** A lesson folder's files, by path relative to the `lessons/` folder (`01-apply/lesson.md`). */
export type LessonBundle = Record<string, string>;

/** The languages lessons and check titles come in. */
export type LessonLanguage = 'en' | 'zh-CN';

/** Text in each language; English is required, Chinese falls back to it. */
export interface LocalizedText {
  en: string;
  'zh-CN'?: string;
}

/** One condition on a field of an object, by path (`spec.replicas`, `metadata.annotations['a/b']`). */
export interface FieldExpectation {
  path: string;
  equals?: string | number | boolean;
  oneOf?: (string | number | boolean)[];
  atLeast?: number;
  atMost?: number;
  /** A substring of the field's text. */
  contains?: string;
  /** true: the field must be set; false: it must be absent. */
  exists?: boolean;
}

interface CheckBase {
  id: string;
  title: LocalizedText;
}

/** An object of a resource exists (or, with `absent`, does not), and its fields are as expected. */
export interface ObjectCheck extends CheckBase {
  type: 'object';
  resource: string;
  name: string;
  namespace?: string;
  absent?: boolean;
  fields?: FieldExpectation[];
}

/** How many objects of a resource match a label selector and field expectations. */
export interface CountCheck extends CheckBase {
  type: 'count';
  resource: string;
  namespace?: string;
  selector?: string;
  where?: FieldExpectation[];
  equals?: number;
  atLeast?: number;
  atMost?: number;
}

/** A Deployment, StatefulSet or DaemonSet has finished rolling out, as `kubectl rollout status` judges it. */
export interface RolloutCheck extends CheckBase {
  type: 'rollout';
  resource: 'deployments' | 'statefulsets' | 'daemonsets';
  name: string;
  namespace?: string;
}

/** The learner made a request: the API server's audit log since the lesson started. */
export interface AuditCheck extends CheckBase {
  type: 'audit';
  verb: string;
  resource: string;
  subresource?: string;
  name?: string;
  namespace?: string;
  /** Only requests answered with this code (default: any 2xx). */
  code?: number;
}

/** An HTTP request from a node into the cluster network answers as expected (Services, Ingress, Elasticsearch). */
export interface HttpCheck extends CheckBase {
  type: 'http';
  url: string;
  /** `namespace/pod` the request is sent from (its DNS, its policies); default: the control-plane node. */
  from?: string;
  method?: string;
  status?: number;
  contains?: string;
  /** A number in the JSON answer, by path (`count` for Elasticsearch's `_count`). */
  json?: FieldExpectation;
}

/** One check of a lesson. */
export type Check = ObjectCheck | CountCheck | RolloutCheck | AuditCheck | HttpCheck;

/** A check's outcome, as the control API's `checks` returns it. */
export interface CheckResult {
  id: string;
  title: string;
  passed: boolean;
  message: string;
}

/** A lesson read from its folder. */
export interface Lesson {
  id: string;
  /** The folder name (`01-apply`): lessons are ordered by it. */
  folder: string;
  title: LocalizedText;
  summary: LocalizedText;
  /** Minutes a learner needs, as the front matter says. */
  time: number;
  /** The steps, as Markdown, per language. */
  body: LocalizedText;
  checks: Check[];
  /** Files of `start/`: objects present when the lesson starts, by path relative to the lesson folder. */
  start: Record<string, string>;
  /** Files of `files/`: the learner's workspace at the start, by path relative to `files/`. */
  files: Record<string, string>;
  /** Every file of the lesson folder, by path relative to it: what solution scripts read with `-f`. */
  folderFiles: Record<string, string>;
  solution: string;
  /** Known wrong answers, by file name in `wrong/`. */
  wrong: Record<string, string>;
}
