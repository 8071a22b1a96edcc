// Plain-object <-> XML for Alibaba's XML format: arrays become repeated elements; parsing keeps
// element names, makes repeated elements arrays and leaves leaf values as strings (XML has no types).
import { XMLParser } from 'fast-xml-parser';

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function toXmlElement(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => toXmlElement(name, v)).join('');
  if (value === null || value === undefined) return `<${name}></${name}>`;
  if (typeof value === 'object') {
    const inner = Object.entries(value as object).map(([k, v]) => toXmlElement(k, v)).join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeText(String(value))}</${name}>`;
}

export function toXmlDocument(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${toXmlElement(root, value)}`;
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
