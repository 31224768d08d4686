import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

const control =
  "block w-full rounded-md border bg-zinc-950 px-2.5 text-sm text-zinc-100 placeholder:text-zinc-600 " +
  "focus:outline-none focus:ring-2 focus:ring-sky-500/50 disabled:opacity-60 " +
  "aria-[invalid=true]:border-red-500/70 aria-[invalid=true]:focus:ring-red-500/40";

/** Wires a control to its label, hint and error: pass the result to the input. */
export function controlProps(id: string, error?: string, hint?: ReactNode) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ");
  return {
    id,
    "aria-invalid": error ? (true as const) : undefined,
    "aria-describedby": describedBy || undefined,
  };
}

type FieldProps = { id: string; label: string; error?: string; hint?: ReactNode; required?: boolean; children: ReactNode };

export function Field({ id, label, error, hint, required, children }: FieldProps) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-zinc-300">
        {label}
        {required && (
          <span className="ml-0.5 text-zinc-400" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {children}
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-400">
          {error}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-zinc-400">
          {hint}
        </p>
      )}
    </div>
  );
}

export function Input({ className = "", ...rest }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={`${control} h-8 border-zinc-700 ${className}`} {...rest} />;
}

export function Select({ className = "", ...rest }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={`${control} h-8 border-zinc-700 pr-8 ${className}`} {...rest} />;
}

export function Textarea({ className = "", ...rest }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={`${control} border-zinc-700 py-2 font-mono text-xs ${className}`} {...rest} />;
}
