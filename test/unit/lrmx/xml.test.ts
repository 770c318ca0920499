import { describe, expect, it } from 'vitest';
import { decodeXmlBytes, parseXml, readXmlDocument, textOf, XmlError, xmlSafeText, childElements } from '../../../electron/services/lrmx/xml';

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const fails = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(XmlError);
    return (err as Error).message;
  }
  throw new Error('expected an XmlError');
};

describe('the safe XML reader', () => {
  it('reads elements, attributes, the five entities, character references, CDATA and comments', () => {
    const root = readXmlDocument(
      utf8(
        '<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- note --><Person a="1 &amp; 2"><A>x &lt; y &gt; z &amp; &quot;q&quot; &apos;s&apos; &#20013;&#x6587;</A><B><![CDATA[<raw> & ]]></B><C/><?pi x?></Person>',
      ),
    );
    expect(root.name).toBe('Person');
    expect(root.attrs.a).toBe('1 & 2');
    const [a, b, c] = childElements(root);
    expect(textOf(a)).toBe(`x < y > z & "q" 's' 中文`);
    expect(textOf(b)).toBe('<raw> & ');
    expect(c.name).toBe('C');
  });

  it('normalises CRLF to LF and keeps an escaped CR', () => {
    expect(textOf(parseXml('<a>1\r\n2\r3&#13;</a>'))).toBe('1\n2\n3\r');
  });

  it('decodes UTF-8 with and without a BOM, UTF-16 with a BOM, and declared GB18030/GBK', () => {
    const doc = '<Person><XingMing>张三</XingMing></Person>';
    expect(textOf(childElements(readXmlDocument(utf8(doc)))[0])).toBe('张三');
    expect(textOf(childElements(readXmlDocument(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(doc)])))[0])).toBe('张三');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc, 'utf16le')]);
    expect(textOf(childElements(readXmlDocument(le))[0])).toBe('张三');
    // 张三 in GBK: D5 C5 C8 FD
    for (const enc of ['GB18030', 'GBK', 'gb2312']) {
      const gbk = Buffer.concat([
        utf8(`<?xml version="1.0" encoding="${enc}"?><Person><XingMing>`),
        Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]),
        utf8('</XingMing></Person>'),
      ]);
      expect(textOf(childElements(readXmlDocument(gbk))[0])).toBe('张三');
    }
  });

  it('refuses a DOCTYPE, and with it entity expansion (billion laughs) and external entities', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Person><XingMing>&lol2;</XingMing></Person>`;
    expect(fails(() => readXmlDocument(utf8(laughs)))).toMatch(/DOCTYPE.*安全/);
    const xxe = `<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><Person>&x;</Person>`;
    expect(fails(() => readXmlDocument(utf8(xxe)))).toMatch(/拒绝读取/);
    expect(fails(() => readXmlDocument(utf8('<!ENTITY x "y"><Person/>')))).toMatch(/ENTITY/);
    // An entity reference without any declaration is refused by name.
    expect(fails(() => readXmlDocument(utf8('<Person>&lol;</Person>')))).toMatch(/未定义的实体 &lol;/);
  });

  it('refuses deep nesting (10,000 levels) without overflowing the stack', () => {
    const deep = '<a>'.repeat(10_000) + '</a>'.repeat(10_000);
    expect(fails(() => readXmlDocument(utf8(deep)))).toMatch(/嵌套过深/);
  });

  it('refuses bytes that are not UTF-8, empty files, huge files and binary content', () => {
    const gbkUndeclared = Buffer.concat([utf8('<Person><XingMing>'), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), utf8('</XingMing></Person>')]);
    expect(fails(() => decodeXmlBytes(gbkUndeclared))).toMatch(/UTF-8/);
    expect(fails(() => decodeXmlBytes(new Uint8Array(0)))).toMatch(/空.*0 字节/);
    expect(fails(() => decodeXmlBytes(new Uint8Array(21 * 1024 * 1024)))).toMatch(/过大/);
    expect(fails(() => readXmlDocument(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])))).toMatch(/控制字符|不是/);
    expect(fails(() => readXmlDocument(utf8('<?xml version="1.0" encoding="Shift_JIS"?><a/>')))).toMatch(/不支持/);
  });

  it('refuses malformed documents with the line number', () => {
    expect(fails(() => parseXml('<a>\n<b></a>'))).toMatch(/第 2 行.*不匹配/);
    expect(fails(() => parseXml('<a>'))).toMatch(/没有结束/);
    expect(fails(() => parseXml('<a></a><b></b>'))).toMatch(/多个根元素/);
    expect(fails(() => parseXml('<a>AT&T</a>'))).toMatch(/&/);
    expect(fails(() => parseXml('<a x="1" x="2"/>'))).toMatch(/重复/);
    expect(fails(() => parseXml('<a>&#0;</a>'))).toMatch(/字符引用/);
    expect(fails(() => parseXml('just text'))).toMatch(/文本|XML/);
  });

  it('attributes cannot pollute prototypes', () => {
    const el = parseXml('<a __proto__="x" constructor="y"/>');
    expect(el.attrs.__proto__).toBe('x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('escapes what it writes so that it always reads back', () => {
    const nasty = `<&>"' \u0001\u0008 ok \uD800 \r\n end`;
    const back = textOf(parseXml(`<a>${xmlSafeText(nasty)}</a>`));
    // Control characters and the lone surrogate are dropped; the CR survives as &#13;.
    expect(back).toBe(`<&>"'  ok  \r\n end`);
  });
});
