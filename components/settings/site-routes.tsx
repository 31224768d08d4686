"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select, controlProps } from "@/components/ui/field";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatDurationMs } from "@/components/format";
import { api } from "@/lib/api-client";
import { routePair, type SiteRouteView, type SiteView } from "@/lib/domain/site";

/**
 * Sites are named on each host (its form's Site field); here the user declares which sites can
 * reach each other, so iperf tests between their hosts are allowed.
 */
export function SiteRoutes({ sites, initial }: { sites: SiteView[]; initial: SiteRouteView[] }) {
  const [routes, setRoutes] = useState(initial);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [errors, setErrors] = useState<{ siteA?: string; siteB?: string }>({});
  const [pending, setPending] = useState(false);
  const names = sites.map((s) => s.name);

  async function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const a = String(data.get("siteA") ?? "");
    const b = String(data.get("siteB") ?? "");
    if (a === b) {
      setErrors({ siteB: "Pick another site than the first" });
      setMessage({ ok: false, text: "A route joins two different sites; nothing was saved." });
      return;
    }
    setPending(true);
    const res = await api.sites.addRoute(a, b);
    setPending(false);
    if (!res.ok) {
      setErrors(res.error.fields ?? {});
      setMessage({ ok: false, text: res.error.message });
      return;
    }
    setErrors({});
    const pair = routePair(a, b);
    setRoutes((rs) => (rs.some((r) => r.siteA === pair.siteA && r.siteB === pair.siteB) ? rs : [...rs, res.data].sort((x, y) => `${x.siteA} ${x.siteB}`.localeCompare(`${y.siteA} ${y.siteB}`))));
    setMessage({ ok: true, text: `Tests between ${pair.siteA} and ${pair.siteB} are allowed.` });
  }

  async function remove(r: SiteRouteView) {
    setPending(true);
    const res = await api.sites.removeRoute(r.siteA, r.siteB);
    setPending(false);
    if (!res.ok) {
      setMessage({ ok: false, text: res.error.message });
      return;
    }
    setRoutes((rs) => rs.filter((x) => !(x.siteA === r.siteA && x.siteB === r.siteB)));
    setMessage({ ok: true, text: `Tests between ${r.siteA} and ${r.siteB} are refused again.` });
  }

  return (
    <div className="flex flex-col gap-4 p-4">
      <p className="text-sm text-zinc-400">
        A host&apos;s site is set on its form (Site). Between two sites, hosts reach each other over a VPN or the internet, if at all, so
        netdiag runs iperf tests between them only when you declare a route here.
      </p>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-emerald-300" : "text-red-300"}`}>
          {message.text}
        </p>
      )}
      <Table label="Sites">
        <THead>
          <TR>
            <TH>Site</TH>
            <TH align="right">Hosts</TH>
            <TH>Routes to</TH>
            <TH>Collected by</TH>
            <TH>Sweeps</TH>
          </TR>
        </THead>
        <TBody>
          {sites.map((s) => {
            const to = routes.flatMap((r) => (r.siteA === s.name ? [r.siteB] : r.siteB === s.name ? [r.siteA] : []));
            return (
              <TR key={s.name}>
                <TD mono>{s.name}</TD>
                <TD align="right">{s.hosts}</TD>
                <TD>{to.length ? to.join(", ") : <span className="text-zinc-400">none</span>}</TD>
                <TD wrap>
                  {s.uncovered && (
                    <div className="mb-1">
                      <Badge tone="warn" dot>
                        no live collector: its collections wait
                      </Badge>
                    </div>
                  )}
                  <ul aria-label={`Collectors of ${s.name}`} className="flex flex-col gap-0.5 text-xs">
                    {s.collectors.slice(0, 3).map((c) => (
                      <li key={c.id} className={c.live ? "text-zinc-200" : "text-zinc-400"}>
                        <span className="font-mono">{c.hostname}</span> {c.role === "web" ? "(web server)" : "(collector)"} v{c.version}
                        {c.live ? " · live" : " · stopped or silent"} · seen <RelativeTime iso={c.lastSeenAt} /> · {c.jobsDone} {c.jobsDone === 1 ? "job" : "jobs"}
                        {c.lastJobAt && (
                          <>
                            , last <RelativeTime iso={c.lastJobAt} />
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                </TD>
                <TD wrap>
                  <SweepLag site={s} />
                </TD>
              </TR>
            );
          })}
        </TBody>
      </Table>
      {routes.length > 0 && (
        <ul aria-label="Declared routes" className="flex flex-col gap-2">
          {routes.map((r) => (
            <li key={`${r.siteA}|${r.siteB}`} className="flex items-center gap-3 text-sm text-zinc-200">
              <span className="font-mono">
                {r.siteA} ↔ {r.siteB}
              </span>
              <Button variant="ghost" size="sm" disabled={pending} onClick={() => remove(r)} aria-label={`Remove the route between ${r.siteA} and ${r.siteB}`}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      {names.length < 2 ? (
        <p className="text-sm text-zinc-400">Every host is at one site. Set a second site on a host to declare a route.</p>
      ) : (
        <form onSubmit={add} noValidate aria-label="Declare a route" className="flex flex-wrap items-end gap-3">
          <Field id="route-site-a" label="From site" error={errors.siteA}>
            <Select {...controlProps("route-site-a", errors.siteA)} name="siteA" defaultValue={names[0]}>
              {names.map((n) => (
                <option key={n}>{n}</option>
              ))}
            </Select>
          </Field>
          <Field id="route-site-b" label="To site" error={errors.siteB}>
            <Select {...controlProps("route-site-b", errors.siteB)} name="siteB" defaultValue={names[1]}>
              {names.map((n) => (
                <option key={n}>{n}</option>
              ))}
            </Select>
          </Field>
          <Button type="submit" variant="primary" pending={pending}>
            Declare route
          </Button>
        </form>
      )}
    </div>
  );
}

/** The site's sweep: when it last ran, and how far behind it is (a minute late is still on time). */
function SweepLag({ site }: { site: SiteView }) {
  if (site.lagSeconds === null) return <span className="text-xs text-zinc-400">no periodic collection</span>;
  return (
    <div className="flex flex-col gap-1 text-xs">
      <span>
        last {site.lastSweepAt ? <RelativeTime iso={site.lastSweepAt} /> : "never"}
      </span>
      {site.lagSeconds >= 60 ? (
        <Badge tone="warn" dot>
          behind by {formatDurationMs(site.lagSeconds * 1000)}
        </Badge>
      ) : (
        <span className="text-zinc-400">on time</span>
      )}
    </div>
  );
}
