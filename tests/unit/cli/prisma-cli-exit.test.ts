import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const PRELOAD = path.resolve(__dirname, "../../../prisma/cli-exit-promptly.cjs");

// The smallest module that calls back into JavaScript, as the Prisma schema engine does: it imports env.f and exports
// run(), which calls it, so f runs with a WebAssembly frame on its stack.
const CALLS_BACK = [
  "0061736d01000000", // magic, version
  "010401600000", // one type: () -> ()
  "02090103656e76016600", // import env.f of that type
  "00",
  "03020100", // one function of that type
  "0707010372756e0001", // export it as run
  "0a0601040010000b", // its body: call f
].join("");

/** Sets two timers through the preload, one from inside WebAssembly and one from plain JavaScript; says whether each keeps the process alive. */
function timersKeepingTheProcessAlive(delay: number) {
  const script = `
    const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from("${CALLS_BACK}", "hex")), {
      env: { f: () => { globalThis.fromEngine = setTimeout(() => {}, ${delay}); } },
    });
    instance.exports.run();
    const fromJavaScript = setTimeout(() => {}, ${delay});
    console.log(JSON.stringify({ fromEngine: globalThis.fromEngine.hasRef(), fromJavaScript: fromJavaScript.hasRef() }));
    clearTimeout(globalThis.fromEngine);
    clearTimeout(fromJavaScript);`;
  return JSON.parse(execFileSync(process.execPath, ["--require", PRELOAD, "-e", script], { encoding: "utf8" })) as Record<string, boolean>;
}

describe("the Prisma CLI's preload", () => {
  it("lets the engine's 10-second timers (the lock time-out it never clears) stop keeping the CLI alive", () => {
    expect(timersKeepingTheProcessAlive(10_000)).toEqual({ fromEngine: false, fromJavaScript: true });
  });

  it("leaves the engine's shorter timers, and every timer of plain JavaScript, as they were", () => {
    expect(timersKeepingTheProcessAlive(5_000)).toEqual({ fromEngine: true, fromJavaScript: true });
  });
});
