import { formXml, systemFormXml } from './forms';
import { controlSolutionName, CUSTOMER_TABLES, WEB_RESOURCES, type ControlName, type CustomerTable } from './names';
import { ribbonDiffXml } from './ribbon';
import { SOLUTION_TABLES, type SolutionColumn, type SolutionTable } from './schema';
import { esc, label, stableGuid } from './xml';

/**
 * Generates customizations.xml from the declarative schema (schema.ts), the ribbon and form generators and the
 * list of packaged controls. Top-level element order follows CustomizationsSolution.xsd (shared/specs
 * §3.3); the test validates the output with xmllint against that XSD.
 */

export interface CustomizationsInput {
  /** Solution version (four parts), written as IntroducedVersion. */
  readonly version: string;
  /** PCF controls present in the package. */
  readonly controls: ReadonlySet<ControlName>;
}

export const webResourceId = (name: string): string => stableGuid(`webresource:${name}`);
/** Part name of a web resource in the zip, as Dataverse exports write it: name without punctuation + GUID. */
export const webResourceFileName = (name: string): string =>
  `/WebResources/${name.replace(/[^A-Za-z0-9_]/g, '')}${webResourceId(name).toUpperCase()}`;

const displayNames = (text: string) => `<displaynames>${label('displayname', text)}</displaynames>`;
const descriptions = (text: string) => `<Descriptions>${label('Description', text)}</Descriptions>`;

function typeFields(c: SolutionColumn): string[] {
  switch (c.type) {
    case 'String':
      return ['<Type>nvarchar</Type>', '<Format>text</Format>', `<MaxLength>${c.maxLength ?? 100}</MaxLength>`, `<Length>${(c.maxLength ?? 100) * 2}</Length>`];
    case 'Memo':
      return ['<Type>ntext</Type>', '<Format>text</Format>', `<MaxLength>${c.maxLength ?? 2000}</MaxLength>`, `<Length>${(c.maxLength ?? 2000) * 2}</Length>`];
    case 'Integer':
      return ['<Type>int</Type>', '<Format>none</Format>', `<MinValue>${c.minValue ?? -2147483648}</MinValue>`, `<MaxValue>${c.maxValue ?? 2147483647}</MaxValue>`];
    case 'DateTime':
      // Behavior 1 = user local, the default of a new date-and-time column.
      return ['<Type>datetime</Type>', '<Format>datetime</Format>', '<Behavior>1</Behavior>', '<CanChangeDateTimeBehavior>1</CanChangeDateTimeBehavior>'];
    case 'Picklist': {
      const options = Object.entries(c.options ?? {})
        .map(([value, text]) => `<option value="${value}"><labels>${label('label', text)}</labels></option>`)
        .join('');
      return [
        '<Type>picklist</Type>',
        `<OptionSetName>${c.name}</OptionSetName>`,
        `<optionset Name="${c.name}"><OptionSetType>picklist</OptionSetType><IsGlobal>0</IsGlobal><IsCustomizable>1</IsCustomizable>` +
          `${displayNames(c.displayName)}${descriptions(c.description)}<options>${options}</options></optionset>`,
      ];
    }
  }
}

function attributeXml(c: SolutionColumn, version: string): string {
  return [
    `<attribute PhysicalName="${c.name}">`,
    ...typeFields(c),
    `<Name>${c.name}</Name>`,
    `<LogicalName>${c.name}</LogicalName>`,
    '<RequiredLevel>none</RequiredLevel>',
    '<ImeMode>auto</ImeMode>',
    '<ValidForUpdateApi>1</ValidForUpdateApi>',
    '<ValidForReadApi>1</ValidForReadApi>',
    '<ValidForCreateApi>1</ValidForCreateApi>',
    '<IsCustomField>1</IsCustomField>',
    '<IsAuditEnabled>1</IsAuditEnabled>',
    '<IsSecured>0</IsSecured>',
    `<IntroducedVersion>${version}</IntroducedVersion>`,
    '<IsCustomizable>1</IsCustomizable>',
    '<IsRenameable>1</IsRenameable>',
    '<CanModifySearchSettings>1</CanModifySearchSettings>',
    '<CanModifyRequirementLevelSettings>1</CanModifyRequirementLevelSettings>',
    '<CanModifyAdditionalSettings>1</CanModifyAdditionalSettings>',
    '<SourceType>0</SourceType>',
    displayNames(c.displayName),
    descriptions(c.description),
    '</attribute>',
  ].join('');
}

