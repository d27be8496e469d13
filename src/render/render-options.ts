export interface RenderOptions {
  color: boolean;
  verbose: boolean;
  /** How many references text output shows. */
  maxReferences?: number;
}
