/**
 * Small builders for writing bootstrap policy as data: `rule(verbs, groups, resources)` reads like
 * one item of a role's `rules:` list, and the verb sets repeat the names policy.go gives them.
 */
import type { PolicyRule } from './types.ts';

/** get, list, watch. */
export const read = ['get', 'list', 'watch'];
/** create, delete, deletecollection, patch, update. */
export const readWrite = ['create', 'delete', 'deletecollection', 'patch', 'update'];

/** A resource rule; `names` become resourceNames. */
export function rule(verbs: string[], apiGroups: string[], resources: string[], names?: string[]): PolicyRule {
  return names ? { verbs, apiGroups, resources, resourceNames: names } : { verbs, apiGroups, resources };
}

/** A non-resource URL rule. */
export function urlRule(verbs: string[], urls: string[]): PolicyRule {
  return { verbs, nonResourceURLs: urls };
}

/** Every controller and system component may record events, in both event API groups. */
export const eventsRule = rule(['create', 'patch', 'update'], ['', 'events.k8s.io'], ['events']);
