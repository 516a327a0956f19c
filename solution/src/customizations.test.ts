import { customizationsXml, standaloneForms } from './customizations';
import { CONTROLS, CUSTOMER_TABLES, type ControlName } from './names';
import { ribbonDiffXml } from './ribbon';
import { SOLUTION_TABLES, SYNC_STATUS } from './schema';
import { validate, xmllintSkipReason } from './test-support';

const ALL = new Set<ControlName>(CONTROLS);
const NONE = new Set<ControlName>();
const skip = xmllintSkipReason();
if (skip) console.warn(`customizations XSD validation ${skip}`);
const withXmllint = skip ? describe.skip : describe;

withXmllint('generated XML validates against the Dataverse 9.0.0.2090 XSDs (xmllint)', () => {
  it.each([
    ['with the controls', ALL],
    ['without the controls', NONE],
  ])('customizations.xml %s validates against CustomizationsSolution.xsd', (_label, controls) => {
    const r = validate(customizationsXml({ version: '1.2.3.0', controls }), 'CustomizationsSolution.xsd');
    expect(r.output).toContain('validates');
    expect(r.ok).toBe(true);
  });

  it.each(CUSTOMER_TABLES)('the Clarity 360 %s form validates against FormXml.xsd', (table) => {
    const r = validate(`<?xml version="1.0" encoding="utf-8"?>\n${standaloneForms(ALL)[table]}`, 'FormXml.xsd');
    expect(r.output).toContain('validates');
    expect(r.ok).toBe(true);
  });

  it.each(CUSTOMER_TABLES)('the %s ribbon validates against RibbonCore.xsd', (table) => {
    const r = validate(`<?xml version="1.0" encoding="utf-8"?>\n${ribbonDiffXml(table)}`, 'RibbonCore.xsd');
    expect(r.output).toContain('validates');
    expect(r.ok).toBe(true);
  });
});

describe('customizations.xml content', () => {
  const xml = customizationsXml({ version: '1.2.3.0', controls: ALL });

  it('declares every column and alternate key of the schema on its table', () => {
    for (const t of SOLUTION_TABLES) {
      const entity = xml.slice(xml.indexOf(`<entity Name="${t.schemaName}">`), xml.indexOf('</entity>', xml.indexOf(`<entity Name="${t.schemaName}">`)));
      for (const c of t.columns) expect(entity).toContain(`<attribute PhysicalName="${c.name}">`);
      for (const k of t.keys) expect(entity).toContain(`<EntityKey><Name>${k.name}</Name>`);
    }
    const keys = SOLUTION_TABLES.flatMap((t) => t.keys.map((k) => k.name));
    expect(keys).toEqual(expect.arrayContaining(['clar_contact_clarityid', 'clar_account_clarityid', 'clar_salesorder_clarityorderid', 'clar_incident_clarityreturnid']));
  });

  it('carries the sync status choice with the proxy’s option values', () => {
    for (const [value, text] of [[SYNC_STATUS.synced, 'Synced'], [SYNC_STATUS.pending, 'Pending'], [SYNC_STATUS.error, 'Error']] as const) {
      expect(xml).toContain(`<option value="${value}"><labels><label description="${text}" languagecode="1033" /></labels></option>`);
    }
  });

  it('puts the resync button on the contact and account main forms, enabled for saved records, calling the bundle', () => {
    for (const table of CUSTOMER_TABLES) {
      const ribbon = ribbonDiffXml(table);
      expect(ribbon).toContain(`Location="Mscrm.Form.${table}.MainTab.Save.Controls._children"`);
      expect(ribbon).toContain('FunctionName="Clarity.Ribbon.resync"');
      expect(ribbon).toContain('FunctionName="Clarity.Ribbon.isSaved"');
      expect(ribbon).toContain('<FormStateRule State="Create" InvertResult="true" />');
      expect(ribbon).toContain('Library="$webresource:clar_/scripts/clarity.js"');
    }
  });

  it('places both PCF controls on separate "Clarity 360" forms with stable ids', () => {
    const forms = standaloneForms(ALL);
    for (const table of CUSTOMER_TABLES) {
      expect(forms[table]).toContain('name="clar_Clarity.OrderHistory"');
      expect(forms[table]).toContain('name="clar_Clarity.LoyaltyCard"');
      expect(forms[table]).toContain('functionName="Clarity.Form.onLoad"');
      expect(forms[table]).toContain('<hostField type="SingleLine.Text">clar_clarityid</hostField>');
    }
    expect(xml.match(/<LocalizedName description="Clarity 360" languagecode="1033" \/>/g)).toHaveLength(2);
    expect(customizationsXml({ version: '1.2.3.0', controls: ALL })).toBe(xml);
    expect(standaloneForms(NONE).contact).not.toContain('clar_Clarity.');
  });
});
