/**
 * Person names: the one home of name clean-up and of the pinyin search keys
 * ('zhangsan zs') the roster search matches against.
 */
import { pinyin } from 'pinyin-pro';

/** Middle-dot look-alikes that sheets use in minority names (阿依古丽·买买提). */
const DOT_VARIANTS = /[\u30FB\u2022\uFF0E\u2027\uFF65\u2219\u22C5\u2E31]/g; // ・ • ． ‧ ･ ∙ ⋅ ⸱
const CJK = '\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF';
/** An ASCII full stop between two Chinese characters is a mistyped middle dot. */
const DOT_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])\\s*\\.\\s*(?=[${CJK}])`, 'g');
const LATIN = /[A-Za-z\u00C0-\u024F]/;

/** Full-width ASCII (Ａ, １) → half-width. */
function halfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, c => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * '张　三' / ' 张 三 ' → '张三'; 'John  Smith' → 'John Smith'; '阿依古丽・买买提' → '阿依古丽·买买提'.
 * Whitespace (ASCII, full-width U+3000, no-break) survives only as one space between two
 * Latin letters; every middle-dot variant becomes U+00B7 '·' with no spaces around it.
 */
export function normalizePersonName(raw: string): string {
  const s = halfWidth(
    String(raw ?? '')
      .replace(DOT_VARIANTS, '·')
      .replace(DOT_BETWEEN_CJK, '·'),
  );
  return s
    .replace(/\s+/g, (run, at: number, all: string) => (LATIN.test(all[at - 1] ?? '') && LATIN.test(all[at + run.length] ?? '') ? ' ' : ''))
    .replace(/·{2,}/g, '·')
    .replace(/^·+|·+$/g, '');
}

/**
 * The search key of a name: full pinyin without tones or spaces, a space, the initials —
 * '张三' → 'zhangsan zs', '单雄' → 'shanxiong sx' (the first character read as a surname:
 * 单 shan, 曾 zeng, 解 xie, 仇 qiu, 朴 piao), '吕布' → 'lvbu lb' (ü typed as v).
 * Latin words count whole in the full key and by their first letter in the initials.
 * '' when the name has nothing to spell.
 */
export function pinyinKeys(name: string): string {
  const chars = pinyin(normalizePersonName(name), { toneType: 'none', type: 'all', surname: 'head', v: true });
  let full = '';
  let initials = '';
  let inWord = false;
  for (const c of chars) {
    if (c.isZh) {
      const spelled = c.pinyin.toLowerCase().replace(/[^a-z]/g, '');
      full += spelled;
      initials += spelled.slice(0, 1);
      inWord = false;
    } else if (/^[A-Za-z0-9]$/.test(c.origin)) {
      const ch = c.origin.toLowerCase();
      full += ch;
      if (!inWord) initials += ch;
      inWord = true;
    } else {
      inWord = false;
    }
  }
  return full === '' ? '' : `${full} ${initials}`;
}

/**
 * Does a typed query match a key from pinyinKeys? Initials match from the start
 * of the name ('zs' finds 张三 and 张淑杰, not 李志山); the full spelling matches
 * anywhere ('zhangsan' / 'zhang' / 'san'). Case, spaces and ü/v are ignored. A query with anything but letters (e.g. '张') never matches
 * here — the caller matches it against the name itself; an empty query matches everything.
 */
export function matchesPinyin(keys: string, query: string): boolean {
  const q = query.toLowerCase().replace(/\s+/g, '').replace(/ü/g, 'v');
  if (q === '') return true;
  if (!/^[a-z0-9]+$/.test(q)) return false;
  const [full = '', initials = ''] = keys.split(' ');
  return full.includes(q) || initials.startsWith(q);
}

/**
 * The key stored with a name (cadres.name_keys): its syllables separated by
 * spaces, which sorts names by pinyin syllable by syllable (陈 chen before
 * 程 cheng, 白皓琦 and 柏皓鑫 side by side), then '|' and the search keys
 * of pinyinKeys ('chen guo shan|chenguoshan cgs').
 */
export function nameSortAndSearchKeys(name: string): string {
  const syllables = pinyin(normalizePersonName(name), { toneType: 'none', type: 'array', surname: 'head', v: true })
    .map(s => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  return `${syllables.join(' ')}|${pinyinKeys(name)}`;
}