function entityXml(t: SolutionTable, input: CustomizationsInput): string {
  const keys = t.keys
    .map(
      (k) =>
        `<EntityKey><Name>${k.name}</Name><LogicalName>${k.name}</LogicalName><IntroducedVersion>${input.version}</IntroducedVersion>` +
        `<IsCustomizable>1</IsCustomizable>${displayNames(k.displayName)}<EntityKeyAttributes>` +
        k.columns.map((c) => `<AttributeName>${c}</AttributeName>`).join('') +
        '</EntityKeyAttributes></EntityKey>',
    )
    .join('');
  const customer = (CUSTOMER_TABLES as readonly string[]).includes(t.table) ? (t.table as CustomerTable) : undefined;
  return [
    '<Entity>',
    `<Name LocalizedName="${t.schemaName}" OriginalName="${t.schemaName}">${t.schemaName}</Name>`,
    `<EntityInfo><entity Name="${t.schemaName}"><EntityKeys>${keys}</EntityKeys><attributes>`,
    ...t.columns.map((c) => attributeXml(c, input.version)),
    '</attributes></entity></EntityInfo>',
    customer ? `<FormXml>${systemFormXml(customer, input.controls, input.version)}</FormXml>` : '',
    customer ? ribbonDiffXml(customer) : '',
    '</Entity>',
  ]
    .filter(Boolean)
    .join('\n');
}

function webResourceXml(resource: (typeof WEB_RESOURCES)[number], version: string): string {
  return [
    '<WebResource>',
    `<WebResourceId>{${webResourceId(resource.name)}}</WebResourceId>`,
    `<Name>${esc(resource.name)}</Name>`,
    `<DisplayName>${esc(resource.displayName)}</DisplayName>`,
    `<WebResourceType>${resource.type}</WebResourceType>`,
    `<IntroducedVersion>${version}</IntroducedVersion>`,
    '<IsEnabledForMobileClient>0</IsEnabledForMobileClient>',
    '<IsAvailableForMobileOffline>0</IsAvailableForMobileOffline>',
    '<IsCustomizable>1</IsCustomizable>',
    '<CanBeDeleted>1</CanBeDeleted>',
    '<IsHidden>0</IsHidden>',
    `<FileName>${webResourceFileName(resource.name)}</FileName>`,
    '</WebResource>',
  ].join('\n');
}

export function customizationsXml(input: CustomizationsInput): string {
  const controls = [...input.controls]
    .sort()
    .map((c) => `<CustomControl><Name>${controlSolutionName(c)}</Name><FileName>/Controls/${controlSolutionName(c)}/ControlManifest.xml</FileName></CustomControl>`);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    `<Entities>${SOLUTION_TABLES.map((t) => entityXml(t, input)).join('\n')}</Entities>`,
    '<Roles />',
    '<Workflows />',
    '<FieldSecurityProfiles />',
    '<Templates />',
    '<EntityMaps />',
    '<EntityRelationships />',
    '<OrganizationSettings />',
    '<optionsets />',
    `<WebResources>${WEB_RESOURCES.map((r) => webResourceXml(r, input.version)).join('\n')}</WebResources>`,
    controls.length ? `<CustomControls>${controls.join('')}</CustomControls>` : '<CustomControls />',
    '<EntityDataProviders />',
    '<Languages><Language>1033</Language></Languages>',
    '</ImportExportXml>',
    '',
  ].join('\n');
}

/** The forms on their own (root `<form>`), for validation against FormXml.xsd. */
export const standaloneForms = (controls: ReadonlySet<ControlName>): Record<CustomerTable, string> => ({
  contact: formXml('contact', controls),
  account: formXml('account', controls),
});
