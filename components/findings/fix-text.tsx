import { fixSpans } from "@/lib/domain/fix-spans";

/** Detector text: one paragraph per line, code spans (commands to run) as code; see lib/domain/fix-spans.ts. */
export function FixText({ text }: { text: string }) {
  return (
    <div className="flex flex-col gap-1 text-sm text-zinc-300">
      {text.split("\n").map((line, i) => (
        <p key={i}>
          {fixSpans(line).map((s, j) =>
            s.code ? (
              <code key={j} className="rounded bg-zinc-800 px-1 py-0.5 font-mono text-[12px] text-zinc-100">
                {s.text}
              </code>
            ) : (
              s.text
            ),
          )}
        </p>
      ))}
    </div>
  );
}
