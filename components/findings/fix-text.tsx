import type { ReactNode } from "react";

/** Detector text: one paragraph per line, `backticks` as code (commands to run). */
export function FixText({ text }: { text: string }) {
  return (
    <div className="flex flex-col gap-1 text-sm text-zinc-300">
      {text.split("\n").map((line, i) => (
        <p key={i}>{withCode(line)}</p>
      ))}
    </div>
  );
}

function withCode(line: string): ReactNode[] {
  return line.split("`").map((part, i) =>
    i % 2 === 1 ? (
      <code key={i} className="rounded bg-zinc-800 px-1 py-0.5 font-mono text-[12px] text-zinc-100">
        {part}
      </code>
    ) : (
      part
    ),
  );
}
