import type { MetadataRegistry } from './metadata/registry';
import type { OrgInfo } from './org-seed';
import type { RecordService } from './pipeline/service';
import type { DataverseStore } from './store/types';

/** The emulator's state shared by all routes. */
export interface EmulatorCore {
  registry: MetadataRegistry;
  store: DataverseStore;
  service: RecordService;
  org: OrgInfo;
}
