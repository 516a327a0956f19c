import { annotationWanted, parsePrefer, preferenceApplied } from './prefer';

describe('parsePrefer', () => {
  it('reads separate headers and comma-separated values (§1.2)', () => {
    const prefer = parsePrefer(['odata.maxpagesize=3', 'odata.include-annotations="Microsoft.Dynamics.CRM.totalrecordcount,Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded"']);
    expect(prefer.maxPageSize).toBe(3);
    expect(prefer.includeAnnotations).toEqual(['Microsoft.Dynamics.CRM.totalrecordcount', 'Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded']);
    const combined = parsePrefer('return=representation, odata.include-annotations="*", odata.track-changes,odata.continue-on-error');
    expect(combined).toEqual({ returnRepresentation: true, includeAnnotations: ['*'], trackChanges: true, continueOnError: true });
  });

  it('defaults everything off and ignores unknown or malformed preferences', () => {
    expect(parsePrefer(undefined)).toEqual({ returnRepresentation: false, trackChanges: false, continueOnError: false });
    expect(parsePrefer('return=minimal, odata.maxpagesize=abc, respond-async, wait=10').maxPageSize).toBeUndefined();
    expect(parsePrefer('return=minimal').returnRepresentation).toBe(false);
  });

  it('caps odata.maxpagesize at 5000 (§1.5)', () => {
    expect(parsePrefer('odata.maxpagesize=10000').maxPageSize).toBe(5000);
  });
});

describe('annotationWanted', () => {
  it('matches exact names, * and prefix wildcards', () => {
    const fv = 'OData.Community.Display.V1.FormattedValue';
    expect(annotationWanted(parsePrefer('odata.include-annotations="*"'), fv)).toBe(true);
    expect(annotationWanted(parsePrefer(`odata.include-annotations="${fv}"`), fv)).toBe(true);
    expect(annotationWanted(parsePrefer(`odata.include-annotations="${fv}"`), 'Microsoft.Dynamics.CRM.lookuplogicalname')).toBe(false);
    expect(annotationWanted(parsePrefer('odata.include-annotations="OData.Community.Display.V1.*"'), fv)).toBe(true);
    const errorsOnly = parsePrefer('odata.include-annotations="OData.Community.Display.V1.FormattedValue,Microsoft.PowerApps.CDS.ErrorDetails*"');
    expect(annotationWanted(errorsOnly, 'Microsoft.PowerApps.CDS.ErrorDetails.OperationStatus')).toBe(true);
    expect(annotationWanted(errorsOnly, 'Microsoft.Dynamics.CRM.associatednavigationproperty')).toBe(false);
    expect(annotationWanted(parsePrefer(undefined), fv)).toBe(false);
  });

  it('lets -term exclusions win', () => {
    const prefer = parsePrefer('odata.include-annotations="*,-Microsoft.Dynamics.CRM.*"');
    expect(annotationWanted(prefer, 'Microsoft.Dynamics.CRM.lookuplogicalname')).toBe(false);
    expect(annotationWanted(prefer, 'OData.Community.Display.V1.FormattedValue')).toBe(true);
  });
});

describe('preferenceApplied', () => {
  it('echoes only what was applied, with include-annotations quoted as sent', () => {
    const prefer = parsePrefer(['odata.include-annotations="OData.Community.Display.V1.FormattedValue"', 'odata.maxpagesize=2', 'return=representation']);
    expect(preferenceApplied(prefer, { includeAnnotations: true })).toBe('odata.include-annotations="OData.Community.Display.V1.FormattedValue"');
    expect(preferenceApplied(prefer, { maxPageSize: true, returnRepresentation: true })).toBe('return=representation,odata.maxpagesize=2');
    expect(preferenceApplied(prefer, { trackChanges: true })).toBe('');
  });
});
