import { parseArgs } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { InvalidInputError } from "../../../shared/errors.ts";
import { runCli, UserError } from "../../../trainers/common/cli.ts";

describe("runCli", () => {
  afterEach(() => vi.restoreAllMocks());

  it("turns user mistakes into exit 2 with `name: message` and no stack", async () => {
    for (const mistake of [
      () => {
        throw new UserError("--n is required");
      },
      () => {
        throw new InvalidInputError("/theta", "bad theta");
      },
      () => {
        parseArgs({ args: ["--nope"], options: {} });
      },
    ]) {
      const exit = vi.spyOn(process, "exit").mockImplementation(((code: number) => {
        throw new Error(`exit ${code}`);
      }) as never);
      const error = vi.spyOn(console, "error").mockImplementation(() => {});
      await expect(runCli("tool", mistake)).rejects.toThrow("exit 2");
      expect(exit).toHaveBeenCalledWith(2);
      expect(String(error.mock.calls[0]?.[0])).toMatch(/^tool: /);
      vi.restoreAllMocks();
    }
  });

  it("lets bugs through with their stack", async () => {
    const exit = vi.spyOn(process, "exit");
    await expect(
      runCli("tool", () => {
        throw new RangeError("index out of range");
      }),
    ).rejects.toThrow(RangeError);
    expect(exit).not.toHaveBeenCalled();
  });
});
