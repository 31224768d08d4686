import type { ReactNode } from "react";

export function AuthCard({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <div className="mx-auto mt-10 w-full max-w-sm rounded-lg border border-zinc-800 bg-zinc-900/60 p-6">
      <h1 className="text-lg font-semibold text-zinc-50">{title}</h1>
      <p className="mb-5 mt-1 text-sm text-zinc-400">{description}</p>
      {children}
    </div>
  );
}
