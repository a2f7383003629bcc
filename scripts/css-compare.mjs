#!/usr/bin/env node
// Compares two built CSS bundles for "no visual change" after moving rules between files
// (issue 19: components with their styles). Usage:
//   node scripts/css-compare.mjs before.css after.css
// Parses both into rules (selector + declarations, inside their @media/@supports chain),
// checks the two multisets are equal, and checks that every pair of rules that could match
// the same element (their subject compounds share a class, id or tag, or one has none)
// keeps its relative order. Exit 0 when both hold; prints the differences otherwise.
import { readFileSync } from 'node:fs';

/** Splits a CSS text into top-level items: { prelude, body } or { statement }. */
function items(css) {
  const out = [];
  let i = 0;
  let start = 0;
  while (i < css.length) {
    const c = css[i];
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end < 0 ? css.length : end + 2;
      if (css.slice(start, i).trim().startsWith('/*')) start = i;
      continue;
    }
    if (c === '"' || c === "'") {
      i = skipString(css, i);
      continue;
    }
    if (c === ';') {
      const statement = css.slice(start, i).trim();
      if (statement) out.push({ statement });
      start = ++i;
      continue;
    }
    if (c === '{') {
      const prelude = css.slice(start, i).trim();
      const close = matching(css, i);
      out.push({ prelude, body: css.slice(i + 1, close) });
      start = i = close + 1;
      continue;
    }
    i++;
  }
  const rest = css.slice(start).trim();
  if (rest && !rest.startsWith('/*')) out.push({ statement: rest });
  return out;
}

function skipString(css, i) {
  const q = css[i];
  i++;
  while (i < css.length && css[i] !== q) i += css[i] === '\\' ? 2 : 1;
  return i + 1;
}

function matching(css, open) {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    const c = css[i];
    if (c === '"' || c === "'") {
      i = skipString(css, i) - 1;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  throw new Error(`unbalanced braces at ${open}`);
}

const norm = (s) => s.replace(/\s+/g, ' ').trim();

/** Flattens into rules: { context, selector, decls, key }. */
function rules(css, context = '') {
  const out = [];
  for (const it of items(css)) {
    if (it.statement) {
      out.push({ context, selector: '@' + norm(it.statement), decls: '', atomic: true });
    } else if (/^@(media|supports|layer|container)\b/.test(it.prelude)) {
      out.push(...rules(it.body, `${context}${norm(it.prelude)} > `));
    } else if (it.prelude.startsWith('@')) {
      out.push({ context, selector: norm(it.prelude), decls: norm(it.body), atomic: true });
    } else {
      // nested CSS is not used by the kiosk; a body with a block is kept whole
      const decls = it.body.includes('{') ? norm(it.body) : it.body.split(';').map(norm).filter(Boolean).join('; ');
      out.push({ context, selector: norm(it.prelude), decls, atomic: false });
    }
  }
  return out.map((r) => ({ ...r, key: `${r.context}${r.selector} { ${r.decls} }` }));
}

/** Tokens (.class, #id, tag) of the subject compound of each selector in a list; null = could match anything. */
function subjects(selector) {
  const tokens = new Set();
  for (const part of selector.split(/,(?![^(]*\))/)) {
    const compound = part.trim().split(/\s*[\s>+~]\s*(?![^(]*\))/).pop() ?? '';
    const bare = compound.replace(/:not\([^)]*\)/g, '').replace(/::?[\w-]+(\([^)]*\))?/g, '').replace(/\[[^\]]*\]/g, '');
    const found = bare.match(/[.#][\w-]+|^[a-zA-Z][\w-]*/g);
    if (!found || found.every((t) => t === 'html' || t === 'body' || t === '*')) return null;
    for (const t of found) tokens.add(t);
  }
  return tokens;
}

function mayOverlap(a, b) {
  if (a.atomic || b.atomic) return a.selector === b.selector;
  const sa = subjects(a.selector);
  const sb = subjects(b.selector);
  if (!sa || !sb) return true;
  for (const t of sa) if (sb.has(t)) return true;
  // a bare tag subject meets a class on the same element (e.g. `button` and `.btn`)
  const tagOnly = (s) => [...s].some((t) => /^[a-z]/i.test(t));
  return tagOnly(sa) || tagOnly(sb);
}

const [beforePath, afterPath] = process.argv.slice(2);
if (!beforePath || !afterPath) {
  console.error('usage: node scripts/css-compare.mjs before.css after.css');
  process.exit(2);
}
const before = rules(readFileSync(beforePath, 'utf8'));
const after = rules(readFileSync(afterPath, 'utf8'));

const count = (list) => list.reduce((m, r) => m.set(r.key, (m.get(r.key) ?? 0) + 1), new Map());
const cb = count(before);
const ca = count(after);
let problems = 0;
for (const [k, n] of cb) {
  if ((ca.get(k) ?? 0) === n) continue;
  problems++;
  console.log(`only before (${n} vs ${ca.get(k) ?? 0}): ${k}`);
}
for (const [k, n] of ca) {
  if (cb.has(k)) continue;
  problems++;
  console.log(`only after (${n}): ${k}`);
}

// position of each occurrence in "after" (k-th occurrence of a key maps to the k-th)
const seen = new Map();
const posAfter = new Map();
after.forEach((r, i) => {
  const k = r.key;
  const n = (seen.get(k) ?? 0) + 1;
  seen.set(k, n);
  posAfter.set(`${k}#${n}`, i);
});
seen.clear();
const mapped = before.map((r) => {
  const n = (seen.get(r.key) ?? 0) + 1;
  seen.set(r.key, n);
  return { r, at: posAfter.get(`${r.key}#${n}`) };
});
let moved = 0;
let swapped = 0;
for (let i = 0; i < mapped.length; i++) {
  for (let j = i + 1; j < mapped.length; j++) {
    const a = mapped[i];
    const b = mapped[j];
    if (a.at === undefined || b.at === undefined || a.at < b.at) continue;
    moved++;
    // rules in different media queries can both apply: they are compared too
    if (mayOverlap(a.r, b.r)) {
      swapped++;
      problems++;
      if (swapped <= 40) console.log(`order changed: «${a.r.key.slice(0, 120)}» now after «${b.r.key.slice(0, 120)}»`);
    }
  }
}
console.log(
  `${before.length} rules before, ${after.length} after; ${moved} pairs reordered, ${swapped} of them may match the same element; ${problems === 0 ? 'SAME' : 'DIFFERENT'}`,
);
process.exit(problems === 0 ? 0 : 1);
