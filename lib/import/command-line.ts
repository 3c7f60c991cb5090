// Shared by the import, export and seed commands: argument parsing with a usage text, and one way to fail.
import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** A command's arguments; a mistake prints the usage and exits 2, --help prints it and exits 0. */
export function commandLine(usage: string) {
  const fail = (message: string): never => {
    console.error(`✗ ${message}\n\n${usage}`);
    process.exit(2);
  };
  const parse = <O extends Options>(options: O) => {
    let parsed;
    try {
      parsed = parseArgs({ allowPositionals: true, options: { ...options, help: { type: "boolean", short: "h", default: false } } });
    } catch (error) {
      return fail((error as Error).message);
    }
    if ((parsed.values as { help?: boolean }).help) {
      console.log(usage);
      process.exit(0);
    }
    return parsed;
  };
  return { fail, parse };
}

/** The last word of a failed command: the message users can act on, exit code 1. */
export function exitWithError(error: unknown): never {
  console.error(
    `✗ ${error instanceof Error && "userMessage" in error ? (error as { userMessage: string }).userMessage : error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
