// Holds millions of generated stage events in flat arrays until they can be written oldest first.

/** Stage events waiting to be written, kept in flat arrays (there are millions). */
export class StageEventBuffer {
  private vehicleIds: string[] = [];
  private stages: number[] = [];
  private times: number[] = [];
  private recordedBy: string[] = [];

  add(vehicleId: string, stage: number, time: number, by: string): void {
    this.vehicleIds.push(vehicleId);
    this.stages.push(stage);
    this.times.push(time);
    this.recordedBy.push(by);
  }

  /** Positions of the buffered events, oldest first. */
  oldestFirst(): Uint32Array {
    const order = Uint32Array.from(this.times.keys());
    return order.sort((a, b) => (this.times[a] ?? 0) - (this.times[b] ?? 0));
  }

  at(i: number): { vehicleId: string; stage: number; time: number; by: string } {
    return { vehicleId: this.vehicleIds[i] ?? '', stage: this.stages[i] ?? 0, time: this.times[i] ?? 0, by: this.recordedBy[i] ?? '' };
  }

  clear(): void {
    this.vehicleIds = [];
    this.stages = [];
    this.times = [];
    this.recordedBy = [];
  }
}
