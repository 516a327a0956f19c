/** The string table of a control's .resx file (`<data name="…"><value>…</value></data>`). */
export function parseResx(xml: string): Record<string, string> {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) throw new Error('the .resx file is not well-formed XML');
  const out: Record<string, string> = {};
  for (const data of Array.from(doc.getElementsByTagName('data'))) {
    const name = data.getAttribute('name');
    const value = data.getElementsByTagName('value')[0]?.textContent;
    if (name && value != null) out[name] = value;
  }
  return out;
}
