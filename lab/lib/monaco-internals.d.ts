// The few internal monaco modules lib/monaco.ts reaches into (monaco-editor 0.52 ships types only
// for editor.api). Only what `prepareEditor` uses is declared.

declare module 'monaco-editor/esm/vs/base/browser/pixelRatio.js' {
  export const PixelRatio: { getInstance(targetWindow: Window): { readonly value: number } };
}

declare module 'monaco-editor/esm/vs/editor/common/config/editorOptions.js' {
  /** Every editor option, indexed by its EditorOption id. */
  export const editorOptionsRegistry: { readonly name: string; validate(input: unknown): unknown }[];
}

declare module 'monaco-editor/esm/vs/editor/common/config/fontInfo.js' {
  export class BareFontInfo {
    static createFromValidatedSettings(options: { get(id: number): unknown }, pixelRatio: number, ignoreEditorZoom: boolean): BareFontInfo;
  }
}

declare module 'monaco-editor/esm/vs/editor/browser/config/fontMeasurements.js' {
  import type { BareFontInfo } from 'monaco-editor/esm/vs/editor/common/config/fontInfo.js';
  export const FontMeasurements: { readFontInfo(targetWindow: Window, bareFontInfo: BareFontInfo): unknown };
}
