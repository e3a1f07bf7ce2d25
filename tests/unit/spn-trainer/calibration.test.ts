import { describe, expect, it } from "vitest";
import { runCalibration, SMALL_CALIBRATION } from "../../../trainers/spn/calibration.ts";

/**
 * Fast version of `npm run eval:spn:calibration` (issue 13 item 2): one synthetic data set (400
 * rows from a known 3-component SPN over 6 binary variables), one small training run, 200 queries.
 * On this seed the served 90% intervals cover 91% (0.85-0.95 required); pooled over the eval's 8
 * seeds the figure is 0.836 (docs/spn-api.md), so the pooled target is not met.
 */
describe("calibration of the served spread on synthetic data", () => {
  it("covers the true p(q | e) with 85-95% of the 90% intervals, where the members alone cover far less", () => {
    const draws = runCalibration(SMALL_CALIBRATION);
    const members = runCalibration({ ...SMALL_CALIBRATION, spreadOver: "members" });
    expect(draws.queries).toBeGreaterThanOrEqual(200);
    expect(draws.coverage).toBeGreaterThanOrEqual(0.85);
    expect(draws.coverage).toBeLessThanOrEqual(0.95);
    expect(members.coverage).toBeLessThan(draws.coverage - 0.2);
  }, 120_000);
});
