// The ordered import stages every vehicle moves through, with their labels.

export const IMPORT_STAGES = [
  'pending',
  'purchased',
  'export_cleared',
  'at_origin_port',
  'in_transit',
  'arrived',
  'customs_cleared',
  'compliance_passed',
  'registered',
  'delivered',
] as const;
export type ImportStage = (typeof IMPORT_STAGES)[number];

export const STAGE_LABELS: Record<ImportStage, string> = {
  pending: 'Pending',
  purchased: 'Purchased',
  export_cleared: 'Export cleared',
  at_origin_port: 'At origin port',
  in_transit: 'In transit',
  arrived: 'Arrived',
  customs_cleared: 'Customs cleared',
  compliance_passed: 'Compliance passed',
  registered: 'Registered',
  delivered: 'Delivered',
};

export const FINAL_STAGE_INDEX = IMPORT_STAGES.length - 1;

export function stageIndex(stage: ImportStage): number {
  return IMPORT_STAGES.indexOf(stage);
}

/** A vehicle is in process once it has moved past `pending`. */
export function isInProcess(stage: ImportStage): boolean {
  return stage !== 'pending';
}

/** A vehicle has completed its import process once delivered. */
export function isDelivered(stage: ImportStage): boolean {
  return stage === 'delivered';
}

export function emptyStageCounts(): Record<ImportStage, number> {
  return Object.fromEntries(IMPORT_STAGES.map((s) => [s, 0])) as Record<ImportStage, number>;
}
