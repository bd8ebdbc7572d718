/**
 * The files a workspace starts with: a lesson's `files/`, or — for the playground and a lesson
 * without files — one small ConfigMap, so the editor never opens empty.
 */

/** The file a workspace gets when its lesson brings none. */
export const defaultStarter: Readonly<Record<string, string>> = Object.freeze({
  'app.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: greeting
data:
  message: hello from the editor
`,
});

/** A lesson's starting files, or the default file when it has none. */
export function startingFiles(lessonFiles: Record<string, string> | undefined): Record<string, string> {
  return lessonFiles && Object.keys(lessonFiles).length ? lessonFiles : { ...defaultStarter };
}
