/**
 * A small, strict XML reader for tests: enough to check that JUnit reports and SVG diagrams are well
 * formed and to look inside them. Throws on anything malformed (unclosed or mismatched tags, bad
 * entities, stray "<" or "&", text outside the root element).
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text content directly inside this element (CDATA included), entities decoded. */
  text: string;
}

const NAME = /^[A-Za-z_:][\w:.-]*/;

export function parseXml(source: string): XmlElement {
  let pos = 0;
  const fail = (message: string): never => {
    throw new Error(`XML error at ${pos}: ${message} near ${JSON.stringify(source.slice(pos, pos + 40))}`);
  };
  const skipMisc = (): void => {
    for (;;) {
      while (/\s/.test(source[pos] ?? '')) pos++;
      if (source.startsWith('<?', pos)) {
        const end = source.indexOf('?>', pos);
        if (end < 0) fail('unterminated processing instruction');
        pos = end + 2;
      } else if (source.startsWith('<!--', pos)) {
        const end = source.indexOf('-->', pos);
        if (end < 0) fail('unterminated comment');
        pos = end + 3;
      } else if (source.startsWith('<!DOCTYPE', pos)) {
        const end = source.indexOf('>', pos);
        if (end < 0) fail('unterminated doctype');
        pos = end + 1;
      } else return;
    }
  };
  const readName = (): string => {
    const match = NAME.exec(source.slice(pos));
    if (!match) return fail('expected a name');
    pos += match[0].length;
    return match[0];
  };
  const readElement = (): XmlElement => {
    if (source[pos] !== '<') fail('expected "<"');
    pos++;
    const element: XmlElement = { name: readName(), attributes: {}, children: [], text: '' };
    for (;;) {
      while (/\s/.test(source[pos] ?? '')) pos++;
      if (source.startsWith('/>', pos)) {
        pos += 2;
        return element;
      }
      if (source[pos] === '>') {
        pos++;
        break;
      }
      const attribute = readName();
      if (attribute in element.attributes) fail(`duplicate attribute ${attribute}`);
      while (/\s/.test(source[pos] ?? '')) pos++;
      if (source[pos] !== '=') fail('expected "="');
      pos++;
      while (/\s/.test(source[pos] ?? '')) pos++;
      const quote = source[pos];
      if (quote !== '"' && quote !== "'") return fail('expected a quoted value');
      const end = source.indexOf(quote, pos + 1);
      if (end < 0) fail('unterminated attribute value');
      const raw = source.slice(pos + 1, end);
      if (raw.includes('<')) fail('"<" in attribute value');
      element.attributes[attribute] = decodeEntities(raw, fail);
      pos = end + 1;
    }
    for (;;) {
      if (pos >= source.length) fail(`unclosed element <${element.name}>`);
      if (source.startsWith('</', pos)) {
        pos += 2;
        const name = readName();
        if (name !== element.name) fail(`</${name}> closes <${element.name}>`);
        while (/\s/.test(source[pos] ?? '')) pos++;
        if (source[pos] !== '>') fail('expected ">"');
        pos++;
        return element;
      }
      if (source.startsWith('<![CDATA[', pos)) {
        const end = source.indexOf(']]>', pos);
        if (end < 0) fail('unterminated CDATA');
        element.text += source.slice(pos + 9, end);
        pos = end + 3;
      } else if (source.startsWith('<!--', pos)) {
        const end = source.indexOf('-->', pos);
        if (end < 0) fail('unterminated comment');
        pos = end + 3;
      } else if (source[pos] === '<') {
        element.children.push(readElement());
      } else {
        const next = source.indexOf('<', pos);
        const end = next < 0 ? source.length : next;
        element.text += decodeEntities(source.slice(pos, end), fail);
        pos = end;
      }
    }
  };

  skipMisc();
  const root = readElement();
  skipMisc();
  if (pos < source.length) fail('content after the root element');
  return root;
}

function decodeEntities(text: string, fail: (message: string) => never): string {
  return text.replace(/&([^;\s]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) return fail(`bare "&" in ${JSON.stringify(text.slice(0, 40))}`);
    if (name === 'amp') return '&';
    if (name === 'lt') return '<';
    if (name === 'gt') return '>';
    if (name === 'quot') return '"';
    if (name === 'apos') return "'";
    const numeric = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(name);
    if (numeric?.[1]) {
      const value = numeric[1].startsWith('x') ? parseInt(numeric[1].slice(1), 16) : parseInt(numeric[1], 10);
      return String.fromCodePoint(value);
    }
    return fail(`unknown entity &${name};`);
  });
}

/** Every element below (and including) `root` with this name, depth first. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (element: XmlElement): void => {
    if (element.name === name) found.push(element);
    element.children.forEach(visit);
  };
  visit(root);
  return found;
}

/** All text below an element, in document order. */
export function allText(element: XmlElement): string {
  return element.text + element.children.map(allText).join('');
}
