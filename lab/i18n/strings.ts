/**
 * Every string of the lab's own interface, in English and Simplified Chinese, in one table so a
 * missing translation is a type error. kubectl's output is never translated: it is what the real
 * kubectl prints.
 */

/** The languages the lab speaks. */
export type Lang = 'en' | 'zh-CN';

/** The languages, for the switch. */
export const langs: readonly Lang[] = ['en', 'zh-CN'];

const en = {
  appTitle: 'Kubelab',
  langName: 'English',
  language: 'Language',
  theme: 'Theme',
  themeLight: 'Light',
  themeDark: 'Dark',
  terminal: 'Terminal',
  terminalLabel: 'kubectl terminal',
  editor: 'Editor',
  editorLoading: 'Loading the editor…',
  editorLabel: 'YAML editor',
  apply: 'Apply',
  applyHint: 'Apply this file (Ctrl+S or Ctrl+Enter)',
  fileName: 'File name',
  cluster: 'Cluster',
  namespace: 'Namespace',
  allNamespaces: 'All namespaces',
  noPods: 'No pods',
  morePods: '+{count} more pods',
  unscheduled: 'Not scheduled',
  pods: 'pods',
  restarts: 'restarts',
  time: 'Cluster time',
  timeControls: 'Time controls',
  pause: 'Pause',
  play: 'Play',
  speed: 'Speed',
  step: 'Step 10 seconds',
  chaos: 'Nodes',
  addNode: 'Add node',
  failNode: 'Fail node',
  recoverNode: 'Recover node',
  nodeToFail: 'Node',
  details: 'Details',
  close: 'Close',
  yaml: 'YAML',
  events: 'Describe',
  placement: 'Scheduling',
  placedOn: 'Placed on {node}',
  whyPending: 'Why it is Pending',
  noDecision: 'The scheduler has not looked at this pod.',
  nodeRejected: 'rejected by {plugin}: {reasons}',
  nodeScore: 'score {score}',
  resizePane: 'Resize panes',
  workerStarting: 'Starting the cluster…',
  workerFailed: 'The cluster stopped: {error}',
  previewTitle: 'What Apply will change (server dry run)',
  previewing: 'Asking the API server (dry run)…',
  noChanges: 'No changes: the cluster already has this.',
  applyNow: 'Apply now',
  cancel: 'Cancel',
  newFile: 'New file',
  newFileName: 'Name of the new file',
  templates: 'Insert a template',
  history: 'History',
  historyEmpty: 'Nothing applied yet.',
  restoreFile: 'Restore {file}',
  resetFiles: 'Reset files',
  resetFilesConfirm: 'Delete all your files and their history, and start again?',
  conflict: '{file} was changed in another tab.',
  keepMine: 'Keep mine',
  takeTheirs: 'Load theirs',
  storageFull: 'Your files could not be saved ({error}). Your edits are still in the editor.',
  restored: 'The cluster was restored.',
  lesson: 'Lesson',
  lessons: 'Lessons',
  lessonPicker: 'Choose a lesson',
  playground: 'Playground (no lesson)',
  lessonLoading: 'Loading the lesson…',
  lessonMinutes: 'about {minutes} min',
  runInTerminal: 'Run in terminal',
  checks: 'Checks',
  checkPassed: 'passed',
  checkFailed: 'not yet',
  checksSummary: '{passed} of {total} checks pass',
  lessonComplete: 'Lesson complete: every check passes.',
  startOver: 'Start over',
  startOverConfirm: 'Start this lesson again with a fresh cluster? Your files stay.',
};

const zhCN: typeof en = {
  appTitle: 'Kubelab',
  langName: '简体中文',
  language: '语言',
  theme: '主题',
  themeLight: '浅色',
  themeDark: '深色',
  terminal: '终端',
  terminalLabel: 'kubectl 终端',
  editor: '编辑器',
  editorLoading: '正在加载编辑器…',
  editorLabel: 'YAML 编辑器',
  apply: '应用',
  applyHint: '应用此文件（Ctrl+S 或 Ctrl+Enter）',
  fileName: '文件名',
  cluster: '集群',
  namespace: '命名空间',
  allNamespaces: '所有命名空间',
  noPods: '没有 Pod',
  morePods: '另有 {count} 个 Pod',
  unscheduled: '未调度',
  pods: '个 Pod',
  restarts: '次重启',
  time: '集群时间',
  timeControls: '时间控制',
  pause: '暂停',
  play: '运行',
  speed: '速度',
  step: '前进 10 秒',
  chaos: '节点',
  addNode: '添加节点',
  failNode: '让节点故障',
  recoverNode: '恢复节点',
  nodeToFail: '节点',
  details: '详情',
  close: '关闭',
  yaml: 'YAML',
  events: '描述',
  placement: '调度',
  placedOn: '调度到 {node}',
  whyPending: '为什么处于 Pending',
  noDecision: '调度器还没有处理这个 Pod。',
  nodeRejected: '被 {plugin} 拒绝：{reasons}',
  nodeScore: '得分 {score}',
  resizePane: '调整面板大小',
  workerStarting: '正在启动集群…',
  workerFailed: '集群已停止：{error}',
  previewTitle: '应用将会改变什么（服务器端试运行）',
  previewing: '正在询问 API 服务器（试运行）…',
  noChanges: '没有变化：集群中已经是这样。',
  applyNow: '立即应用',
  cancel: '取消',
  newFile: '新建文件',
  newFileName: '新文件的名称',
  templates: '插入模板',
  history: '历史',
  historyEmpty: '还没有应用过任何文件。',
  restoreFile: '恢复 {file}',
  resetFiles: '重置文件',
  resetFilesConfirm: '删除你的所有文件和历史记录，重新开始？',
  conflict: '{file} 已在另一个标签页中被修改。',
  keepMine: '保留我的',
  takeTheirs: '载入对方的',
  storageFull: '无法保存你的文件（{error}）。你的修改仍在编辑器中。',
  restored: '集群已恢复。',
  lesson: '课程',
  lessons: '课程列表',
  lessonPicker: '选择课程',
  playground: '自由练习（无课程）',
  lessonLoading: '正在加载课程…',
  lessonMinutes: '约 {minutes} 分钟',
  runInTerminal: '在终端中运行',
  checks: '检查项',
  checkPassed: '已通过',
  checkFailed: '未通过',
  checksSummary: '{total} 项检查中已通过 {passed} 项',
  lessonComplete: '课程完成：所有检查均已通过。',
  startOver: '重新开始',
  startOverConfirm: '用全新的集群重新开始本课程？你的文件会保留。',
};

/** A key of the string table. */
export type StringKey = keyof typeof en;

/** The table: language → key → text (with `{name}` placeholders). */
export const strings: Record<Lang, Record<StringKey, string>> = { en, 'zh-CN': zhCN };

/** The language a `?lang=` value or a browser language asks for; English when none fits. */
export function pickLang(...wanted: (string | null | undefined)[]): Lang {
  for (const w of wanted) {
    if (!w) continue;
    if (w.toLowerCase().startsWith('zh')) return 'zh-CN';
    if (w.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}

/** Look a string up and fill its `{name}` placeholders. */
export function translate(lang: Lang, key: StringKey, values: Record<string, string | number> = {}): string {
  return strings[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
