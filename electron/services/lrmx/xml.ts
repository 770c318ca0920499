/**
 * A small, deliberately strict XML reader for .lrmx files (and nothing else).
 *
 * Safe by construction:
 * - no DTD at all: any `<!DOCTYPE` or `<!ENTITY` is refused, so there is no
 *   entity expansion (billion laughs) and no external entity (XXE);
 * - only the five predefined entities and numeric character references;
 * - an iterative parser (no recursion) with a nesting-depth limit, an element
 *   count limit and a size limit checked before decoding;
 * - bytes are decoded strictly: UTF-8 (with or without BOM), UTF-16 with a BOM,
 *   or GB18030/GBK/GB2312 when the XML declaration says so. Anything else is
 *   refused with a Chinese message instead of being read as mojibake.
 *
 * Every failure is an XmlError whose message is plain Chinese for the user.
 */

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export interface XmlLimits {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Deepest element nesting (the root is depth 1). */
  maxDepth: number;
  /** Most elements in one document. */
  maxElements: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxDepth: 32,
  maxElements: 20_000,
};

const GB_ENCODINGS = new Set(['gb18030', 'gbk', 'gb2312', 'gb_2312-80', 'x-gbk', 'cp936', 'windows-936']);
const UTF8_NAMES = new Set(['utf-8', 'utf8']);

/** The encoding named in `<?xml … encoding="…"?>`, lower-cased, read from ASCII bytes. */
function declaredEncoding(bytes: Uint8Array): string | null {
  const head = String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, 200)));
  const decl = /^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return decl ? decl[1].toLowerCase() : null;
}

function strictDecode(bytes: Uint8Array, encoding: string, shown: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new XmlError(
      encoding === 'utf-8'
        ? `文件内容不是有效的 UTF-8 编码（${shown}）。请用任免审批表软件重新导出，或另存为 UTF-8 编码后再导入。`
        : `文件内容与声明的编码 ${shown} 不符，无法读取。`,
    );
  }
}

