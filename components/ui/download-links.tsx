/**
 * "Download CSV · JSON" for a list API that exports (?format=csv|json, lib/api/download.ts):
 * plain links, so the browser's own download (and the session cookie) does the work.
 */
export function DownloadLinks({ href, what }: { href: string; what: string }) {
  const url = (format: "csv" | "json") => `${href}${href.includes("?") ? "&" : "?"}format=${format}`;
  const link = "rounded px-1 text-sky-300 hover:text-sky-200 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400";
  return (
    <span className="flex items-center gap-1 text-xs text-zinc-400">
      Download
      <a href={url("csv")} download aria-label={`Download ${what} as CSV`} className={link}>
        CSV
      </a>
      ·
      <a href={url("json")} download aria-label={`Download ${what} as JSON`} className={link}>
        JSON
      </a>
    </span>
  );
}
