// What the command line touches outside itself, injectable for tests.

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** "Now", for next runs (tests pin it). */
  now(): Date;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    now: () => new Date(),
  };
}

/** An io that records everything, for tests and the benchmark. */
export function memoryIo(now: Date = new Date()): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
    now: () => now,
  };
  return io;
}
