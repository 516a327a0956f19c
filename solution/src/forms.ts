import { controlSolutionName, SCRIPT_GLOBAL, SCRIPT_WEB_RESOURCE, type ControlName, type CustomerTable } from './names';
import { esc, label, stableGuid } from './xml';

/**
 * The "Clarity 360" main form of contact and of account. It is a new form with its own id, so importing the
 * solution never overwrites the customer's own main forms (shared/specs/pcf-and-solution.md §9 risk 4).
 * Each PCF control replaces the classic control of a host column (§2.3): OrderHistory on `clar_clarityid`,
 * LoyaltyCard on `clar_loyaltytier`; both bind their bound property `hostField` to that column (the packer
 * checks each packaged manifest declares it). Forms also load the
 * script bundle and run `Clarity.Form.onLoad` (sync error banner).
 */

/** Classic single-line text control (the fallback every field control keeps). */
const TEXT_CLASSID = '{4273EDBD-AC1D-40d3-9FB2-095C621B552D}';
/** Classic date-time and option set controls, for the plain sync columns. */
const DATETIME_CLASSID = '{5B773807-9FB2-42db-97C3-7A91EFF8ADFF}';
const PICKLIST_CLASSID = '{3EF39988-22BB-4f0b-BBBE-64B5A3748AEE}';
const MEMO_CLASSID = '{E0DECE4B-6FC8-4a8f-A065-082708572369}';
const INTEGER_CLASSID = '{C6D124CA-7EDA-4a60-AEA9-7FB8D318B68F}';

interface Placement {
  readonly control: ControlName;
  readonly column: string;
  readonly label: string;
}

/** Name of the `usage="bound"` property in both controls' manifests (pcf-controls/<Ctor>/ControlManifest.Input.xml). */
export const BOUND_PROPERTY = 'hostField';

const PLACEMENTS: readonly Placement[] = [
  { control: 'LoyaltyCard', column: 'clar_loyaltytier', label: 'Loyalty' },
  { control: 'OrderHistory', column: 'clar_clarityid', label: 'Order history' },
];

const PLAIN_FIELDS: readonly { column: string; classid: string; label: string }[] = [
  { column: 'clar_syncstatus', classid: PICKLIST_CLASSID, label: 'Clarity sync status' },
  { column: 'clar_lastsyncedon', classid: DATETIME_CLASSID, label: 'Last synced with Clarity' },
  { column: 'clar_loyaltypoints', classid: INTEGER_CLASSID, label: 'Loyalty points' },
  { column: 'clar_syncerror', classid: MEMO_CLASSID, label: 'Clarity sync error' },
];

export const formId = (table: CustomerTable): string => stableGuid(`form:${table}:clarity360`);
export const FORM_NAME = 'Clarity 360';

const g = (name: string) => `{${stableGuid(name)}}`;

const cell = (table: CustomerTable, column: string, classid: string, text: string, uniqueid: string): string =>
  `<row><cell id="${g(`${table}:cell:${column}`)}" showlabel="true"><labels>${label('label', text)}</labels>` +
  `<control id="${column}" classid="${classid}" datafieldname="${column}" uniqueid="${uniqueid}" /></cell></row>`;

function controlDescription(p: Placement, uniqueid: string): string {
  const custom = [0, 1, 2]
    .map(
      (ff) =>
        `<customControl formFactor="${ff}" name="${controlSolutionName(p.control)}"><parameters>` +
        `<${BOUND_PROPERTY} type="SingleLine.Text">${esc(p.column)}</${BOUND_PROPERTY}></parameters></customControl>`,
    )
    .join('');
  return (
    `<controlDescription forControl="${uniqueid}"><customControl id="${TEXT_CLASSID}"><parameters>` +
    `<datafieldname>${esc(p.column)}</datafieldname></parameters></customControl>${custom}</controlDescription>`
  );
}

/** The `<form>` element (FormXml.xsd root). `controls` lists the PCF controls present in the package. */
export function formXml(table: CustomerTable, controls: ReadonlySet<ControlName>): string {
  const rows: string[] = [];
  const descriptions: string[] = [];
  for (const p of PLACEMENTS) {
    const uid = g(`${table}:control:${p.column}`);
    rows.push(cell(table, p.column, TEXT_CLASSID, p.label, uid));
    if (controls.has(p.control)) descriptions.push(controlDescription(p, uid));
  }
  for (const f of PLAIN_FIELDS) rows.push(cell(table, f.column, f.classid, f.label, g(`${table}:control:${f.column}`)));
  const libraryId = g(`${table}:library:${SCRIPT_WEB_RESOURCE}`);
  return [
    '<form>',
    '<tabs>',
    `<tab name="clar_clarity360" id="${g(`${table}:tab`)}" expanded="true" showlabel="true"><labels>${label('label', 'Clarity')}</labels>`,
    '<columns><column width="100%"><sections>',
    `<section name="clar_clarity360_section" id="${g(`${table}:section`)}" showlabel="false" showbar="false" columns="1">`,
    `<labels>${label('label', 'Clarity')}</labels><rows>${rows.join('')}</rows></section>`,
    '</sections></column></columns></tab>',
    '</tabs>',
    descriptions.length ? `<controlDescriptions>${descriptions.join('')}</controlDescriptions>` : '',
    `<events><event name="onload" application="false" active="false"><Handlers>` +
      `<Handler functionName="${SCRIPT_GLOBAL}.Form.onLoad" libraryName="${SCRIPT_WEB_RESOURCE}" handlerUniqueId="${g(`${table}:handler:onload`)}" enabled="true" passExecutionContext="true" />` +
      `</Handlers></event></events>`,
    `<formLibraries><Library name="${SCRIPT_WEB_RESOURCE}" libraryUniqueId="${libraryId}" /></formLibraries>`,
    '</form>',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The `<systemform>` entry of customizations.xml (`Entity/FormXml/forms[@type=main]`). */
export function systemFormXml(table: CustomerTable, controls: ReadonlySet<ControlName>, version: string): string {
  return [
    '<forms type="main"><systemform>',
    `<formid>{${formId(table)}}</formid>`,
    `<IntroducedVersion>${version}</IntroducedVersion>`,
    '<FormPresentation>1</FormPresentation>',
    '<FormActivationState>1</FormActivationState>',
    formXml(table, controls),
    `<IsCustomizable>1</IsCustomizable><CanBeDeleted>1</CanBeDeleted>`,
    `<LocalizedNames>${label('LocalizedName', FORM_NAME)}</LocalizedNames>`,
    `<Descriptions>${label('Description', `Clarity order history, loyalty and sync status for the ${table}`)}</Descriptions>`,
    '</systemform></forms>',
  ].join('\n');
}
