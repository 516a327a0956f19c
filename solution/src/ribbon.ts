import { SCRIPT_GLOBAL, SCRIPT_WEB_RESOURCE, type CustomerTable } from './names';
import { esc } from './xml';

/**
 * The "Resync with Clarity" button on the main form's command bar of a contact or an account (classic
 * RibbonDiffXml: no environment-specific GUIDs, the library is referenced by web resource name; see
 * shared/specs/pcf-and-solution.md §5.1). Enabled only for saved records: a FormStateRule (not in Create state)
 * plus a CustomRule calling `Clarity.Ribbon.isSaved`, which also covers a new record being filled in.
 */
export function ribbonDiffXml(table: CustomerTable): string {
  const id = `clar.${table}.ResyncWithClarity`;
  const library = `$webresource:${SCRIPT_WEB_RESOURCE}`;
  const loc = (suffix: string, text: string) =>
    `<LocLabel Id="${id}.${suffix}"><Titles><Title description="${esc(text)}" languagecode="1033" /></Titles></LocLabel>`;
  return [
    '<RibbonDiffXml>',
    '<CustomActions>',
    `<CustomAction Id="${id}.CustomAction" Location="Mscrm.Form.${table}.MainTab.Save.Controls._children" Sequence="80">`,
    '<CommandUIDefinition>',
    `<Button Id="${id}.Button" Command="${id}.Command" Sequence="80" TemplateAlias="o1" ModernImage="Refresh"` +
      ` LabelText="$LocLabels:${id}.LabelText" Alt="$LocLabels:${id}.LabelText" ToolTipTitle="$LocLabels:${id}.LabelText"` +
      ` ToolTipDescription="$LocLabels:${id}.ToolTipDescription" />`,
    '</CommandUIDefinition>',
    '</CustomAction>',
    '</CustomActions>',
    '<Templates><RibbonTemplates Id="Mscrm.Templates" /></Templates>',
    '<CommandDefinitions>',
    `<CommandDefinition Id="${id}.Command">`,
    `<EnableRules><EnableRule Id="${id}.NotCreate" /><EnableRule Id="${id}.IsSaved" /></EnableRules>`,
    '<DisplayRules />',
    '<Actions>',
    `<JavaScriptFunction Library="${library}" FunctionName="${SCRIPT_GLOBAL}.Ribbon.resync"><CrmParameter Value="PrimaryControl" /></JavaScriptFunction>`,
    '</Actions>',
    '</CommandDefinition>',
    '</CommandDefinitions>',
    '<RuleDefinitions>',
    '<TabDisplayRules />',
    '<DisplayRules />',
    '<EnableRules>',
    `<EnableRule Id="${id}.NotCreate"><FormStateRule State="Create" InvertResult="true" /></EnableRule>`,
    `<EnableRule Id="${id}.IsSaved"><CustomRule Library="${library}" FunctionName="${SCRIPT_GLOBAL}.Ribbon.isSaved" Default="false"><CrmParameter Value="PrimaryControl" /></CustomRule></EnableRule>`,
    '</EnableRules>',
    '</RuleDefinitions>',
    '<LocLabels>',
    loc('LabelText', 'Resync with Clarity'),
    loc('ToolTipDescription', 'Ask the Clarity connector to resynchronise this record now'),
    '</LocLabels>',
    '</RibbonDiffXml>',
  ].join('\n');
}
