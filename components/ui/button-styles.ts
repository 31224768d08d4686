export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";
export type ButtonSize = "sm" | "md";

const base =
  "inline-flex items-center justify-center gap-1.5 whitespace-nowrap rounded-md font-medium transition-colors " +
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400 " +
  "disabled:cursor-not-allowed disabled:opacity-60";

const variants: Record<ButtonVariant, string> = {
  // sky-700: white text on it meets WCAG AA (4.5:1); sky-500 gave 2.8:1.
  primary: "bg-sky-700 text-white hover:bg-sky-600 disabled:hover:bg-sky-700",
  secondary: "border border-zinc-700 bg-zinc-800/70 text-zinc-100 hover:bg-zinc-700/70",
  danger: "bg-red-600 text-white hover:bg-red-500 disabled:hover:bg-red-600",
  ghost: "text-zinc-300 hover:bg-zinc-800 hover:text-zinc-100",
};

const sizes: Record<ButtonSize, string> = { sm: "h-7 px-2.5 text-xs", md: "h-8 px-3 text-sm" };

export function buttonClass(variant: ButtonVariant = "secondary", size: ButtonSize = "md", extra = ""): string {
  return `${base} ${variants[variant]} ${sizes[size]} ${extra}`;
}
