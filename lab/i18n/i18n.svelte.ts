/**
 * The current language as reactive state: `?lang=zh-CN`, else the browser's language; the switch
 * changes it and keeps it in the URL so a reload keeps it.
 */
import { pickLang, translate, type Lang, type StringKey } from './strings.ts';

const state = $state({ lang: pickLang(new URLSearchParams(location.search).get('lang'), navigator.language) });

/** The current language. */
export function currentLang(): Lang {
  return state.lang;
}

/** Switch language (and the `lang` query parameter). */
export function setLang(lang: Lang): void {
  state.lang = lang;
  document.documentElement.lang = lang;
  const url = new URL(location.href);
  url.searchParams.set('lang', lang);
  history.replaceState(null, '', url);
}

/** A string in the current language; reading it inside a template makes the template follow the switch. */
export function t(key: StringKey, values?: Record<string, string | number>): string {
  return translate(state.lang, key, values);
}
