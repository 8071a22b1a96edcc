// Plain-object <-> XML for Alibaba's XML format, both through fast-xml-parser: arrays become
// repeated elements (an empty list, none); null or undefined, an empty element. Parsing keeps element
// names, makes repeated elements arrays and leaves leaf values as strings (XML has no types).
// Text escapes only &, < and > (quotes stay as they are: the emulator's bytes are what the vendors'
// SDKs parse, and the tests compare them).
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

const builder = new XMLBuilder({
  ignoreAttributes: true,
  suppressEmptyNode: false,
  processEntities: false, // its own escaping would also turn quotes into entities
  tagValueProcessor: (_name, value) => String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
});

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** Null and undefined are empty elements (the builder would leave undefined out); a list of lists is one list. */
const present = (v: unknown): unknown =>
  v === null || v === undefined ? '' : Array.isArray(v) ? v.flat(Infinity).map(present)
    : typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, present(x)])) : v;

export function toXmlElement(name: string, value: unknown): string {
  return builder.build({ [name]: present(value) });
}

export function toXmlDocument(root: string, value: unknown): string {
  return `${DECLARATION}${toXmlElement(root, value)}`;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
});

/** Throws on input that is not XML. */
export function parseXml(text: string): Record<string, unknown> {
  return parser.parse(text, true) as Record<string, unknown>;
}
