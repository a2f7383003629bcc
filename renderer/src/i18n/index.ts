/**
 * i18n: the one place the UI's words come from. Layer: renderer (pure).
 * Vietnamese first; English second.
 */
import { strings, type StringKey } from './strings.ts';

export type Lang = 'vi' | 'en';
export { strings, type StringKey };

export type Params = Record<string, string | number>;

/** Fill `{name}` placeholders; unknown placeholders stay visible so a test can catch them. */
export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function t(lang: Lang, key: StringKey, params?: Params): string {
  return format(strings[key][lang], params);
}

/** Text from the catalogue or the config: {vi, en}. */
export function loc(lang: Lang, text: { vi: string; en: string } | null | undefined): string {
  if (!text) return '';
  return text[lang] || text.vi;
}

/** A translator bound to one language, handed to screens. */
export type T = (key: StringKey, params?: Params) => string;
export function translator(lang: Lang): T {
  return (key, params) => t(lang, key, params);
}

/** Numbers the Vietnamese way (20.000) or the English way (20,000). */
export function formatNumber(lang: Lang, n: number): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n);
}
