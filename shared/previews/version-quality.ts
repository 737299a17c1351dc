import { z } from 'zod';

/**
 * One axe-core rule a version breaks, as the renderer stores it on the version's row
 * (`preview_versions.quality_findings`, a JSON array) and `ops job` reads it back.
 */
export const qualityFindingSchema = z.object({
  /** axe's rule id, e.g. `color-contrast`. */
  rule: z.string(),
  /** `minor`, `moderate`, `serious` or `critical`. */
  impact: z.string(),
  /** On how many elements. */
  elements: z.number(),
  /** axe's one-line description of the rule. */
  help: z.string(),
});
export type QualityFinding = z.infer<typeof qualityFindingSchema>;

/** axe-core's impacts, mildest first. */
export const IMPACTS = ['minor', 'moderate', 'serious', 'critical'] as const;

/** Whether a finding is one a user would stumble over: serious or critical. */
export const isSerious = (finding: QualityFinding) => finding.impact === 'serious' || finding.impact === 'critical';
