import { DataverseError } from '../errors';
import { withSample } from './fixtures/samples';
import { decodeSkipToken, deltaLink, encodeSkipToken, nextLink } from './skiptoken';

const BASE = '[Organization URI]/api/data/v9.2';
const LAST = 'd5026a4d-d01c-ed11-b83e-000d3a572421';
const FIRST = '49b0be2e-d01c-ed11-b83e-000d3a572421';

/** The `@odata.nextLink` of a paging sample and its raw `$skiptoken` value. */
function sampleLink(text: string): { link: string; rawToken: string } {
  const link = /"@odata\.nextLink":\s*"([^"]+)"/.exec(text)?.[1] as string;
  return { link, rawToken: link.slice(link.indexOf('$skiptoken=') + '$skiptoken='.length) };
}

describe('paging cookie', () => {
  it('encodes the documented shape: inner cookie percent-encoded, upper-case GUIDs in braces (§1.5)', () => {
    const token = encodeSkipToken({ page: 2, lastId: LAST, firstId: FIRST, primaryId: 'contactid' });
    expect(token).toBe(
      '<cookie pagenumber="2" pagingcookie="%3ccookie%20page%3d%221%22%3e%3ccontactid%20last%3d%22%7bD5026A4D-D01C-ED11-B83E-000D3A572421%7d%22%20first%3d%22%7b49B0BE2E-D01C-ED11-B83E-000D3A572421%7d%22%20%2f%3e%3c%2fcookie%3e" istracking="False" />',
    );
    expect(decodeURIComponent(/pagingcookie="([^"]+)"/.exec(token)?.[1] ?? '')).toBe(
      '<cookie page="1"><contactid last="{D5026A4D-D01C-ED11-B83E-000D3A572421}" first="{49B0BE2E-D01C-ED11-B83E-000D3A572421}" /></cookie>',
    );
  });

  it('round-trips through decode', () => {
    const token = { page: 7, lastId: LAST, firstId: FIRST, primaryId: 'accountid' };
    expect(decodeSkipToken(encodeSkipToken(token))).toEqual(token);
  });

  it('rejects a malformed token with a 400', () => {
    for (const bad of ['', 'abc', '<cookie pagenumber="2" pagingcookie="%3cnope" istracking="False" />']) {
      expect(() => decodeSkipToken(bad)).toThrow(DataverseError);
    }
  });

  it('builds a nextLink that repeats the query and replaces any previous $skiptoken', () => {
    const token = encodeSkipToken({ page: 3, lastId: LAST, firstId: FIRST, primaryId: 'contactid' });
    const link = nextLink(`${BASE}/`, '/contacts', '?$select=fullname&$skiptoken=old&$filter=statecode eq 0', token);
    expect(link.startsWith(`${BASE}/contacts?$select=fullname&$filter=statecode eq 0&$skiptoken=%3Ccookie%20pagenumber=%223%22`)).toBe(true);
    expect(new URL(link.replace('[Organization URI]', 'https://org.crm.dynamics.com')).searchParams.get('$skiptoken')).toBe(token);
    expect(nextLink(BASE, 'contacts', new URLSearchParams({ $select: 'fullname,lastname', $filter: "lastname eq 'O''Bryan'" }), token)).toMatch(
      /^\[Organization URI\]\/api\/data\/v9\.2\/contacts\?\$select=fullname,lastname&\$filter=lastname%20eq%20'O''Bryan'&\$skiptoken=/,
    );
  });

  it('builds a deltaLink with the documented lower-case encoding (§8)', () => {
    expect(deltaLink(BASE, 'accounts', '$select=name,accountnumber,telephone1,fax', '919042!08/22/2017 08:10:44')).toBe(
      `${BASE}/accounts?$select=name,accountnumber,telephone1,fax&$deltatoken=919042%2108%2f22%2f2017%2008%3a10%3a44`,
    );
  });
});

describe('paging samples (../shared/reference/dataverse-samples/query)', () => {
  const page1 = withSample('query/paging-page1.response.http');
  page1.run('decodes the page-1 nextLink token and re-encodes it to the identical link', () => {
    const { link, rawToken } = sampleLink(page1.text);
    const token = decodeSkipToken(decodeURIComponent(rawToken));
    expect(token).toEqual({ page: 2, lastId: LAST, firstId: FIRST, primaryId: 'contactid' });
    expect(nextLink(BASE, 'contacts', '$select=fullname', encodeSkipToken(token))).toBe(link);
  });

  const page2 = withSample('query/paging-page2.response.http');
  page2.run('reproduces the page-2 nextLink from the page-2 request URL', () => {
    const { link, rawToken } = sampleLink(page2.text);
    const request = /^GET (.+)$/m.exec(page2.text)?.[1]?.trim() as string;
    const token = decodeSkipToken(decodeURIComponent(rawToken));
    expect(token.page).toBe(3);
    const query = request.slice(request.indexOf('?'));
    expect(nextLink(BASE, 'contacts', query, encodeSkipToken(token))).toBe(link);
  });
});
