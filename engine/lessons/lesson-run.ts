/**
 * A lesson on a cluster: put its start objects in place, then grade the learner's work. The start
 * objects are applied with the emulated kubectl as an admin would, and cluster time runs until they
 * are up, so the lesson opens on a settled cluster; the audit log counts only what comes after.
 */
import type { Cluster } from '../cluster.ts';
import { KubectlSession } from '../kubectl/session.ts';
import { grade, type GraderEnv, type ResourceLocation } from './grader.ts';
import { parseScript, runScript, type StepResult } from './script.ts';
import type { CheckResult, Lesson, LessonLanguage } from './types.ts';

/** How long the start objects get to come up before the learner starts. */
const startSettleMs = 60_000;

/** Where a resource (`deployments`, `deployments.apps`) is served in this cluster, at its preferred version. */
export function locateResource(cluster: Cluster, name: string): ResourceLocation | undefined {
  const dot = name.indexOf('.');
  const resource = dot < 0 ? name : name.slice(0, dot);
  const group = dot < 0 ? undefined : name.slice(dot + 1);
  const registry = cluster.api.context.registry;
  const matches = registry.all().filter((r) => r.resource === resource && (group === undefined || r.group === group));
  if (!matches.length) return undefined;
  const preferred = registry.groupVersions(matches[0].group)[0];
  const info = matches.find((r) => r.version === preferred) ?? matches[0];
  return { group: info.group, version: info.version, resource: info.resource, kind: info.kind, namespaced: info.namespaced };
}

/** A grader's view of a cluster, counting audit records from `since`. */
export function graderEnv(cluster: Cluster, since: number): GraderEnv {
  return {
    handle: (request) => cluster.api.handle(request),
    locate: (name) => locateResource(cluster, name),
    audit: (from) => cluster.audit.query({ since: from }),
    fetch: (request) => cluster.network.fetchInCluster(request),
    since,
  };
}

/** Apply the lesson's start objects and let them come up; returns the virtual time (ms) the learner starts at. */
export function startLesson(cluster: Cluster, lesson: Lesson): number {
  const session = new KubectlSession(cluster);
  for (const path of Object.keys(lesson.start).sort()) {
    if (!/\.(ya?ml|json)$/.test(path)) continue;
    const result = session.run(`kubectl apply -f start/${path}`, { files: lesson.folderFiles });
    if (result.exitCode !== 0) throw new Error(`${lesson.folder}/start/${path}: ${result.stderr.trim()}`);
  }
  // Nothing to bring up: the learner starts at once (the lab's first answer comes sooner).
  if (Object.keys(lesson.start).some((path) => /\.(ya?ml|json)$/.test(path))) cluster.advance(startSettleMs);
  return cluster.now();
}

/** Grade a lesson's checks on a cluster. */
export function gradeLesson(cluster: Cluster, lesson: Lesson, since: number, language: LessonLanguage = 'en'): CheckResult[] {
  return grade(graderEnv(cluster, since), lesson.checks, language);
}

/** Run a lesson script (its solution or a wrong answer) with the emulated kubectl, as a learner would type it. */
export function runLessonScript(cluster: Cluster, lesson: Lesson, source: string, name: string, session = new KubectlSession(cluster)): StepResult[] {
  return runScript(parseScript(source, name), {
    kubectl: (line, files, stdin) => session.run(line, { files, stdin }),
    advance: (ms) => cluster.advance(ms),
  }, lesson.folderFiles);
}
