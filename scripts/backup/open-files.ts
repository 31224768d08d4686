// Which other processes have a file open, from /proc/<pid>/fd (Linux).
// Restore uses it to tell whether netdiag runs on the database it would replace: the server
// keeps the database and its -wal/-shm open for its whole life, busy or idle, on whatever
// port. The alternatives miss cases: a port check misses a server started with another
// PORT and blames an unrelated program on 3000; a SQLite lock probe misses an idle server,
// because in WAL mode a connection holds no lock on the database file between transactions.
import fs from "node:fs";

export type Opener = { pid: number; command: string };

/** null when /proc cannot be read (not Linux); processes of other users are not visible (their files are not ours to replace either). */
export function processesWithOpen(files: string[]): Opener[] | null {
  const wanted = new Set(files.flatMap((f) => { try { return [fs.realpathSync(f)]; } catch { return []; } }));
  let pids: string[];
  try {
    pids = fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  } catch {
    return null;
  }
  const out: Opener[] = [];
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // exited meanwhile, or another user's
    }
    const hit = fds.some((fd) => {
      try {
        return wanted.has(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        return false;
      }
    });
    if (!hit) continue;
    let command = "";
    try {
      command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
    } catch {
      // exited since
    }
    out.push({ pid: Number(pid), command: command.length > 120 ? `${command.slice(0, 117)}...` : command });
  }
  return out;
}
