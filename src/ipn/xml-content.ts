import type { XmlContent, XmlValue } from '../app/ports.js';

/** XML text escaping for element content (the five predefined entities). */
export const escapeXml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

function element(name: string, value: XmlValue, indent: string): string {
  if (value === null) return '';
  if (typeof value !== 'object') return `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;
  const children = renderXmlContent(value, `${indent}    `);
  return children === ''
    ? `${indent}<${name}/>\n`
    : `${indent}<${name}>\n${children}${indent}</${name}>\n`;
}

/**
 * Renders element content in key order, four spaces per level as Amazon's NotificationData does
 * (spec v1 §6.2 fixtures): arrays repeat the element, `{}` is an empty element, null is left out.
 */
export function renderXmlContent(content: XmlContent, indent = ''): string {
  let text = '';
  for (const [name, value] of Object.entries(content)) {
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name))
      throw new TypeError(`Not an XML element name: ${JSON.stringify(name)}`);
    const values: readonly XmlValue[] = Array.isArray(value) ? value : [value as XmlValue];
    for (const one of values) text += element(name, one, indent);
  }
  return text;
}
