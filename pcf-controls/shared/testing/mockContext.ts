/**
 * A hand-written minimal ComponentFramework.Context for lifecycle tests. `@shko.online/componentframework-mock`
 * (spec §6) is not in this machine's package list, so only what the adapters read is modelled here.
 */
export interface MockContextOptions {
  entityTypeName?: string;
  entityId?: string | null;
  disabled?: boolean;
  languageId?: number;
  parameters?: Record<string, unknown>;
  strings?: Record<string, string>;
  envRecords?: Record<string, unknown>[];
}

export interface MockContext {
  context: ComponentFramework.Context<never>;
  webApiCalls: { entity: string; options?: string }[];
  set(options: Partial<MockContextOptions>): void;
}

export function mockContext(initial: MockContextOptions = {}): MockContext {
  let o: MockContextOptions = { entityTypeName: 'contact', entityId: '{11111111-2222-3333-4444-555555555555}', disabled: false, languageId: 1033, ...initial };
  const webApiCalls: { entity: string; options?: string }[] = [];
  const context = {
    mode: {
      get isControlDisabled() { return o.disabled ?? false; },
      get contextInfo() { return { entityTypeName: o.entityTypeName, entityId: o.entityId ?? undefined }; },
      isVisible: true,
      label: 'Clarity',
      allocatedHeight: -1,
      allocatedWidth: -1,
      setControlState: () => true,
      setFullScreen: () => undefined,
      trackContainerResize: () => undefined,
    },
    get parameters() { return o.parameters ?? {}; },
    get userSettings() { return { languageId: o.languageId, userId: '{u}', userName: 'Test User' }; },
    resources: { getString: (key: string) => o.strings?.[key] ?? key, getResource: () => undefined },
    formatting: {
      formatDateShort: (d: Date) => d.toISOString().slice(0, 10),
      formatInteger: (n: number) => `#${n}`,
    },
    webAPI: {
      retrieveMultipleRecords: async (entity: string, options?: string) => {
        webApiCalls.push({ entity, options });
        return { entities: o.envRecords ?? [], nextLink: undefined };
      },
    },
  };
  return {
    context: context as unknown as ComponentFramework.Context<never>,
    webApiCalls,
    set: (next) => (o = { ...o, ...next }),
  };
}

export function textParam(raw: string | null): { raw: string | null } {
  return { raw };
}