/** Bytes → text, strictly, following the BOM or the XML declaration. */
export function decodeXmlBytes(bytes: Uint8Array, limits: XmlLimits = DEFAULT_XML_LIMITS): string {
  if (bytes.length === 0) throw new XmlError('文件是空的（0 字节），不是任免审批表文件。');
  if (bytes.length > limits.maxBytes) {
    throw new XmlError(`文件过大（${(bytes.length / 1024 / 1024).toFixed(1)} MB），任免审批表文件一般不超过 ${Math.round(limits.maxBytes / 1024 / 1024)} MB。`);
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return strictDecode(bytes.subarray(3), 'utf-8', '带 BOM 的 UTF-8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return strictDecode(bytes.subarray(2), 'utf-16le', 'UTF-16LE');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return strictDecode(bytes.subarray(2), 'utf-16be', 'UTF-16BE');
  const declared = declaredEncoding(bytes);
  if (declared === null || UTF8_NAMES.has(declared)) return strictDecode(bytes, 'utf-8', declared ? `声明为 ${declared}` : '未声明编码');
  if (GB_ENCODINGS.has(declared)) return strictDecode(bytes, 'gb18030', declared.toUpperCase());
  throw new XmlError(`不支持文件声明的编码「${declared}」，请另存为 UTF-8 编码后再导入。`);
}

const NAME_START =
  /[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;
const NAME_CHAR =
  /[A-Za-z0-9_:.\-\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** A code point XML 1.0 allows in a document. */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/**
 * Parses a whole document and returns its root element. Comments, processing
 * instructions and the XML declaration are skipped; CDATA becomes text.
 */
export function parseXml(input: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  // XML end-of-line handling: CRLF and lone CR become LF.
  const s = input.replace(/\r\n?/g, '\n');
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let elements = 0;

  const lineAt = (pos: number) => {
    let line = 1;
    for (let k = 0; k < pos && k < s.length; k++) if (s.charCodeAt(k) === 10) line++;
    return line;
  };
  const fail = (msg: string, pos = i): never => {
    throw new XmlError(`文件不是格式正确的 XML（第 ${lineAt(pos)} 行）：${msg}`);
  };

  const decodeText = (raw: string, at: number): string => {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&\s<]{0,32})(;?)/g, (_m, body: string, semi: string) => {
      if (!semi) return fail('“&” 后缺少实体名或分号（文本中的 & 应写作 &amp;）', at);
      if (body.startsWith('#')) {
        const cp = /^#x[0-9A-Fa-f]{1,6}$/.test(body) ? parseInt(body.slice(2), 16) : /^#[0-9]{1,7}$/.test(body) ? parseInt(body.slice(1), 10) : NaN;
        if (!Number.isFinite(cp) || !isXmlChar(cp)) return fail(`无效的字符引用 &${body};`, at);
        return String.fromCodePoint(cp);
      }
      if (Object.prototype.hasOwnProperty.call(PREDEFINED, body)) return PREDEFINED[body];
      return fail(`未定义的实体 &${body};（出于安全原因不支持自定义实体）`, at);
    });
  };

  const readName = (): string => {
    const start = i;
    if (i >= s.length || !NAME_START.test(s[i])) fail('缺少元素名或属性名');
    i++;
    while (i < s.length && NAME_CHAR.test(s[i])) i++;
    return s.slice(start, i);
  };
  const skipSpace = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\n' || s[i] === '\t')) i++;
  };
  const addText = (text: string) => {
    if (text === '') return;
    const parent = stack[stack.length - 1];
    if (!parent) {
      if (text.trim() !== '') fail('根元素之外出现了文本');
      return;
    }
    const last = parent.children[parent.children.length - 1];
    if (typeof last === 'string') parent.children[parent.children.length - 1] = last + text;
    else parent.children.push(text);
  };

  // The document must not contain characters XML forbids (e.g. NUL from a binary file).
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x20 && c !== 0x9 && c !== 0xa) fail(`含有不允许的控制字符（U+${c.toString(16).padStart(4, '0').toUpperCase()}），可能不是文本文件`, k);
    if (c === 0xfffe || c === 0xffff) fail('含有不允许的字符', k);
  }
  if (s.charCodeAt(0) === 0xfeff) i = 1;

  while (i < s.length) {
    const lt = s.indexOf('<', i);
    if (lt < 0) {
      addText(decodeText(s.slice(i), i));
      i = s.length;
      break;
    }
    if (lt > i) {
      const raw = s.slice(i, lt);
      if (raw.includes(']]>')) fail('文本中出现了 “]]>”', i);
      addText(decodeText(raw, i));
    }
    i = lt;
    if (s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i + 4);
      if (end < 0) fail('注释没有结束');
      i = end + 3;
      continue;
    }
    if (s.startsWith('<![CDATA[', i)) {
      if (!stack.length) fail('根元素之外出现了 CDATA');
      const end = s.indexOf(']]>', i + 9);
      if (end < 0) fail('CDATA 没有结束');
      addText(s.slice(i + 9, end));
      i = end + 3;
      continue;
    }
    if (s.startsWith('<!', i)) {
      const word = /^<!([A-Za-z]*)/.exec(s.slice(i, i + 12))?.[1]?.toUpperCase() ?? '';
      if (word === 'DOCTYPE' || word === 'ENTITY') {
        throw new XmlError(`文件含有文档类型定义（<!${word}>），出于安全原因拒绝读取。任免审批表文件不应包含此类内容。`);
      }
      fail(`不支持的标记 <!${word}`);
    }
    if (s.startsWith('<?', i)) {
      const end = s.indexOf('?>', i + 2);
      if (end < 0) fail('处理指令没有结束');
      i = end + 2;
      continue;
    }
    if (s.startsWith('</', i)) {
      i += 2;
      const name = readName();
      skipSpace();
      if (s[i] !== '>') fail(`结束标签 </${name}> 格式不正确`);
      i++;
      const open = stack.pop();
      if (!open) fail(`多余的结束标签 </${name}>`);
      else if (open.name !== name) fail(`结束标签 </${name}> 与开始标签 <${open.name}> 不匹配`);
      continue;
    }
    // A start tag.
    i++;
    const name = readName();
    const el: XmlElement = { name, attrs: Object.create(null) as Record<string, string>, children: [] };
    for (;;) {
      const before = i;
      skipSpace();
      if (s.startsWith('/>', i) || s[i] === '>') break;
      if (i === before) fail(`标签 <${name}> 格式不正确`);
      const attr = readName();
      skipSpace();
      if (s[i] !== '=') fail(`属性 ${attr} 缺少 “=”`);
      i++;
      skipSpace();
      const quote = s[i];
      if (quote !== '"' && quote !== "'") fail(`属性 ${attr} 的值缺少引号`);
      const end = s.indexOf(quote, i + 1);
      if (end < 0) fail(`属性 ${attr} 的值没有结束`);
      const raw = s.slice(i + 1, end);
      if (raw.includes('<')) fail(`属性 ${attr} 的值含有 “<”`);
      if (Object.prototype.hasOwnProperty.call(el.attrs, attr)) fail(`属性 ${attr} 重复`);
      el.attrs[attr] = decodeText(raw, i).replace(/[\n\t]/g, ' ');
      i = end + 1;
    }
    if (stack.length === 0) {
      if (root) fail('文件含有多个根元素');
      root = el;
    } else {
      stack[stack.length - 1].children.push(el);
    }
    if (++elements > limits.maxElements) throw new XmlError(`文件包含的元素过多（超过 ${limits.maxElements} 个），不是正常的任免审批表文件。`);
    if (s[i] === '/') {
      i += 2;
    } else {
      i++;
      stack.push(el);
      if (stack.length > limits.maxDepth) {
        throw new XmlError(`文件的元素嵌套过深（超过 ${limits.maxDepth} 层），不是正常的任免审批表文件。`);
      }
    }
  }
  if (stack.length) fail(`元素 <${stack[stack.length - 1].name}> 没有结束（文件可能不完整）`, s.length);
  if (!root) throw new XmlError('文件中没有找到 XML 内容，不是任免审批表文件。');
  return root;
}

/** Bytes → root element, with every check above. */
export function readXmlDocument(bytes: Uint8Array, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  return parseXml(decodeXmlBytes(bytes, limits), limits);
}

/** The concatenated text of an element (its own text and CDATA, not its children's). */
export function textOf(el: XmlElement): string {
  return el.children.filter((c): c is string => typeof c === 'string').join('');
}

export function childElements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string');
}

/** Escapes text for element content (and attribute values). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, c => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

/**
 * Characters XML 1.0 cannot carry at all (control characters other than tab,
 * LF and CR; lone surrogates; U+FFFE/U+FFFF) are dropped on writing, so the
 * written file always parses. CR is written as &#13; so it survives reading.
 */
export function xmlSafeText(text: string): string {
  return escapeXml(
    text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, ''),
  ).replace(/\r/g, '&#13;');
}
