import { Sparkline } from "@/components/charts/sparkline";
import { COLORS, type Series } from "@/components/charts/series";
import { formatBitsPerSecond } from "@/components/format";
import type { TrafficSpark } from "@/lib/domain/traffic";

type SparkPoint = TrafficSpark["points"][number];
const line = (points: SparkPoint[], key: "rx" | "tx") => points.flatMap((p) => (p[key] === null ? [] : [{ t: p.t, value: p[key] }]));
const latest = (points: SparkPoint[], key: "rx" | "tx") => points.findLast((p) => p[key] !== null)?.[key] ?? null;

/** RX/TX of one NIC over the last 24 hours; its name carries the latest figures (the line itself is an image). */
export function NicTrafficSpark({ spark, width = 96, height = 24, prefix = "" }: { spark: TrafficSpark | undefined; width?: number; height?: number; prefix?: string }) {
  const series: Series[] = spark ? [{ key: "rx", name: "RX", color: COLORS.rx, points: line(spark.points, "rx") }, { key: "tx", name: "TX", color: COLORS.tx, points: line(spark.points, "tx") }] : [];
  if (!spark || series.every((s) => s.points.length === 0)) return null;
  const label = `${prefix}${spark.name}, last 24 hours: latest RX ${formatBitsPerSecond(latest(spark.points, "rx"))}, TX ${formatBitsPerSecond(latest(spark.points, "tx"))}`;
  return <Sparkline series={series} label={label} width={width} height={height} />;
}
