/**
 * The grader's own sentences, in each lesson language. Words that come from Kubernetes stay as
 * Kubernetes writes them in every language — resource names (`pods`, `deployments.apps`), field
 * paths, label selectors, `configmaps "old" not found`, `the server doesn't have a resource type`,
 * and `kubectl rollout status`'s messages — because the learner sees exactly those in the terminal.
 */
import type { LessonLanguage } from './types.ts';

/** Every sentence the grader writes itself; values are already shown (strings bare, others as JSON). */
export interface GraderMessages {
  /** `pods with app=web`: the resource counted, with its label selector when there is one. */
  selected(resource: string, selector?: string): string;
  /** `3 of 5 pods with app=web match`: a count check with field conditions. */
  countMatching(matching: number, total: number, selected: string): string;
  /** `2 pods with app=web`: a count check without field conditions. */
  countPlain(matching: number, selected: string): string;
  /** What a failed count check wanted, appended to the count. */
  expected(bound: 'equals' | 'atLeast' | 'atMost', count: number): string;
  listFailed(resource: string, code: number): string;
  readFailed(resource: string, name: string, code: number): string;
  gone(resource: string, name: string): string;
  stillExists(resource: string, name: string): string;
  asExpected(resource: string, name: string): string;
  /** Joins the unmet field conditions of one object check. */
  joinProblems(problems: string[]): string;
  requestMade(what: string): string;
  requestNotMade(what: string): string;
  podNotRunning(from: string): string;
  httpStatus(url: string, status: number, expected: number): string;
  httpAnswered(url: string, status: number): string;
  httpMissing(url: string, text: string): string;
  httpNotJson(url: string): string;
  /** `url: problem` (network errors such as `timeout`, unmet JSON conditions, a JSON value read). */
  httpDetail(url: string, detail: string): string;
  jsonValue(path: string, value: string): string;
  fieldSetExpectedUnset(path: string, value: string): string;
  fieldNotSet(path: string): string;
  fieldIs(path: string, value: string, expected: string): string;
  fieldOneOf(path: string, value: string, choices: string[]): string;
  fieldAtLeast(path: string, value: string, bound: number): string;
  fieldAtMost(path: string, value: string, bound: number): string;
  fieldMissingText(path: string, text: string): string;
}

const english: GraderMessages = {
  selected: (resource, selector) => (selector ? `${resource} with ${selector}` : resource),
  countMatching: (matching, total, selected) => `${matching} of ${total} ${selected} match`,
  countPlain: (matching, selected) => `${matching} ${selected}`,
  expected: (bound, count) => `, expected ${bound === 'atLeast' ? 'at least ' : bound === 'atMost' ? 'at most ' : ''}${count}`,
  listFailed: (resource, code) => `listing ${resource} failed with ${code}`,
  readFailed: (resource, name, code) => `reading ${resource} "${name}" failed with ${code}`,
  gone: (resource, name) => `${resource} "${name}" is gone`,
  stillExists: (resource, name) => `${resource} "${name}" still exists`,
  asExpected: (resource, name) => `${resource} "${name}" is as expected`,
  joinProblems: (problems) => problems.join('; '),
  requestMade: (what) => `a ${what} request was made`,
  requestNotMade: (what) => `no ${what} request has been made yet`,
  podNotRunning: (from) => `pod ${from} is not running`,
  httpStatus: (url, status, expected) => `${url} answered ${status}, expected ${expected}`,
  httpAnswered: (url, status) => `${url} answered ${status}`,
  httpMissing: (url, text) => `${url} did not answer with "${text}"`,
  httpNotJson: (url) => `${url} did not answer with JSON`,
  httpDetail: (url, detail) => `${url}: ${detail}`,
  jsonValue: (path, value) => `${path} is ${value}`,
  fieldSetExpectedUnset: (path, value) => `${path} is set (${value}), expected it unset`,
  fieldNotSet: (path) => `${path} is not set`,
  fieldIs: (path, value, expected) => `${path} is ${value}, expected ${expected}`,
  fieldOneOf: (path, value, choices) => `${path} is ${value}, expected one of ${choices.join(', ')}`,
  fieldAtLeast: (path, value, bound) => `${path} is ${value}, expected at least ${bound}`,
  fieldAtMost: (path, value, bound) => `${path} is ${value}, expected at most ${bound}`,
  fieldMissingText: (path, text) => `${path} does not contain "${text}"`,
};

// Simplified Chinese in the register of the lessons' own zh-CN titles (`3 个带 app=web 标签的 Pod`):
// full-width punctuation between clauses, resource names and paths untranslated.
const chinese: GraderMessages = {
  selected: (resource, selector) => (selector ? `匹配 ${selector} 的 ${resource}` : resource),
  countMatching: (matching, total, selected) => `${selected}：共 ${total} 个，其中 ${matching} 个符合条件`,
  countPlain: (matching, selected) => `${selected}：${matching} 个`,
  expected: (bound, count) => `，应${bound === 'atLeast' ? '至少' : bound === 'atMost' ? '至多' : '为'} ${count} 个`,
  listFailed: (resource, code) => `列出 ${resource} 失败（${code}）`,
  readFailed: (resource, name, code) => `读取 ${resource} "${name}" 失败（${code}）`,
  gone: (resource, name) => `${resource} "${name}" 已删除`,
  stillExists: (resource, name) => `${resource} "${name}" 仍然存在`,
  asExpected: (resource, name) => `${resource} "${name}" 符合要求`,
  joinProblems: (problems) => problems.join('；'),
  requestMade: (what) => `已发出 ${what} 请求`,
  requestNotMade: (what) => `尚未发出 ${what} 请求`,
  podNotRunning: (from) => `Pod ${from} 未在运行`,
  httpStatus: (url, status, expected) => `${url} 返回 ${status}，应为 ${expected}`,
  httpAnswered: (url, status) => `${url} 返回 ${status}`,
  httpMissing: (url, text) => `${url} 的应答中没有 "${text}"`,
  httpNotJson: (url) => `${url} 的应答不是 JSON`,
  httpDetail: (url, detail) => `${url}：${detail}`,
  jsonValue: (path, value) => `${path} 为 ${value}`,
  fieldSetExpectedUnset: (path, value) => `${path} 已设置（${value}），应为未设置`,
  fieldNotSet: (path) => `${path} 未设置`,
  fieldIs: (path, value, expected) => `${path} 为 ${value}，应为 ${expected}`,
  fieldOneOf: (path, value, choices) => `${path} 为 ${value}，应为以下之一：${choices.join('、')}`,
  fieldAtLeast: (path, value, bound) => `${path} 为 ${value}，应至少为 ${bound}`,
  fieldAtMost: (path, value, bound) => `${path} 为 ${value}，应至多为 ${bound}`,
  fieldMissingText: (path, text) => `${path} 不包含 "${text}"`,
};

const catalogue: Record<LessonLanguage, GraderMessages> = { en: english, 'zh-CN': chinese };

/** The grader's sentences in a lesson language (English for any language without its own). */
export function graderMessages(language: LessonLanguage = 'en'): GraderMessages {
  return catalogue[language] ?? english;
}
